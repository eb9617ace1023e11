// SPDX-License-Identifier: GPL-2.0
/*
 * bug-unwind.c - TEST ONLY: an init that creates two threads and, when the
 * second cannot be created, returns the error without stopping the first.
 * The first thread was created but never woken: it waits in kthread() for
 * a wake-up or a kthread_stop() that never comes, and is left behind when
 * the load fails. Loaded normally, it works; only a failed allocation in
 * its init shows the bug. The fault-injection check that every
 * samples/kthread sample passes (fail_each_allocation in
 * tests/guest/lib.sh) must fail it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *first, *second;

static int wait_for_stop(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule();
	}
	return 0;
}

static int __init bug_init(void)
{
	first = kthread_create(wait_for_stop, NULL, "bug-unwind-a");
	if (IS_ERR(first))
		return PTR_ERR(first);
	second = kthread_create(wait_for_stop, NULL, "bug-unwind-b");
	if (IS_ERR(second)) {
		pr_err("creating the second thread failed: %pe\n", second);
		/* BUG: kthread_stop(first) is missing. */
		return PTR_ERR(second);
	}
	wake_up_process(first);
	wake_up_process(second);
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_stop(second);
	kthread_stop(first);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: an init whose error path leaves a thread behind");
MODULE_LICENSE("GPL");
