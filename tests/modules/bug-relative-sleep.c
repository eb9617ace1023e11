// SPDX-License-Identifier: GPL-2.0
/*
 * bug-relative-sleep.c - TEST ONLY: a periodic thread that does its work
 * (5 ms here), then sleeps one period (200 ms) from the end of it. Each
 * tick comes at least 5 ms later than start + N * period would put it, so
 * its ticks drift: the drift check that samples/kthread/kthread-periodic-sample.c
 * passes (drift in tests/guest/lib.sh) must fail it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>

#define PERIOD_MS	200
#define WORK_MS		5

static struct task_struct *task;

static int relative_loop(void *data)
{
	unsigned long index = 0;
	ktime_t period = ms_to_ktime(PERIOD_MS);

	while (!kthread_should_stop()) {
		pr_info("index %lu\n", index++);
		mdelay(WORK_MS);
		/* BUG: a period from now, not from the previous deadline. */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule_hrtimeout(&period, HRTIMER_MODE_REL);
	}
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
