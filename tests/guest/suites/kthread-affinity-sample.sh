# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-affinity-sample.c
# shellcheck shell=sh
plan 21
mod=kthread-affinity-sample
name=kthread_affinity_sample
cpu1=/sys/devices/system/cpu/cpu1/online

allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null; }
# placed THREAD ALLOWED CPU: THREAD is one task, may run on ALLOWED and
# last ran on CPU (field 39 of /proc/PID/stat).
placed() {
	_pid=$(pid_of "$1")
	[ -n "$_pid" ] || { diag "no single thread $1"; return 1; }
	eq "$1 allowed CPUs" "$(allowed "$_pid")" "$2" && eq "$1 last CPU" "$(stat_field "$_pid" 39)" "$3"
}
since_has() { klog_since "$1" | grep -Eq "$2"; }

check "the guest has CPUs 0 and 1 online (boot with -smp 2)" \
	eq "online CPUs" "$(cat /sys/devices/system/cpu/online)" 0-1
mark "affinity load"
check "insmod cpu=1 succeeds" insmod_ok $mod cpu=1
check "sample-bound/1 is bound to CPU 1 and runs there" placed sample-bound/1 1 1
check "sample-prefer may run on CPU 1 only, and runs there" placed sample-prefer 1 1
ran_on_own() {
	klog_has "$name: sample-bound/1 runs on cpu1$" && klog_has "$name: sample-prefer runs on cpu1$" &&
		eq "other CPUs" "$(klog | grep -cE "$name: sample-(bound/1|preferred) runs on cpu[^1]")" 0
}
check "both say they run on cpu1, and nowhere else" ran_on_own
check "sample-unbound may run on every CPU" eq "sample-unbound allowed CPUs" \
	"$(allowed "$(pid_of sample-unbound)")" 0-1
# kthread_bind() sets PF_NO_SETAFFINITY: nobody may move a bound thread.
unmovable() {
	_out=$(taskset -p 1 "$(pid_of sample-bound/1)" 2>&1) && { diag "taskset moved it: $_out"; return 1; }
	case $_out in
	*"Invalid argument"*) placed sample-bound/1 1 1 ;;
	*) diag "taskset: not EINVAL: $_out"; return 1 ;;
	esac
}
check "taskset cannot move sample-bound/1 (EINVAL)" unmovable

bound=$(pid_of sample-bound/1)
preferred=$(pid_of sample-prefer)
mark "affinity offline"
check "CPU 1 goes offline" write_ok 0 $cpu1
stopped() {
	since_has "affinity offline" "$name: cpu1 offline callback: sample-bound/1 stopped$" &&
		no_thread sample-bound/1
}
check "its offline callback stopped sample-bound/1" stopped
# The callback runs after the CPU stopped taking threads that are not
# per-CPU: the woken thread makes its last pass on CPU 0.
check "sample-bound/1 made its last pass on cpu0" \
	since_has "affinity offline" "$name: sample-bound/1 stops on cpu0$"
fell_back() { since_has "affinity offline" "$name: sample-prefer runs on cpu0$"; }
check "sample-prefer now runs on cpu0" wait_until 3 fell_back
check "the scheduler widened its CPUs to CPU 0" placed sample-prefer 0-1 0

mark "affinity online"
check "CPU 1 comes back online" write_ok 1 $cpu1
rebound() { since_has "affinity online" "$name: sample-bound/1 runs on cpu1$"; }
check "a new sample-bound/1 runs on cpu1" wait_until 3 rebound
renewed() { placed sample-bound/1 1 1 && [ "$(pid_of sample-bound/1)" != "$bound" ]; }
check "it is a new thread, bound to CPU 1" renewed
back() { since_has "affinity online" "$name: sample-prefer runs on cpu1$"; }
returned() { wait_until 3 back && placed sample-prefer 1 1 && eq pid "$(pid_of sample-prefer)" "$preferred"; }
check "sample-prefer is back on cpu1, the same thread" returned
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "no sample thread left" eq "sample threads" "$(sample_threads)" ""

mark "affinity late"
late() {
	write_ok 0 $cpu1 || return 1
	insmod "$MODDIR/$mod.ko" cpu=1 || { write 1 $cpu1; return 1; }
	no_thread sample-bound/1 || { write 1 $cpu1; return 1; }
	write_ok 1 $cpu1 && wait_until 3 since_has "affinity late" "$name: sample-bound/1 runs on cpu1$"
}
check "loaded with CPU 1 offline, sample-bound/1 appears when CPU 1 comes online" late
offline_unload() {
	write_ok 0 $cpu1 || return 1
	rmmod_ok $name "$PROMPT_MS" || { write 1 $cpu1; return 1; }
	write_ok 1 $cpu1 && eq "sample threads" "$(sample_threads)" ""
}
check "rmmod with CPU 1 offline within $PROMPT_MS ms; no thread left" offline_unload

bad_values() {
	for v in 2 4294967295 -1 abc "" 1.5; do
		insmod_einval $mod "cpu=$v" || return 1
	done
	insmod_erange $mod cpu=4294967296
}
check "cpu=2 (not possible), 2^32-1, -1, abc, empty, 1.5 are refused with EINVAL, 2^32 with ERANGE" bad_values
