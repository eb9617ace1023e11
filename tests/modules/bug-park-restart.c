// SPDX-License-Identifier: GPL-2.0
/*
 * bug-park-restart.c - TEST ONLY: a thread that parks like
 * samples/kthread/kthread-park-sample.c, but keeps its tick counter in a
 * variable that starts again at every unpark, so its ticks restart at 1
 * instead of going on from where they were. Its init lets it tick, parks
 * it and unparks it. The check that the park sample's ticks resume
 * (ticks_resumed in tests/guest/lib.sh) must fail it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *task;

static int restart_loop(void *data)
{
	while (!kthread_should_stop()) {
		/* BUG: the state is lost at every pause. */
		unsigned long tick = 0;

		while (!kthread_should_stop()) {
			if (kthread_should_park()) {
				pr_info("parking after tick %lu\n", tick);
				kthread_parkme();
				pr_info("unparked\n");
				break;
			}
			pr_info("tick %lu\n", ++tick);
			schedule_timeout_interruptible(msecs_to_jiffies(100));
		}
	}
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(restart_loop, NULL, "bug-park-restart");
	if (IS_ERR(task))
		return PTR_ERR(task);
	msleep(350);
	kthread_park(task);
	msleep(100);
	kthread_unpark(task);
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_stop(task);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a parked thread whose tick counter restarts at every unpark");
MODULE_LICENSE("GPL");
