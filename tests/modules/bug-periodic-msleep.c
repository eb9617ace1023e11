// SPDX-License-Identifier: GPL-2.0
/*
 * bug-periodic-msleep.c - TEST ONLY: what a sleep does once kthread_stop()
 * has been called, the behaviour kthread-periodic-sample's header states.
 * The thread waits for the stop, then times three 50 ms sleeps:
 * msleep_interruptible() and wait_event_interruptible_timeout() return at
 * once (the latter with -ERESTARTSYS), msleep() sleeps its 50 ms, which is
 * why an msleep() loop makes rmmod wait (bug-msleep-stop).
 * extra/bug-periodic-msleep.sh checks the times.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait.h>

#define SLEEP_MS	50

static struct task_struct *task;
static DECLARE_WAIT_QUEUE_HEAD(never_woken);

static int sleeps_fn(void *data)
{
	s64 intr_us, wait_us, unintr_us;
	ktime_t t;
	long ret;

	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);

	t = ktime_get();
	msleep_interruptible(SLEEP_MS);
	intr_us = ktime_us_delta(ktime_get(), t);

	t = ktime_get();
	ret = wait_event_interruptible_timeout(never_woken, false,
					       msecs_to_jiffies(SLEEP_MS));
	wait_us = ktime_us_delta(ktime_get(), t);

	t = ktime_get();
	msleep(SLEEP_MS);
	unintr_us = ktime_us_delta(ktime_get(), t);

	pr_info("after kthread_stop(): msleep_interruptible(%d) %lld us, wait_event_interruptible_timeout() %lld us (%ld), msleep(%d) %lld us\n",
		SLEEP_MS, intr_us, wait_us, ret, SLEEP_MS, unintr_us);
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(sleeps_fn, NULL, "bug-sleeps");
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
MODULE_DESCRIPTION("TEST ONLY: interruptible sleeps return at once after kthread_stop(), msleep() does not");
MODULE_LICENSE("GPL");
