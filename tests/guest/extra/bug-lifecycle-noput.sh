# SPDX-License-Identifier: GPL-2.0
# A self-ending job that takes a module reference and returns without
# module_put_and_kthread_exit() (tests/modules/bug-lifecycle-noput.c): the
# module can never be unloaded. The check kthread-lifecycle-sample passes
# once its job is gone (rmmod_ok) must fail here. The module stays loaded:
# the boot needs --taint any.
# shellcheck shell=sh
plan 3
check "insmod bug-lifecycle-noput job_ms=1000" insmod_ok test/bug-lifecycle-noput job_ms=1000
job_gone() { klog_has "bug_lifecycle_noput: job done after 1000 ms$" && no_thread bug-noput-job; }
check "its job ends on its own" wait_until 5 job_gone
caught() {
	if rmmod_ok bug_lifecycle_noput; then
		diag "rmmod_ok passed a job that never drops its module reference"
		return 1
	fi
	loaded bug_lifecycle_noput
}
check "rmmod_ok fails it: the module cannot be unloaded after the job" caught
