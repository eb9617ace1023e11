// SPDX-License-Identifier: GPL-2.0
/*
 * bug-idle-uninterruptible.c - TEST ONLY: kthread-periodic-sample's long
 * wait (an hour here) in TASK_UNINTERRUPTIBLE instead of TASK_IDLE. The
 * thread counts as load and the hung-task detector reports it: the checks
 * that kthread-periodic-sample passes with period_ms=60000
 * (tests/guest/lib.sh: long_wait, not_reported, not_counted) must fail here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *task;

static int uninterruptible_fn(void *data)
{
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule_timeout(3600 * HZ);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(uninterruptible_fn, NULL, "bug-idle-d");
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
MODULE_DESCRIPTION("TEST ONLY: a long wait in TASK_UNINTERRUPTIBLE, load and a hung task");
MODULE_LICENSE("GPL");
