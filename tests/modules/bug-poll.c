// SPDX-License-Identifier: GPL-2.0
/*
 * bug-poll.c - TEST ONLY: a consumer that polls for work ten times a
 * second instead of sleeping on a wait queue until there is some. It uses
 * almost no CPU time, but it is scheduled every 100 ms: the check that
 * samples/kthread/kthread-consumer-sample.c's idle thread is not woken
 * once in a second (not_woken in tests/guest/lib.sh) must fail it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *task;
static bool pending;	/* never set: there is no work */

static int poll_loop(void *data)
{
	while (!kthread_should_stop()) {
		/* BUG: wakes up to look, whether or not there is work. */
		if (READ_ONCE(pending))
			pr_info("work\n");
		schedule_timeout_interruptible(HZ / 10);
	}
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(poll_loop, NULL, "bug-poll");
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
MODULE_DESCRIPTION("TEST ONLY: a consumer thread that polls instead of sleeping until there is work");
MODULE_LICENSE("GPL");
