// SPDX-License-Identifier: GPL-2.0-only
/*
 * guide-st-park.c - TEST ONLY: a thread parked with kthread_park() before
 * its first wake-up shows state P, and runs its function when it is
 * stopped, with kthread_should_stop() already true
 * (Documentation/core-api/kthread.rst; kernel/kthread.c:kthread() tests
 * KTHREAD_SHOULD_STOP before it parks). Checked by
 * tests/guest/extra/guide-states.sh.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

static struct task_struct *park_task;

static int park_fn(void *data)
{
	pr_info("thread function runs, kthread_should_stop() %d\n",
		kthread_should_stop());
	return 0;
}

static int __init st_park_init(void)
{
	int ret;

	park_task = kthread_create(park_fn, NULL, "sample-st-park");
	if (IS_ERR(park_task))
		return PTR_ERR(park_task);

	ret = kthread_park(park_task);
	if (ret) {
		kthread_stop(park_task);
		return ret;
	}
	pr_info("parked %d\n", task_pid_nr(park_task));
	return 0;
}

static void __exit st_park_exit(void)
{
	pr_info("kthread_stop() returned %d\n", kthread_stop(park_task));
}

module_init(st_park_init);
module_exit(st_park_exit);
MODULE_DESCRIPTION("Test only: a kthread parked before its first wake-up, then stopped");
MODULE_LICENSE("GPL");
