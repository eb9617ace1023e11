// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-worker-sample.c - a real-time kthread_worker bound to one CPU
 *
 * A kthread_worker is a kernel thread of your own that runs work items one
 * after the other. As the thread is yours, you can give it a real-time
 * policy, which a workqueue does not offer. The policy must be set before
 * the first work is queued; this sample sets it even before the worker
 * first runs, so that its work loop never runs at another one. It then
 * shows flushing a work, cancelling one queued behind a slow one, and
 * moving a delayed work, which unloading cancels if it is still pending.
 *
 * Usage:
 *
 *	insmod kthread-worker-sample.ko [cpu=0] [delay_ms=1000]
 *	rmmod kthread-worker-sample
 *
 * What to look for in dmesg: the first work runs in sample-worker/0 on
 * cpu0 (while it stays online) with policy 1 (SCHED_FIFO) and rt_priority
 * 50; the work queued behind the slow one never runs; the delayed work
 * runs delay_ms after it was moved. A cpu that is not online is refused
 * with -EINVAL.
 *
 * See Documentation/core-api/kthread.rst
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp.h>

#define DELAY_MS_MAX	60000

static unsigned int worker_cpu;
module_param_named(cpu, worker_cpu, uint, 0444);
MODULE_PARM_DESC(cpu, "The CPU of the worker, an online one (default: 0)");

static unsigned int delay_ms = 1000;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "When the delayed work runs, in ms, 1-60000 (default: 1000)");

static struct kthread_worker *worker;
static struct kthread_work first_work;
static struct kthread_work slow_work;
static struct kthread_work cancelled_work;
static struct kthread_delayed_work delayed_work;
static DECLARE_COMPLETION(slow_work_go);
static ktime_t delayed_work_moved;

/* raw_: once its CPU has gone offline, the worker is no longer bound. */
static void first_work_fn(struct kthread_work *work)
{
	pr_info("first work runs in %s on cpu%d: policy %u, rt_priority %u\n",
		current->comm, raw_smp_processor_id(), current->policy,
		current->rt_priority);
}

/* Stands for a long job: it holds the worker until init lets it go. */
static void slow_work_fn(struct kthread_work *work)
{
	wait_for_completion(&slow_work_go);
	pr_info("slow work done\n");
}

static void cancelled_work_fn(struct kthread_work *work)
{
	pr_info("cancelled work runs\n");
}

static void delayed_work_fn(struct kthread_work *work)
{
	pr_info("delayed work runs %lld ms after it was moved\n",
		ktime_ms_delta(ktime_get(), delayed_work_moved));
}

static int __init worker_sample_init(void)
{
	if (delay_ms < 1 || delay_ms > DELAY_MS_MAX) {
		pr_err("delay_ms=%u is invalid: it must be from 1 to %d\n",
		       delay_ms, DELAY_MS_MAX);
		return -EINVAL;
	}
	if (worker_cpu >= nr_cpu_ids) {
		pr_err("cpu=%u is invalid: it must be below %u\n", worker_cpu,
		       nr_cpu_ids);
		return -EINVAL;
	}

	/* No CPU goes offline or online until cpus_read_unlock(). */
	cpus_read_lock();
	if (!cpu_online(worker_cpu)) {
		cpus_read_unlock();
		pr_err("cpu=%u is invalid: it is not online\n", worker_cpu);
		return -EINVAL;
	}
	/* Created bound to the CPU, but not running yet. */
	worker = kthread_create_worker_on_cpu(worker_cpu, 0, "sample-worker/%u");
	if (IS_ERR(worker)) {
		cpus_read_unlock();
		pr_err("kthread_create_worker_on_cpu() failed: %pe\n", worker);
		return PTR_ERR(worker);
	}
	/* Priority 50; sched_set_fifo_low() would give 1. */
	sched_set_fifo(worker->task);
	wake_up_process(worker->task);
	cpus_read_unlock();
	/*
	 * The binding holds while the CPU stays online. If it goes offline,
	 * the worker runs on elsewhere, unbound: a driver whose work must stay
	 * on its CPU re-creates the worker from CPU hotplug callbacks, with
	 * the care Documentation/core-api/kthread.rst describes.
	 */

	kthread_init_work(&first_work, first_work_fn);
	kthread_queue_work(worker, &first_work);
	kthread_flush_work(&first_work);
	pr_info("kthread_flush_work() returned\n");

	/* The worker runs one item at a time: the second one has to wait. */
	kthread_init_work(&slow_work, slow_work_fn);
	kthread_init_work(&cancelled_work, cancelled_work_fn);
	kthread_queue_work(worker, &slow_work);
	kthread_queue_work(worker, &cancelled_work);
	if (kthread_cancel_work_sync(&cancelled_work))
		pr_info("cancelled the work queued behind the slow one\n");
	complete(&slow_work_go);
	kthread_flush_worker(worker);
	pr_info("kthread_flush_worker() returned\n");

	/* Queued for a minute, then moved: the new delay replaces the old. */
	kthread_init_delayed_work(&delayed_work, delayed_work_fn);
	kthread_queue_delayed_work(worker, &delayed_work,
				   msecs_to_jiffies(DELAY_MS_MAX));
	delayed_work_moved = ktime_get();
	kthread_mod_delayed_work(worker, &delayed_work,
				 msecs_to_jiffies(delay_ms));
	pr_info("delayed work moved from %d ms to %u ms\n",
		DELAY_MS_MAX, delay_ms);
	return 0;
}

static void __exit worker_sample_exit(void)
{
	/* A delayed work must not be pending when its worker is destroyed. */
	if (kthread_cancel_delayed_work_sync(&delayed_work))
		pr_info("cancelled the pending delayed work\n");
	kthread_destroy_worker(worker);
	pr_info("worker destroyed\n");
}

module_init(worker_sample_init);
module_exit(worker_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a real-time kthread_worker");
MODULE_LICENSE("GPL");
