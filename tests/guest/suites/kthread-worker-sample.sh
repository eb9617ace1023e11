# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-worker-sample.c
# shellcheck shell=sh

# first_work MARK: "COMM CPU POLICY RT_PRIORITY" from the first work's line
# that module $name logged since MARK. extra/bug-worker-fifo-late.sh runs
# the same check: it sources this file with WORKER_HELPERS_ONLY=1.
first_work() {
	klog_since "$1" | sed -n -E \
		"s/.*$name: first work runs in ([^ ]+) on cpu([0-9]+): policy ([0-9]+), rt_priority ([0-9]+)$/\1 \2 \3 \4/p" |
		head -n 1
}
# first_work_fifo MARK: it already ran at SCHED_FIFO (1), priority 50.
first_work_fifo() {
	# shellcheck disable=SC2046  # split the four fields
	set -- $(first_work "$1")
	eq "first work: policy, rt_priority" "$3 $4" "1 50"
}

[ "${WORKER_HELPERS_ONLY:-0}" = 1 ] && return 0

plan 23
mod=kthread-worker-sample
name=kthread_worker_sample
cpu1=/sys/devices/system/cpu/cpu1/online
# line_of MARK ERE: the number of the first log line since MARK matching ERE.
line_of() { klog_since "$1" | grep -n -E "$2" | head -n 1 | cut -d: -f1; }
# before MARK WHAT1 ERE1 WHAT2 ERE2: ERE1's line comes before ERE2's.
before() {
	_a=$(line_of "$1" "$3") _b=$(line_of "$1" "$5")
	[ -n "$_a" ] && [ -n "$_b" ] && [ "$_a" -lt "$_b" ] && return 0
	diag "$2 at line '$_a', $4 at line '$_b'"
	return 1
}
allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$1/status"; }

mark "worker 300"
check "insmod delay_ms=300 succeeds" insmod_ok $mod delay_ms=300
check "the first work runs in sample-worker/0 on cpu0" \
	eq "first work: comm, cpu" "$(first_work "worker 300" | cut -d' ' -f1,2)" "sample-worker/0 0"
check "the first work already runs at SCHED_FIFO, rt_priority 50" first_work_fifo "worker 300"
check "kthread_flush_work() returns after the work ran" before "worker 300" \
	"first work" "$name: first work runs" "flush" "$name: kthread_flush_work\(\) returned$"
pid=$(pid_of sample-worker/0)
check "the worker thread sample-worker/0 exists" ge "pid" "$pid" 1
# /proc/PID/stat: rt_priority is field 40, policy field 41 (SCHED_FIFO is 1).
check "sample-worker/0 is SCHED_FIFO, priority 50" \
	eq "policy, rt_priority" "$(stat_field "$pid" 41) $(stat_field "$pid" 40)" "1 50"
bound0() { eq "allowed CPUs" "$(allowed "$pid")" 0 && eq "last CPU" "$(stat_field "$pid" 39)" 0; }
check "it is bound to CPU 0 and last ran there" bound0
cancelled() {
	klog_since "worker 300" | grep -q "$name: cancelled the work queued behind the slow one$" &&
		eq "cancelled work runs" "$(klog_since "worker 300" | grep -c "$name: cancelled work runs$")" 0
}
check "the work queued behind the slow one is cancelled and never runs" cancelled
check "kthread_flush_worker() returns after the slow work ran" before "worker 300" \
	"slow work" "$name: slow work done$" "flush" "$name: kthread_flush_worker\(\) returned$"
ran() { klog_since "worker 300" | grep -q "$name: delayed work runs "; }
check "the delayed work runs" wait_until 5 ran
ms=$(klog_since "worker 300" | sed -n -E "s/.*$name: delayed work runs ([0-9]+) ms after it was moved$/\1/p")
# 290: a jiffy (4 ms at HZ=250) may be under way when the timer is armed.
in_time() { ge "delay (ms)" "$ms" 290 && le "delay (ms)" "$ms" $((300 + 500 * ${KT_TIMESCALE:-1})); }
check "it runs 290 to $((300 + 500 * ${KT_TIMESCALE:-1})) ms after it was moved, not 60 s" in_time
check "rmmod within $RMMOD_BOUND" rmmod_ok $name
check "nothing to cancel after it ran" eq "cancel lines" \
	"$(klog_since "worker 300" | grep -c "$name: cancelled the pending delayed work")" 0

# 30 s: still pending at the rmmod even on a slow guest.
mark "worker pending"
check "insmod delay_ms=30000 succeeds" insmod_ok $mod delay_ms=30000
check "rmmod with the delayed work pending, within $RMMOD_BOUND" rmmod_ok $name
pending_cancelled() {
	before "worker pending" "cancel" "$name: cancelled the pending delayed work$" \
		"destroy" "$name: worker destroyed$" &&
		eq "delayed work runs" "$(klog_since "worker pending" | grep -c "$name: delayed work runs ")" 0
}
check "the pending delayed work is cancelled, never run, then the worker destroyed" pending_cancelled

bad_values() {
	for v in 0 60001 -1 abc ""; do
		insmod_einval "$mod" "delay_ms=$v" || return 1
	done
	insmod_erange "$mod" delay_ms=4294967296
}
check "delay_ms=0, 60001, -1, abc, empty are refused with EINVAL, 2^32 with ERANGE" bad_values
bad_cpus() {
	for v in 2 4294967295 -1 abc ""; do
		insmod_einval "$mod" "cpu=$v" || return 1
	done
	klog_has "$name: cpu=2 is invalid: it must be below 2$"
}
check "cpu=2 (out of range), 2^32-1, -1, abc, empty are refused with EINVAL, and why" bad_cpus
offline() {
	write_ok 0 "$cpu1" || return 1
	_rc=0
	insmod_einval "$mod" cpu=1 || _rc=1
	write_ok 1 "$cpu1" || return 1
	[ $_rc = 0 ] && klog_has "$name: cpu=1 is invalid: it is not online$"
}
check "cpu=1 while CPU 1 is offline is refused with EINVAL, and why" offline

mark "worker cpu1"
check "insmod cpu=1 delay_ms=1 succeeds" insmod_ok $mod cpu=1 delay_ms=1
on_cpu1() {
	eq "first work" "$(first_work "worker cpu1")" "sample-worker/1 1 1 50" &&
		eq "allowed CPUs" "$(allowed "$(pid_of sample-worker/1)")" 1
}
check "sample-worker/1 is bound to CPU 1 and runs its first work there at SCHED_FIFO 50" on_cpu1
check "rmmod within $RMMOD_BOUND" rmmod_ok $name
none_left() { eq "worker threads" "$(threads_matching 'sample-worker*')" "" && not_loaded "$name"; }
check "no worker thread and no module left" none_left
