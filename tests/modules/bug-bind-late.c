// SPDX-License-Identifier: GPL-2.0
/*
 * bug-bind-late.c - TEST ONLY: kthread_bind() after the thread's first
 * wake-up. Documentation/core-api/kthread.rst says to bind before it, as
 * samples/kthread/kthread-worker-sample.c does (kthread_create_worker_on_cpu()
 * binds the worker before it is woken). The thread has run and sleeps
 * interruptibly: kthread_bind() warns (it only binds a thread that is not
 * running and sleeps uninterruptibly, as a new one does, and warns in any
 * case once it has started) and binds nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *task;
static DECLARE_COMPLETION(started);

static int loop(void *data)
{
	complete(&started);
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
	task = kthread_run(loop, NULL, "bug-bind-late");
	if (IS_ERR(task))
		return PTR_ERR(task);
	wait_for_completion(&started);
	/* Let it reach its sleep. */
	schedule_timeout_uninterruptible(HZ / 10);
	kthread_bind(task, 1);
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_stop(task);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: kthread_bind() after the first wake-up");
MODULE_LICENSE("GPL");
