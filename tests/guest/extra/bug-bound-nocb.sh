# SPDX-License-Identifier: GPL-2.0
# The guide's offline window without its fix (tests/modules/bug-bound-nocb.c,
# guide-hp-window.c without the CPU check): a thread bound to CPU 1 and
# stopped from a CPUHP_AP_ONLINE_DYN teardown does its per-CPU work on
# CPU 0 while CPU 1 goes down. guide-hotplug's "never did its per-CPU work
# off CPU 1" must fail on it.
# shellcheck shell=sh
plan 5
mod=bug_bound_nocb
cpu1=/sys/devices/system/cpu/cpu1/online
check "insmod bug-bound-nocb cpu=1" insmod_ok test/bug-bound-nocb cpu=1
check "insmod guide-hp-slow ms=600" insmod_ok test/guide-hp-slow ms=600
cycle() { write_ok 0 $cpu1 && write_ok 1 $cpu1; }
check "CPU 1 offline and online again" cycle
report() { klog | sed -n -E "s/.*$mod: hp-win\/1 stopped: [0-9]+ passes, ([0-9]+) on another CPU, ([0-9]+) of them did the work there$/\\$1/p" | tail -n 1; }
never_away() { eq "passes that did the work off CPU 1" "$(report 2)" 0; }
# Only a real report counts: the check fails on a number, not on no line.
caught() {
	if never_away; then
		diag "the check passed a thread that does not check its CPU"
		return 1
	fi
	[ -n "$(report 2)" ] && [ "$(report 2)" -ge 1 ]
}
check "\"never did its per-CPU work off CPU 1\" fails: it did" caught
unload() { rmmod_ok guide_hp_slow && rmmod_ok $mod; }
check "rmmod guide-hp-slow and bug-bound-nocb" unload
