// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-worker-sample.c - queue work to a dedicated real-time kernel thread
 *
 * This sample shows the kthread_worker API: a kernel thread of your own
 * that runs work items one after the other, like a workqueue with exactly
 * one thread that you can name, prioritize and bind.
 *
 *  - kthread_run_worker_on_cpu() creates the worker thread bound to one
 *    CPU and starts it (kthread_run_worker() makes an unbound one;
 *    kthread_create_worker*() only create it, and it must then be woken;
 *    in 6.12 and older, kthread_create_worker*() also started it). The
 *    binding holds while the CPU stays online: a driver whose worker must
 *    stay on its CPU across CPU hotplug destroys and creates it from
 *    hotplug callbacks (see kthread-affinity-sample.c).
 *  - sched_set_fifo() on worker->task makes every work item run at a
 *    real-time priority. That is the usual reason for a driver to have a
 *    worker of its own rather than use a workqueue, whose threads it does
 *    not own: the SPI core does it for the message pump of a controller
 *    that asks for it (drivers/spi/spi.c), the crypto engine for a driver
 *    that asks for an rt engine (crypto/crypto_engine.c).
 *  - kthread_queue_work() queues a work item, kthread_flush_work() waits
 *    until it has run, and kthread_flush_worker() until everything queued
 *    so far has run. The worker runs one item at a time, so an item
 *    queued behind a slow one waits, and kthread_cancel_work_sync() can
 *    still take it off the queue (it returns true: it was pending).
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
 *	insmod kthread-worker-sample.ko [delay_ms=1000] [cpu=0]
 *	rmmod kthread-worker-sample
 *
 * What to look for in dmesg: the work runs in the thread sample-worker/0,
 * on cpu0, at SCHED_FIFO priority 50 (/proc/PID/stat: policy 1 in field
 * 41, rt_priority 50 in field 40), and the module's init sees it done
 * after kthread_flush_work(); the work queued behind the slow one is
 * cancelled and never runs; the delayed work, first queued for a minute,
 * runs about delay_ms later because it was modified; unloading before it
 * ran prints "cancelled the pending delayed work". A delay_ms outside 1
 * to 60000, or a cpu that is not online, is refused with -EINVAL and a
 * message (a non-number with -EINVAL, a number too large for an unsigned
 * int with -ERANGE).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/smp.h>

#define DELAY_MS_MAX	60000

static unsigned int delay_ms = 1000;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "When the delayed work runs, in milliseconds after loading, 1-60000 (default: 1000)");

static unsigned int worker_cpu;
module_param_named(cpu, worker_cpu, uint, 0444);
MODULE_PARM_DESC(cpu, "The CPU of the worker, an online CPU (default: 0)");

static struct kthread_worker *worker;
static struct kthread_work first_work;
static struct kthread_work slow_work;
static struct kthread_delayed_work late_work;
static DECLARE_COMPLETION(slow_work_go);
static ktime_t delayed_queued_at;

static void first_work_fn(struct kthread_work *work)
{
	/* Bound, but a snapshot all the same once the CPU can go offline. */
	pr_info("work runs in %s (pid %d) on cpu%d\n",
		current->comm, task_pid_nr(current), raw_smp_processor_id());
}

/* Stands for a long job: it holds the worker until init lets it go. */
static void slow_work_fn(struct kthread_work *work)
{
	wait_for_completion(&slow_work_go);
	pr_info("slow work done\n");
}

static void delayed_work_fn(struct kthread_work *work)
{
	pr_info("delayed work runs in %s, %lld ms after it was queued\n",
		current->comm, ktime_ms_delta(ktime_get(), delayed_queued_at));
}

static int __init worker_sample_init(void)
{
	if (delay_ms < 1 || delay_ms > DELAY_MS_MAX) {
		pr_err("delay_ms=%u is invalid: it must be from 1 to %u\n",
		       delay_ms, DELAY_MS_MAX);
		return -EINVAL;
	}
	/* Only a snapshot: a CPU can go offline right after this. */
	if (worker_cpu >= nr_cpu_ids || !cpu_online(worker_cpu)) {
		pr_err("cpu=%u is invalid: it must be an online CPU\n",
		       worker_cpu);
		return -EINVAL;
	}

	worker = kthread_run_worker_on_cpu(worker_cpu, 0, "sample-worker/%u");
	if (IS_ERR(worker)) {
		pr_err("kthread_run_worker_on_cpu() failed: %pe\n", worker);
		return PTR_ERR(worker);
	}
	sched_set_fifo(worker->task);

	kthread_init_work(&first_work, first_work_fn);
	kthread_queue_work(worker, &first_work);
	kthread_flush_work(&first_work);
	pr_info("kthread_flush_work() returned: the work has run\n");

	kthread_init_work(&slow_work, slow_work_fn);
	kthread_queue_work(worker, &slow_work);
	/* Queued again, behind the slow work: it has to wait. */
	kthread_queue_work(worker, &first_work);
	if (kthread_cancel_work_sync(&first_work))
		pr_info("cancelled the work queued behind the slow one\n");
	complete(&slow_work_go);
	kthread_flush_worker(worker);
	pr_info("kthread_flush_worker() returned: everything queued has run\n");

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

static void __exit worker_sample_exit(void)
{
	if (kthread_cancel_delayed_work_sync(&late_work))
		pr_info("cancelled the pending delayed work\n");
	kthread_destroy_worker(worker);
	pr_info("worker destroyed\n");
}

module_init(worker_sample_init);
module_exit(worker_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a real-time kthread_worker bound to a CPU, with immediate, cancelled and delayed work");
MODULE_LICENSE("GPL");
