// SPDX-License-Identifier: GPL-2.0
/*
 * bug-lifecycle-noput.c - TEST ONLY: a self-ending job that takes a module
 * reference but ends with a plain return instead of
 * module_put_and_kthread_exit(). The reference is never dropped: rmmod
 * fails for ever, and the lifecycle suite's "rmmod succeeds once the job
 * is gone" must fail.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static unsigned int job_ms = 1000;
module_param(job_ms, uint, 0444);

static int job_fn(void *data)
{
	msleep(job_ms);
	pr_info("job done after %u ms\n", job_ms);
	/* BUG: the reference taken in init is never dropped. */
	return 0;
}

static int __init bug_init(void)
{
	struct task_struct *task;

	__module_get(THIS_MODULE);
	task = kthread_run(job_fn, NULL, "bug-noput-job");
	if (IS_ERR(task)) {
		module_put(THIS_MODULE);
		return PTR_ERR(task);
	}
	return 0;
}

static void __exit bug_exit(void)
{
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a job that never drops its module reference");
MODULE_LICENSE("GPL");
