# SPDX-License-Identifier: GPL-2.0
# A self-ending job that holds no module reference and that nobody waits
# for (tests/modules/bug-lifecycle-noref.c): rmmod succeeds while it runs,
# so the check kthread-lifecycle-sample passes (rmmod refused with EAGAIN
# while its job runs) must fail here, and the job's thread outlives its
# module. When its 30 s sleep ends, it returns into the freed module text
# and the kernel panics ("Oops: int3", seen with a 3 s job): the guest must
# have ended before, so run this suite last and alone with the test-only
# modules, on the test kernel only (not with kt.timescale).
# shellcheck shell=sh
plan 3
check "insmod bug-lifecycle-noref job_ms=30000" insmod_ok test/bug-lifecycle-noref job_ms=30000
caught() {
	if rmmod_refused bug_lifecycle_noref; then
		diag "rmmod_refused passed a job that holds no module reference"
		return 1
	fi
	not_loaded bug_lifecycle_noref
}
check "rmmod_refused fails it: rmmod succeeds while the job runs" caught
check "its job's thread outlives the module" eq "bug-noref-job" "$(threads_named bug-noref-job | wc -l)" 1
