// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-exit-sample.c - threads that end without kthread_stop(), and one that
 * never runs
 *
 * This sample shows the two other ways a kernel thread's life can end:
 *
 *  - A thread that finishes its job and exits on its own while the module
 *    stays loaded. Nobody calls kthread_stop() on it, so the module waits
 *    for a completion before it unloads. The thread must signal that
 *    completion with kthread_complete_and_exit(), not with complete()
 *    followed by return: after complete(), the module may be unloaded
 *    while the thread still runs the module's code on its way out.
 *    kthread_complete_and_exit() completes and exits from core kernel code.
 *
 *  - A thread that is created but never woken, because the module decides
 *    it does not need it after all. A thread that was never woken (nor
 *    parked) never runs its function: kthread_stop() makes it exit
 *    without calling it, and returns -EINTR. So the data the thread would
 *    have owned, and freed, is still the creator's: it frees it whatever
 *    kthread_stop() returned. (Deciding from the return value would go
 *    wrong if the thread function could return -EINTR itself; and a thread
 *    that was parked at creation does run its function when stopped, see
 *    kthread-park-sample.c.)
 *
 * Usage:
 *
 *	insmod kthread-exit-sample.ko [jobs=3]
 *	rmmod kthread-exit-sample
 *
 * What to look for in dmesg: the thread sample-job does its jobs and
 * exits while the module is still loaded (ps no longer shows it); the
 * unused thread sample-unused is stopped with "kthread_stop() returned -4
 * (-EINTR)" (the name needs CONFIG_SYMBOLIC_ERRNAME) and its data is freed
 * by the module;
 * rmmod only waits for the completion, which is long done. A jobs value
 * outside 1 to 100 is refused with -EINVAL and a message (a non-number
 * with -EINVAL, a number too large for an unsigned int with -ERANGE).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>

#define JOBS_MAX	100

static unsigned int jobs = 3;
module_param(jobs, uint, 0444);
MODULE_PARM_DESC(jobs, "How many jobs the thread does before it exits, 1-100 (default: 3)");

struct job_data {
	unsigned int count;
};

static DECLARE_COMPLETION(job_done);

/* Owns @data once it runs, so it frees it. */
static int job_fn(void *data)
{
	struct job_data *job = data;
	unsigned int i;

	for (i = 1; i <= job->count; i++)
		pr_info("job %u of %u done\n", i, job->count);
	kfree(job);

	pr_info("all jobs done, %s (pid %d) exits\n",
		current->comm, task_pid_nr(current));
	kthread_complete_and_exit(&job_done, 0);
}

/* Never called: the thread that would run it is stopped first. */
static int unused_fn(void *data)
{
	pr_err("unused thread ran\n");
	kfree(data);
	return 0;
}

static int __init exit_sample_init(void)
{
	struct task_struct *task;
	struct job_data *job, *unused;
	int ret;

	if (jobs < 1 || jobs > JOBS_MAX) {
		pr_err("jobs=%u is invalid: it must be from 1 to %u\n",
		       jobs, JOBS_MAX);
		return -EINVAL;
	}

	job = kmalloc_obj(*job);
	if (!job)
		return -ENOMEM;
	job->count = jobs;

	/*
	 * Create, print, then wake: once woken, the thread may finish and be
	 * freed at any moment, and this function holds no reference to it.
	 */
	task = kthread_create(job_fn, job, "sample-job");
	if (IS_ERR(task)) {
		/* job_fn() never ran, so the data is still ours. */
		kfree(job);
		pr_err("kthread_create() failed: %pe\n", task);
		return PTR_ERR(task);
	}
	pr_info("started thread %s (pid %d)\n", task->comm, task_pid_nr(task));
	wake_up_process(task);
	/* Do not use task after this: it may already have exited. */

	unused = kmalloc_obj(*unused);
	if (!unused) {
		ret = -ENOMEM;
		goto wait_job;
	}
	task = kthread_create(unused_fn, unused, "sample-unused");
	if (IS_ERR(task)) {
		kfree(unused);
		ret = PTR_ERR(task);
		pr_err("kthread_create() failed: %pe\n", task);
		goto wait_job;
	}
	pr_info("created thread %s (pid %d), not woken\n",
		task->comm, task_pid_nr(task));

	/*
	 * Changed our mind. A thread that was never woken can be stopped: it
	 * exits without calling unused_fn(), so the data is still ours.
	 */
	ret = kthread_stop(task);
	pr_info("kthread_stop() returned %d (%pe)\n", ret, ERR_PTR(ret));
	kfree(unused);
	return 0;

wait_job:
	/* The job thread uses module code until it has completed. */
	wait_for_completion(&job_done);
	return ret;
}

static void __exit exit_sample_exit(void)
{
	wait_for_completion(&job_done);
	pr_info("the job thread had completed\n");
}

module_init(exit_sample_init);
module_exit(exit_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: kthread_complete_and_exit() and stopping a thread that never ran");
MODULE_LICENSE("GPL");
