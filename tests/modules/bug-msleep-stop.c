// SPDX-License-Identifier: GPL-2.0
/*
 * bug-msleep-stop.c - TEST ONLY, and the benchmark's baseline: the
 * classic tutorial's periodic thread, msleep(1000) in a
 * kthread_should_stop() loop. kthread_stop() cannot wake msleep(), so
 * rmmod waits for the rest of the period; the rmmod time bound must catch
 * it. Its ticks drift by the time the work takes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static struct task_struct *task;

static int msleep_loop(void *data)
{
	unsigned long index = 0;

	while (!kthread_should_stop()) {
		pr_info("index %lu\n", index++);
		msleep(1000);
	}
	return 0;
}

static int __init bug_init(void)
{
	task = kthread_run(msleep_loop, NULL, "bug-msleep-stop");
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
MODULE_DESCRIPTION("TEST ONLY: a msleep() stop loop that makes rmmod slow");
MODULE_LICENSE("GPL");
