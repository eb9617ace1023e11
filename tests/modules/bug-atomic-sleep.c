// SPDX-License-Identifier: GPL-2.0
/*
 * bug-atomic-sleep.c - TEST ONLY: a thread that sleeps with a spinlock
 * held. CONFIG_DEBUG_ATOMIC_SLEEP must report "sleeping function called
 * from invalid context".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(lock);
static struct task_struct *task;

static int sleeps_in_atomic(void *data)
{
	spin_lock(&lock);
	/* BUG: msleep() may sleep, and sleeping is forbidden here. */
	msleep(1);
	spin_unlock(&lock);

	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(sleeps_in_atomic, NULL, "bug-atomic");
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
MODULE_DESCRIPTION("TEST ONLY: sleeping in atomic context");
MODULE_LICENSE("GPL");
