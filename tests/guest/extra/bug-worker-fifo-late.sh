# SPDX-License-Identifier: GPL-2.0
# Control for the "first work at SCHED_FIFO" check of
# kthread-worker-sample's suite: a worker given sched_set_fifo() after its
# first work was queued (tests/modules/bug-worker-fifo-late.c) runs it at
# SCHED_NORMAL, and must fail that check, for the policy and nothing else.
# shellcheck shell=sh
# shellcheck disable=SC1091  # the guest's copy of suites/kthread-worker-sample.sh
# shellcheck disable=SC2034  # read by the sourced suite's helpers
WORKER_HELPERS_ONLY=1
. ./suites/kthread-worker-sample.sh
plan 4
name=bug_worker_fifo_late

mark "fifo late"
check "insmod bug-worker-fifo-late" insmod_ok test/bug-worker-fifo-late
# Only a real reading counts: the line is there, from the worker on cpu0.
check "its first work ran in bug-worker/0 on cpu0" \
	eq "first work: comm, cpu" "$(first_work "fifo late" | cut -d' ' -f1,2)" "bug-worker/0 0"
caught() {
	if first_work_fifo "fifo late"; then
		diag "first_work_fifo passed a worker given its policy after its first work"
		return 1
	fi
	eq "first work: policy, rt_priority" "$(first_work "fifo late" | cut -d' ' -f3,4)" "0 0"
}
check "the first-work-at-SCHED_FIFO check fails it: it ran at SCHED_NORMAL" caught
check "rmmod bug-worker-fifo-late" rmmod_ok bug_worker_fifo_late
