# SPDX-License-Identifier: GPL-2.0
# Control for the "first work at SCHED_FIFO" check of
# kthread-worker-sample's suite: a worker given sched_set_fifo() after its
# first work was queued (tests/modules/bug-worker-fifo-late.c) runs it at
# SCHED_NORMAL, and must fail that check, for the policy and nothing else.
# shellcheck shell=sh
plan 4
name=bug_worker_fifo_late

# The sample suite's first_work and first_work_fifo, on this module's log.
first_work() {
	klog_since "$1" | sed -n -E \
		"s/.*$name: first work runs in ([^ ]+) on cpu([0-9]+): policy ([0-9]+), rt_priority ([0-9]+)$/\1 \2 \3 \4/p" |
		head -n 1
}
first_work_fifo() {
	# shellcheck disable=SC2046  # split the four fields
	set -- $(first_work "$1")
	eq "first work: policy, rt_priority" "$3 $4" "1 50"
}

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
check "rmmod bug-worker-fifo-late" rmmod_ok bug_worker_fifo_late "$PROMPT_MS"
