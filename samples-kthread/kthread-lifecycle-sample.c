// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-lifecycle-sample.c - start, stop and end kernel threads
 *
 * Usage:
 *
 *	insmod kthread-lifecycle-sample.ko [job_ms=2000]
 *	rmmod kthread-lifecycle-sample
 *
 * What to look for: sample-loop sleeps in state S and wakes once a second
 * until rmmod, which prints what kthread_stop() returned; sample-never is
 * created, stopped before it was woken, and never runs its function;
 * sample-result fails at once (-ENODATA), and rmmod still gets that error;
 * sample-once and sample-job end on their own, the first at once, the
 * second after job_ms (1-60000) milliseconds. Until sample-job ends, rmmod
 * fails: the module is in use.
 *
 * See Documentation/core-api/kthread.rst
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#define JOB_MS_MAX	60000

static unsigned int job_ms = 2000;
module_param(job_ms, uint, 0444);
MODULE_PARM_DESC(job_ms, "How long sample-job runs, in ms, 1-60000 (default: 2000)");

/* The data of sample-loop: it must outlive the thread. */
struct loop_data {
	unsigned int period_ms;
	unsigned int wakeups;
};

static struct loop_data loop_data = { .period_ms = 1000 };
static struct task_struct *loop_task;
static struct task_struct *result_task;
static DECLARE_COMPLETION(once_done);

static int loop_fn(void *data)
{
	struct loop_data *loop = data;

	for (;;) {
		/* Set the state first: a kthread_stop() after the test wakes us. */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule_timeout(msecs_to_jiffies(loop->period_ms));
		loop->wakeups++;
	}
	__set_current_state(TASK_RUNNING);
	/* 0 or a negative error number: kthread_stop() returns it. */
	return 0;
}

static int never_fn(void *data)
{
	pr_err("sample-never ran\n");
	return 0;
}

/*
 * A short job that returns its result, 0 or a negative error number,
 * whether or not it is stopped: it may have exited long before module
 * exit stops it. Its task_struct is then freed unless its creator holds a
 * reference, taken before the first wake-up with get_task_struct() and
 * dropped by kthread_stop_put().
 */
static int result_fn(void *data)
{
	return -ENODATA;	/* stands for a job that failed */
}

/*
 * A job that its creator waits for, as module exit does here: fits a short
 * job, or one whose end the creator needs anyway. It must not complete()
 * then return: the module could be unloaded before the thread leaves its
 * code. kthread_complete_and_exit() completes and exits from core code.
 */
static int once_fn(void *data)
{
	pr_info("%s (pid %d): job done\n", current->comm, task_pid_nr(current));
	kthread_complete_and_exit(&once_done, 0);
}

/*
 * A job that holds a reference to its module, taken for it before it was
 * created: fits a job that may run long, as rmmod then fails at once
 * instead of waiting in module exit. The job drops the reference on its
 * way out, from core code. Nobody stops it.
 */
static int job_fn(void *data)
{
	/* Stands for the job; in TASK_IDLE, which is neither load nor hung. */
	schedule_timeout_idle(msecs_to_jiffies(job_ms));
	pr_info("%s (pid %d): job done after %u ms\n",
		current->comm, task_pid_nr(current), job_ms);
	module_put_and_kthread_exit(0);
}

static int __init lifecycle_init(void)
{
	struct task_struct *task;
	int ret;

	if (job_ms < 1 || job_ms > JOB_MS_MAX) {
		pr_err("job_ms=%u is invalid: it must be from 1 to %d\n",
		       job_ms, JOB_MS_MAX);
		return -EINVAL;
	}

	/*
	 * kthread_create() does not start the thread. One stopped before it
	 * was ever woken never runs its function: kthread_stop() returns -EINTR.
	 */
	task = kthread_create(never_fn, NULL, "sample-never");
	if (IS_ERR(task)) {
		pr_err("kthread_create() failed: %pe\n", task);
		return PTR_ERR(task);
	}
	pr_info("created sample-never (pid %d), not woken\n", task_pid_nr(task));
	ret = kthread_stop(task);
	pr_info("sample-never: kthread_stop() returned %d\n", ret);

	/* kthread_run() creates the thread and wakes it. */
	loop_task = kthread_run(loop_fn, &loop_data, "sample-loop");
	if (IS_ERR(loop_task)) {
		pr_err("kthread_run() failed: %pe\n", loop_task);
		return PTR_ERR(loop_task);
	}
	pr_info("started %s (pid %d)\n", loop_task->comm, task_pid_nr(loop_task));

	result_task = kthread_create(result_fn, NULL, "sample-result");
	if (IS_ERR(result_task)) {
		ret = PTR_ERR(result_task);
		pr_err("kthread_create() failed: %pe\n", result_task);
		goto stop_loop;
	}
	get_task_struct(result_task);
	wake_up_process(result_task);

	/* Once woken, a thread that ends on its own may be gone at once. */
	task = kthread_run(once_fn, NULL, "sample-once");
	if (IS_ERR(task)) {
		ret = PTR_ERR(task);
		pr_err("kthread_run() failed: %pe\n", task);
		goto stop_result;
	}

	/*
	 * Last: a failed init frees the module even while a reference is
	 * held, so nothing may fail once sample-job runs.
	 */
	__module_get(THIS_MODULE);
	task = kthread_run(job_fn, NULL, "sample-job");
	if (IS_ERR(task)) {
		module_put(THIS_MODULE);
		ret = PTR_ERR(task);
		pr_err("kthread_run() failed: %pe\n", task);
		goto wait_once;
	}
	return 0;

wait_once:
	wait_for_completion(&once_done);
stop_result:
	kthread_stop_put(result_task);
stop_loop:
	kthread_stop(loop_task);
	return ret;
}

static void __exit lifecycle_exit(void)
{
	int ret;

	/* sample-job has ended: rmmod fails while it holds its reference. */
	wait_for_completion(&once_done);
	pr_info("sample-once had completed\n");

	/* Its result, though the thread has long exited. */
	ret = kthread_stop_put(result_task);
	pr_info("sample-result: kthread_stop_put() returned %d\n", ret);

	ret = kthread_stop(loop_task);
	pr_info("sample-loop: kthread_stop() returned %d, wakeups: %u\n",
		ret, loop_data.wakeups);
}

module_init(lifecycle_init);
module_exit(lifecycle_exit);

MODULE_DESCRIPTION("Kernel thread sample: how threads start, stop and end");
MODULE_LICENSE("GPL");
