// SPDX-License-Identifier: GPL-2.0
/*
 * bug-stop-exited.c - TEST ONLY: the classic tutorial's first example.
 *
 * The thread returns at once; the module calls kthread_stop() on it at
 * unload without holding a reference, when its task_struct may be freed.
 * The debug kernel must report it (KASAN use-after-free, or an Oops).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static struct task_struct *task;

static int returns_at_once(void *data)
{
	pr_info("thread runs and returns\n");
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(returns_at_once, NULL, "bug-stop-exited");
	if (IS_ERR(task))
		return PTR_ERR(task);
	return 0;
}

static void __exit bug_exit(void)
{
	/* BUG: the thread has exited and may be freed. */
	pr_info("kthread_stop() returned %d\n", kthread_stop(task));
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: kthread_stop() on a thread that already exited");
MODULE_LICENSE("GPL");
