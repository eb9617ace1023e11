# SPDX-License-Identifier: GPL-2.0
# Why the guide leaves per-CPU threads to smpboot: a thread from
# kthread_create_on_cpu(), parked and unparked by the module's own hotplug
# callbacks, is no longer bound to its CPU after the CPU went offline and
# came back (tests/modules/bug-percpu-unbound.c).
# shellcheck shell=sh
plan 6
cpu1=/sys/devices/system/cpu/cpu1/online
allowed() {
	sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$(pid_of bug-cpu/1)/status"
}
check "insmod bug-percpu-unbound" insmod_ok test/bug-percpu-unbound
check "bug-cpu/1 starts bound to CPU 1" eq "allowed CPUs" "$(allowed)" 1
cycle() { write_ok 0 $cpu1 && write_ok 1 $cpu1; }
check "CPU 1 offline and online again" cycle
# Only a real reading counts: one thread bug-cpu/1, with a CPU list.
lost() {
	_a=$(allowed)
	diag "bug-cpu/1 may now run on CPUs '$_a'"
	[ -n "$(pid_of bug-cpu/1)" ] && echo "$_a" | grep -Eq '^[0-9]+([-,][0-9]+)*$' && [ "$_a" != 1 ]
}
check "bug-cpu/1 has lost its binding to CPU 1" lost
check "rmmod" rmmod_ok bug_percpu_unbound
# With the thread gone, there is nothing to read: lost() must not pass
# (sed's complaint that /proc//status does not exist is not KTAP).
vacuous() {
	if lost 2>/dev/null; then
		diag "lost() passed with no thread to read"
		return 1
	fi
}
check "lost() fails when there is no bug-cpu/1 to read" vacuous
