# SPDX-License-Identifier: GPL-2.0
# Why kthread-worker-sample cancels its delayed work before
# kthread_destroy_worker(): destroying a worker with a delayed work pending
# (tests/modules/bug-worker-nocancel.c) warns (the host requires the
# WARNING).
# shellcheck shell=sh
plan 3
mark "worker nocancel"
check "insmod bug-worker-nocancel" insmod_ok test/bug-worker-nocancel
check "rmmod bug-worker-nocancel" rmmod_ok bug_worker_nocancel
warned() {
	klog_since "worker nocancel" |
		grep -Eq "WARNING: kernel/kthread\.c:[0-9]+ at kthread_destroy_worker\+" && return 0
	diag "no WARNING at kthread_destroy_worker"
	return 1
}
check "kthread_destroy_worker() warns about the pending delayed work" warned
