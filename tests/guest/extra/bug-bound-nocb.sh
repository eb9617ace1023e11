# SPDX-License-Identifier: GPL-2.0
# Why kthread-affinity-sample stops its bound thread in a CPU hotplug callback: a
# thread from kthread_run_on_cpu() left alone through CPU 1 going offline
# and coming back is no longer bound to CPU 1.
# shellcheck shell=sh
plan 5
cpu1=/sys/devices/system/cpu/cpu1/online
allowed() {
	sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$(pid_of bug-bound/1)/status"
}
check "insmod bug-bound-nocb" insmod_ok test/bug-bound-nocb
check "bug-bound/1 starts bound to CPU 1" eq "allowed CPUs" "$(allowed)" 1
cycle() { write_ok 0 $cpu1 && sleep 0.3 && write_ok 1 $cpu1; }
check "CPU 1 offline (0.3 s) and online again" cycle
# Only a real reading counts: one thread bug-bound/1, with a CPU list.
lost() {
	_a=$(allowed)
	diag "bug-bound/1 may now run on CPUs '$_a'"
	[ -n "$(pid_of bug-bound/1)" ] && echo "$_a" | grep -Eq '^[0-9]+([-,][0-9]+)*$' && [ "$_a" != 1 ]
}
check "bug-bound/1 has lost its binding to CPU 1" lost
check "rmmod" rmmod_ok bug_bound_nocb 1000
