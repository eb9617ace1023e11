// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-worker.c - queue work to a dedicated kernel thread
 *
 * This sample shows the kthread_worker API: a kernel thread of your own
 * that runs work items one after the other, like a workqueue with exactly
 * one thread that you can name, prioritize and bind.
 *
 *  - kthread_run_worker() creates the worker thread and starts it
 *    (kthread_create_worker() only creates it, and it must then be woken;
 *    in 6.12 and older, kthread_create_worker() also started it).
 *  - kthread_queue_work() queues a work item, kthread_flush_work() waits
 *    until it has run.
 *  - kthread_queue_delayed_work() runs a work item after a delay, and
 *    kthread_mod_delayed_work() changes the delay of one already queued.
 *  - Before kthread_destroy_worker(), every delayed work item that may still
 *    be pending must be cancelled with kthread_cancel_delayed_work_sync().
 *    Destroying the worker runs the work that is already queued, but a
 *    delayed work whose timer has not fired yet would later queue itself on
 *    the freed worker (kthread_destroy_worker() warns about it).
 *
 * Usage:
 *
 *	insmod kthread-worker.ko [delay_ms=1000]
 *	rmmod kthread-worker
 *
 * What to look for in dmesg: the first work item runs in the thread
 * sample-worker, and the module's init sees it done after
 * kthread_flush_work(); the delayed work, first queued for a minute, runs
 * about delay_ms later because it was modified; unloading before it ran
 * prints "cancelled the pending delayed work". A delay_ms that is not a
 * number from 1 to 60000 is refused with -EINVAL.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

#define DELAY_MS_MAX	60000

static unsigned int delay_ms = 1000;

static int delay_ms_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;

	if (kstrtouint(val, 0, &ms) || ms < 1 || ms > DELAY_MS_MAX) {
		pr_err("delay_ms=%s is invalid: it must be a number from 1 to %u\n",
		       val, DELAY_MS_MAX);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = ms;
	return 0;
}

static const struct kernel_param_ops delay_ms_ops = {
	.set = delay_ms_set,
	.get = param_get_uint,
};
module_param_cb(delay_ms, &delay_ms_ops, &delay_ms, 0444);
MODULE_PARM_DESC(delay_ms, "When the delayed work runs, in milliseconds after loading, 1-60000 (default: 1000)");

static struct kthread_worker *worker;
static struct kthread_work first_work;
static struct kthread_delayed_work late_work;
static ktime_t delayed_queued_at;

static void first_work_fn(struct kthread_work *work)
{
	pr_info("work runs in %s (pid %d)\n",
		current->comm, task_pid_nr(current));
}

static void delayed_work_fn(struct kthread_work *work)
{
	pr_info("delayed work runs in %s, %lld ms after it was queued\n",
		current->comm, ktime_ms_delta(ktime_get(), delayed_queued_at));
}

static int __init worker_init(void)
{
	worker = kthread_run_worker(0, "sample-worker");
	if (IS_ERR(worker)) {
		pr_err("kthread_run_worker() failed: %pe\n", worker);
		return PTR_ERR(worker);
	}

	kthread_init_work(&first_work, first_work_fn);
	kthread_queue_work(worker, &first_work);
	kthread_flush_work(&first_work);
	pr_info("kthread_flush_work() returned: the work has run\n");

	kthread_init_delayed_work(&late_work, delayed_work_fn);
	delayed_queued_at = ktime_get();
	kthread_queue_delayed_work(worker, &late_work,
				   msecs_to_jiffies(DELAY_MS_MAX));
	/* Changed our mind: run it sooner. The work is queued only once. */
	kthread_mod_delayed_work(worker, &late_work,
				 msecs_to_jiffies(delay_ms));
	pr_info("delayed work queued for %u ms, then moved to %u ms\n",
		DELAY_MS_MAX, delay_ms);
	return 0;
}

static void __exit worker_exit(void)
{
	if (kthread_cancel_delayed_work_sync(&late_work))
		pr_info("cancelled the pending delayed work\n");
	kthread_destroy_worker(worker);
	pr_info("worker destroyed\n");
}

module_init(worker_init);
module_exit(worker_exit);

MODULE_DESCRIPTION("Kernel thread sample: kthread_worker with immediate and delayed work");
MODULE_LICENSE("GPL");
