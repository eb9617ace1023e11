# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-worker-sample.c
# shellcheck shell=sh
plan 19
mod=kthread-worker-sample
name=kthread_worker_sample

mark "worker 300"
check "insmod delay_ms=300 succeeds" insmod_ok $mod delay_ms=300
check "the work runs in the worker thread, on cpu0" klog_has "$name: work runs in sample-worker/0 \(pid [0-9]+\) on cpu0$"
flushed_after_run() {
	_log=$(klog_since "worker 300")
	# Not "delayed work runs in": on a slow guest it may have run by now.
	_run=$(echo "$_log" | grep -n "$name: work runs in" | head -n 1 | cut -d: -f1)
	_flush=$(echo "$_log" | grep -n "$name: kthread_flush_work() returned" | head -n 1 | cut -d: -f1)
	[ -n "$_run" ] && [ -n "$_flush" ] && [ "$_run" -lt "$_flush" ] && return 0
	diag "work line $_run, flush line $_flush"
	return 1
}
check "kthread_flush_work() returns after the work ran" flushed_after_run
check "the worker thread sample-worker/0 exists" ge "pid" "$(pid_of sample-worker/0)" 1
# SCHED_FIFO is policy 1 (field 41), sched_set_fifo() gives priority 50 (field 40).
fifo50() {
	_pid=$(pid_of sample-worker/0)
	eq "sample-worker/0 policy, rt_priority" "$(stat_field "$_pid" 41) $(stat_field "$_pid" 40)" "1 50"
}
check "sample-worker/0 is SCHED_FIFO, priority 50" fifo50
bound0() {
	_pid=$(pid_of sample-worker/0)
	eq "allowed CPUs" "$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$_pid/status")" 0 &&
		eq "last CPU" "$(stat_field "$_pid" 39)" 0
}
check "it is bound to CPU 0 and ran there" bound0
cancelled() {
	_log=$(klog_since "worker 300")
	echo "$_log" | grep -q "$name: cancelled the work queued behind the slow one$" &&
		eq "work runs" "$(echo "$_log" | grep -c "$name: work runs in")" 1
}
check "the work queued behind the slow one is cancelled and never runs" cancelled
flushed_worker() {
	_log=$(klog_since "worker 300")
	_slow=$(echo "$_log" | grep -n "$name: slow work done$" | head -n 1 | cut -d: -f1)
	_flush=$(echo "$_log" | grep -n "$name: kthread_flush_worker() returned" | head -n 1 | cut -d: -f1)
	[ -n "$_slow" ] && [ -n "$_flush" ] && [ "$_slow" -lt "$_flush" ] && return 0
	diag "slow work line $_slow, flush line $_flush"
	return 1
}
check "kthread_flush_worker() returns after the slow work ran" flushed_worker
ran() { klog_since "worker 300" | grep -q "$name: delayed work runs in sample-worker/0"; }
check "the delayed work runs" wait_until 5 ran
ms=$(klog_since "worker 300" | sed -n -E "s/.*delayed work runs in sample-worker\/0, ([0-9]+) ms after.*/\1/p")
in_time() { ge "delay (ms)" "$ms" 300 && le "delay (ms)" "$ms" 800; }
check "it runs 300 ms after queueing, not 60 s (mod_delayed_work)" in_time
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "nothing to cancel after it ran" eq "cancel lines" \
	"$(klog_since "worker 300" | grep -c 'cancelled the pending')" 0

# 30 s: still pending at the rmmod even where loading and unloading take
# over a second (32-bit arm under TCG on a busy host).
mark "worker pending"
check "insmod delay_ms=30000 succeeds" insmod_ok $mod delay_ms=30000
check "rmmod with the delayed work pending, within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
pending_cancelled() {
	_log=$(klog_since "worker pending")
	echo "$_log" | grep -q "$name: cancelled the pending delayed work$" &&
		echo "$_log" | grep -q "$name: worker destroyed$" &&
		! echo "$_log" | grep -q "delayed work runs"
}
check "the pending delayed work is cancelled, never run, then the worker destroyed" pending_cancelled
check "no sample-worker/0 thread left" no_thread sample-worker/0

bad_values() {
	for v in 0 60001 -1 abc ""; do
		insmod_einval $mod "delay_ms=$v" || return 1
	done
	insmod_erange $mod delay_ms=4294967296
}
check "delay_ms=0, 60001, -1, abc, empty are refused with EINVAL, 2^32 with ERANGE" bad_values
bad_cpus() {
	for v in 2 4294967295 -1 abc ""; do
		insmod_einval $mod "cpu=$v" || return 1
	done
	insmod_erange $mod cpu=4294967296
}
check "cpu=2 (not a CPU), 2^32-1, -1, abc, empty are refused with EINVAL, 2^32 with ERANGE" bad_cpus
on_cpu1() {
	insmod_ok $mod cpu=1 delay_ms=1 || return 1
	_ok=0
	klog_has "$name: work runs in sample-worker/1 \(pid [0-9]+\) on cpu1$" || _ok=1
	rmmod_ok $name "$PROMPT_MS" && return $_ok
}
check "with cpu=1, sample-worker/1 runs the work on cpu1" on_cpu1
