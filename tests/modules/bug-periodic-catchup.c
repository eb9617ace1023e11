// SPDX-License-Identifier: GPL-2.0
/*
 * bug-periodic-catchup.c - TEST ONLY: kthread-periodic-sample's loop with
 * the deadline advanced by one period after each tick, whatever the time
 * (v1 kthread-idle-sample's "next += period", review finding #4). After a
 * stall of N periods every deadline it missed is already past: it runs N
 * times back to back to catch up. The sample's suite checks that a stall
 * gives one late run only (late_runs in suites/kthread-periodic-sample.sh):
 * this must fail it. Period 100 ms, logged as the sample logs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>

#define PERIOD_MS	100

static struct task_struct *task;

static int catchup_fn(void *data)
{
	const s64 period_ns = (s64)PERIOD_MS * NSEC_PER_MSEC;
	ktime_t deadline = ktime_get();
	unsigned long tick = 0;
	s64 late_us;

	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		if (schedule_hrtimeout_range(&deadline, PERIOD_MS * NSEC_PER_USEC,
					     HRTIMER_MODE_ABS))
			continue;
		late_us = ktime_us_delta(ktime_get(), deadline);
		if (late_us >= PERIOD_MS * USEC_PER_MSEC || tick % 10 == 0)
			pr_info("tick %lu, %lld us late\n", tick, late_us);
		/* BUG: one period on, even when that deadline is past too. */
		tick++;
		deadline = ktime_add_ns(deadline, period_ns);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(catchup_fn, NULL, "bug-catchup");
	if (IS_ERR(task))
		return PTR_ERR(task);
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_stop(task);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a periodic thread that catches up missed periods back to back");
MODULE_LICENSE("GPL");
