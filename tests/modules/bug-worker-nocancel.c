// SPDX-License-Identifier: GPL-2.0
/*
 * bug-worker-nocancel.c - TEST ONLY: kthread_destroy_worker() with a
 * delayed work still pending, where samples/kthread/kthread-worker-sample.c
 * first calls kthread_cancel_delayed_work_sync(). kthread_destroy_worker()
 * warns. Then, so that this control leaves no timer armed in freed module
 * memory, the timer is deleted directly (never do this in real code).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct kthread_worker *worker;
static struct kthread_delayed_work delayed_work;

static void delayed_work_fn(struct kthread_work *work)
{
	pr_info("delayed work runs\n");
}

static int __init bug_init(void)
{
	worker = kthread_run_worker(0, "bug-worker-nocancel");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	kthread_init_delayed_work(&delayed_work, delayed_work_fn);
	kthread_queue_delayed_work(worker, &delayed_work, 60 * HZ);
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_destroy_worker(worker);
	timer_delete_sync(&delayed_work.timer);
	pr_info("worker destroyed with the delayed work pending\n");
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: kthread_destroy_worker() with a delayed work pending");
MODULE_LICENSE("GPL");
