// SPDX-License-Identifier: GPL-2.0
/*
 * bug-lifecycle-noref.c - TEST ONLY: a self-ending job that holds no module
 * reference and that nobody waits for. rmmod succeeds while it runs (the
 * lifecycle suite's "rmmod fails with EAGAIN while the job runs" must
 * fail), and the job then returns into the freed module: the kernel must
 * report it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static unsigned int job_ms = 30000;
module_param(job_ms, uint, 0444);

static int job_fn(void *data)
{
	/* BUG: nothing keeps the module loaded until the job has ended. */
	msleep(job_ms);
	pr_info("job done after %u ms\n", job_ms);
	return 0;
}

static int __init bug_init(void)
{
	struct task_struct *task;

	task = kthread_run(job_fn, NULL, "bug-noref-job");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit bug_exit(void)
{
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a job that holds no module reference");
MODULE_LICENSE("GPL");
