# SPDX-License-Identifier: GPL-2.0
# Placement and CPU hotplug, as Documentation/core-api/kthread.rst states
# them (tests/modules/guide-hp-*.c; CPU 1 goes offline and comes back):
# - the offline window: a thread bound to CPU 1 and stopped from a
#   CPUHP_AP_ONLINE_DYN teardown runs on CPU 0, not yet stopped and with a
#   wider CPU mask, while something torn down before it is slow; checking
#   its CPU before the per-CPU work keeps that work off CPU 0 (bug-bound-nocb
#   shows the same check failing without it);
# - a bound thread keeps its binding through an offline it sleeps through,
#   and loses it if it is woken while its CPU is offline;
# - a kthread_affine_preferred() thread is moved back to its CPU when the
#   CPU comes back.
# shellcheck shell=sh
plan 16
cpu1=/sys/devices/system/cpu/cpu1/online
allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null; }
last_cpu() { stat_field "$1" 39; }
switches() { sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null; }
# bound_to PID CPUS: PID may run on CPUS only, and last ran on one of them.
bound_to() {
	eq "pid $1 allowed CPUs" "$(allowed "$1")" "$2" && eq "pid $1 last CPU" "$(last_cpu "$1")" "$2"
}

# 1. The offline window.
win=guide_hp_window
check "insmod guide-hp-window cpu=1" insmod_ok test/guide-hp-window cpu=1
check "insmod guide-hp-slow ms=600" insmod_ok test/guide-hp-slow ms=600
# Dynamic states are torn down in reverse order: the later, higher one first.
order() {
	_w=$(klog_value "$win: state ([0-9]+)$")
	_s=$(klog_value "guide_hp_slow: state ([0-9]+)$")
	diag "guide-hp-window has state '$_w', guide-hp-slow state '$_s'"
	[ -n "$_w" ] && [ -n "$_s" ] && [ "$_s" -gt "$_w" ]
}
check "guide-hp-slow's state is above guide-hp-window's (torn down before it)" order
wpid=$(pid_of hp-win/1)
check "hp-win/1 is bound to CPU 1 and runs there" bound_to "$wpid" 1
mark "offline window"
(echo 0 >$cpu1) &
offline=$!
wait_until 5 klog_has "guide_hp_slow: cpu1 teardown sleeps"
sleep 0.2
during=$(allowed "$wpid")
stopping=$(klog_since "offline window" | grep -c "$win: cpu1 teardown: stopping")
wait $offline
window() {
	eq "hp-win/1 stopped when read" "$stopping" 0 &&
		eq "hp-win/1 allowed CPUs mid-offline" "$during" 0-1 &&
		klog_has "$win: hp-win/1: pass [0-9]+ on cpu0, not stopped$"
}
check "mid-offline, not yet stopped, hp-win/1 may run on CPUs 0-1 and ran on cpu0" window
# The stop report, from the teardown: how many passes ran off CPU 1, and
# how many of those did the per-CPU work there.
report() { klog | sed -n -E "s/.*$win: hp-win\/1 stopped: [0-9]+ passes, ([0-9]+) on another CPU, ([0-9]+) of them did the work there$/\\$1/p" | tail -n 1; }
check "hp-win/1 made passes on another CPU before it was stopped" ge "passes off CPU 1" "$(report 1)" 1
# The guide's fix; bug-bound-nocb.sh shows this same check failing.
never_away() { eq "passes that did the work off CPU 1" "$(report 2)" 0; }
check "hp-win/1 never did its per-CPU work off CPU 1" never_away
online() {
	write_ok 1 $cpu1 && wait_until 3 pid_of hp-win/1 >/dev/null &&
		[ "$(pid_of hp-win/1)" != "$wpid" ] && bound_to "$(pid_of hp-win/1)" 1
}
check "CPU 1 back: a new hp-win/1 is bound to CPU 1 and runs there" online
unload() { rmmod_ok guide_hp_slow && rmmod_ok $win; }
check "rmmod guide-hp-slow and guide-hp-window" unload

# 2. Bound, sleeping or woken, and preferred, across an offline.
check "insmod guide-hp-place cpu=1" insmod_ok test/guide-hp-place cpu=1
bpid=$(pid_of hp-bound/1)
spid=$(pid_of hp-sleep/1)
ppid=$(pid_of hp-prefer)
sleep 0.3
before() {
	bound_to "$bpid" 1 && bound_to "$spid" 1 && bound_to "$ppid" 1
}
check "hp-bound/1, hp-sleep/1 and hp-prefer are on CPU 1 only, and run there" before
sw=$(switches "$spid")
mark "offline place"
cycle() {
	write_ok 0 $cpu1 || return 1
	sleep 0.5
	_b=$(allowed "$bpid") _s=$(allowed "$spid") _p=$(allowed "$ppid")
	diag "CPU 1 offline: hp-bound/1 '$_b', hp-sleep/1 '$_s', hp-prefer '$_p'"
	write_ok 1 $cpu1 && eq "hp-sleep/1 allowed while offline" "$_s" 1 &&
		eq "hp-bound/1 allowed while offline" "$_b" 0-1 && eq "hp-prefer allowed while offline" "$_p" 0-1
}
# Woken while their CPU is offline, they get every housekeeping CPU
# (select_fallback_rq()), CPU 1 included though it is offline.
check "CPU 1 offline 0.5 s: hp-sleep/1 keeps CPU 1 only, the woken ones get CPUs 0-1" cycle
sleep 0.3
slept() {
	eq "hp-sleep/1 context switches across the offline" "$(($(switches "$spid") - sw))" 0 &&
		eq "hp-sleep/1 allowed CPUs after" "$(allowed "$spid")" 1
}
check "hp-sleep/1 was not woken and is still bound to CPU 1" slept
lost() {
	klog_since "offline place" | grep -Eq "guide_hp_place: hp-bound/1 woke on cpu0 while cpu1 was offline$" &&
		eq "hp-bound/1 allowed CPUs after" "$(allowed "$bpid")" 0-1
}
check "hp-bound/1, woken while CPU 1 was offline, may run on CPUs 0-1 after it is back" lost
check "hp-prefer is moved back to CPU 1 and runs there" wait_until 3 bound_to "$ppid" 1
check "rmmod guide-hp-place" rmmod_ok guide_hp_place
