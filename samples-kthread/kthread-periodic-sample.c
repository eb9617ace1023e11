// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-periodic-sample.c - a kernel thread that works every period
 *
 * A housekeeping thread that does its work every period_ms and stops as
 * soon as kthread_stop() is called. It sleeps to absolute deadlines on a
 * fixed grid, tick N at start + N * period, so the time the work takes does
 * not add up. After a stall of several periods it runs once, late, then
 * skips the periods it missed and keeps to the same grid: it never runs
 * twice back to back to catch up.
 *
 * It waits in TASK_IDLE: no signal ends the sleep, the load average does
 * not count it and the hung-task detector does not report it, however long
 * the period. In TASK_UNINTERRUPTIBLE the same thread would count as load
 * and be reported as hung once a period exceeds hung_task_timeout_secs.
 *
 * Usage:
 *
 *	insmod kthread-periodic-sample.ko [period_ms=1000]
 *	dmesg | grep kthread_periodic_sample
 *	rmmod kthread-periodic-sample
 *
 * What to look for: "tick N, L us late" every tenth tick, and for a tick
 * that came a period late or more; ps shows sample-periodic in state I;
 * rmmod returns at once, even in mid-period.
 *
 * See Documentation/core-api/kthread.rst
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

#define PERIOD_MS_MIN	100
#define PERIOD_MS_MAX	3600000		/* one hour */
#define LOG_EVERY	10

static unsigned int period_ms = 1000;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "Period in milliseconds, 100-3600000 (default: 1000)");

static struct task_struct *periodic_task;

static int periodic_fn(void *data)
{
	const s64 period_ns = (s64)period_ms * NSEC_PER_MSEC;
	/* The timer may fire up to 0.1% of a period late, with other timers. */
	const u64 slack_ns = (u64)period_ms * NSEC_PER_USEC;
	ktime_t deadline = ktime_get();
	unsigned long tick = 0;
	s64 missed;
	ktime_t now;

	for (;;) {
		/* Set the state first: a stop after the check ends the sleep. */
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		/* Woken before the deadline (stop or spurious): check again. */
		if (schedule_hrtimeout_range(&deadline, slack_ns,
					     HRTIMER_MODE_ABS))
			continue;

		/*
		 * The next deadline is the first point of the grid after now:
		 * the periods that a stall took are skipped, not caught up.
		 */
		now = ktime_get();
		missed = ktime_divns(ktime_sub(now, deadline), period_ns);

		/* The work: a line every tenth tick, and for a late one. */
		if (missed)
			pr_info("tick %lu, %lld us late: %lld periods skipped\n",
				tick, ktime_us_delta(now, deadline), missed);
		else if (tick % LOG_EVERY == 0)
			pr_info("tick %lu, %lld us late\n",
				tick, ktime_us_delta(now, deadline));

		tick += missed + 1;
		deadline = ktime_add_ns(deadline, (missed + 1) * period_ns);
	}
	__set_current_state(TASK_RUNNING);

	return 0;
}

static int __init periodic_sample_init(void)
{
	if (period_ms < PERIOD_MS_MIN || period_ms > PERIOD_MS_MAX) {
		pr_err("period_ms=%u is invalid: it must be from %d to %d\n",
		       period_ms, PERIOD_MS_MIN, PERIOD_MS_MAX);
		return -EINVAL;
	}

	periodic_task = kthread_run(periodic_fn, NULL, "sample-periodic");
	if (IS_ERR(periodic_task)) {
		pr_err("kthread_run() failed: %pe\n", periodic_task);
		return PTR_ERR(periodic_task);
	}

	pr_info("thread %s (pid %d) started, period %u ms\n",
		periodic_task->comm, task_pid_nr(periodic_task), period_ms);
	return 0;
}

static void __exit periodic_sample_exit(void)
{
	/* The thread returns only when asked to: it is still there. */
	kthread_stop(periodic_task);
	pr_info("stopped\n");
}

module_init(periodic_sample_init);
module_exit(periodic_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: periodic work that keeps its grid");
MODULE_LICENSE("GPL");
