# SPDX-License-Identifier: GPL-2.0
# Why a thread is bound before its first wake-up (kthread-worker-sample's
# worker is, by kthread_create_worker_on_cpu()): kthread_bind() on a thread
# that has run warns (the host requires the WARNING) and binds nothing.
# shellcheck shell=sh
plan 3
check "insmod bug-bind-late" insmod_ok test/bug-bind-late
unbound() {
	_a=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$(pid_of bug-bind-late)/status")
	diag "bug-bind-late may run on CPUs '$_a'"
	[ -n "$(pid_of bug-bind-late)" ] && [ "$_a" = 0-1 ]
}
check "bug-bind-late was not bound to CPU 1" unbound
check "rmmod" rmmod_ok bug_bind_late
