// SPDX-License-Identifier: GPL-2.0
/*
 * bug-relative-sleep.c - TEST ONLY: a periodic thread that does its work
 * (0.3 ms here), then sleeps one period (100 ms) from the end of it. Each
 * tick comes at least 0.3 ms (the work, plus the timer's slack and the
 * wakeup latency) later than start + N * period would put it, so its
 * ticks drift, 30 ms or more over the 100 ticks that the sample's suite
 * watches: the grid check that samples/kthread/kthread-periodic-sample.c
 * passes (on_grid in tests/guest/suites/kthread-periodic-sample.sh) must
 * fail it. Logged as the sample logs: every tenth tick, and its lateness
 * (against its own relative deadline, which hides the drift).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>

#define PERIOD_MS	100
#define WORK_US		300

static struct task_struct *task;

static int relative_loop(void *data)
{
	ktime_t period = ms_to_ktime(PERIOD_MS);
	ktime_t deadline;
	unsigned long tick = 0;

	for (;;) {
		/* BUG: a period from the end of the work, not from the grid. */
		deadline = ktime_add(ktime_get(), period);
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		if (schedule_hrtimeout_range(&deadline, PERIOD_MS * NSEC_PER_USEC,
					     HRTIMER_MODE_ABS))
			continue;
		if (tick % 10 == 0)
			pr_info("tick %lu, %lld us late\n", tick,
				ktime_us_delta(ktime_get(), deadline));
		tick++;
		udelay(WORK_US);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(relative_loop, NULL, "bug-relative");
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
MODULE_DESCRIPTION("TEST ONLY: a periodic thread that drifts (relative sleep after its work)");
MODULE_LICENSE("GPL");
