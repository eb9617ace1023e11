// SPDX-License-Identifier: GPL-2.0
/*
 * bug-worker-fifo-late.c - TEST ONLY: a kthread_worker whose policy is set
 * only after its first work was queued, which
 * samples/kthread/kthread-worker-sample.c avoids by setting the policy
 * before the worker even runs. Here kthread_run_worker_on_cpu() starts it,
 * a first work is queued and flushed, and sched_set_fifo() comes after:
 * the first work ran at SCHED_NORMAL.
 * It prints the sample's line, for the sample's check to read.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp.h>

static struct kthread_worker *worker;
static struct kthread_work first_work;

static void first_work_fn(struct kthread_work *work)
{
	pr_info("first work runs in %s on cpu%d: policy %u, rt_priority %u\n",
		current->comm, raw_smp_processor_id(), current->policy,
		current->rt_priority);
}

static int __init bug_init(void)
{
	worker = kthread_run_worker_on_cpu(0, 0, "bug-worker/%d");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	kthread_init_work(&first_work, first_work_fn);
	kthread_queue_work(worker, &first_work);
	kthread_flush_work(&first_work);
	/* Too late for the first work. */
	sched_set_fifo(worker->task);
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_destroy_worker(worker);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a kthread_worker given its policy after its first work");
MODULE_LICENSE("GPL");
