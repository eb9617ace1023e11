// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-create-wake-sample.c - create a kernel thread, wake it, collect
 * its result
 *
 * This sample shows the life of the simplest kernel thread:
 *
 *  - kthread_create() makes a thread that is not running yet, so its
 *    creator can finish setting it up before it starts;
 *  - wake_up_process() starts it. It returns 1 if the task was in an
 *    ordinary sleep (TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE, perhaps
 *    not even off its CPU yet) and this call woke it, or recorded the
 *    wakeup for later if the task is frozen in that sleep; 0 otherwise:
 *    already runnable or running, woken by someone else first, parked, or
 *    exited. That is a snapshot, not a count of wakeups, and hardly any
 *    code needs it; what matters is that a thread re-checks what it
 *    waits for when it wakes, because a wakeup may not be meant for it;
 *  - the thread gets its data through the void pointer of its thread
 *    function, and that data must outlive the thread;
 *  - the thread function returns 0 or a negative error number, and
 *    kthread_stop() hands that back;
 *  - the thread here returns at once, long before the module is unloaded.
 *    Calling kthread_stop() on a thread that has already exited is only safe
 *    while a reference to its task_struct is held, so the module takes one
 *    before waking the thread and drops it with kthread_stop_put().
 *
 * Usage:
 *
 *	insmod kthread-create-wake-sample.ko [value=123]
 *	dmesg | grep kthread_create_wake_sample
 *	rmmod kthread-create-wake-sample
 *
 * What to look for in dmesg: "current" is insmod in the loading context and
 * the thread, sample-create, inside it; wake_up_process() returns 1 (the
 * thread was waiting to be started); the thread sees the value it was
 * given; on unload, kthread_stop() returns
 * the thread's result, 0, or -ERANGE for a negative value, although the
 * thread is long gone (ps shows no sample-create thread after loading). A
 * value that is not a number fails the load with -EINVAL, one too large
 * for an int with -ERANGE, when the parameter is parsed.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

/*
 * The thread's data. A module parameter lives until the module is unloaded,
 * which is after kthread_stop(), so the thread can never see it freed. A
 * local variable of the init function may be gone before the thread runs.
 */
static int value = 123;
module_param(value, int, 0444);
MODULE_PARM_DESC(value, "Value handed to the thread; negative makes it fail with -ERANGE (default: 123)");

static struct task_struct *create_wake_task;

static int create_wake_fn(void *data)
{
	const int *valuep = data;

	pr_info("thread: current is %s (pid %d), got value %d\n",
		current->comm, task_pid_nr(current), *valuep);

	/*
	 * Returning ends the thread. Nobody is waiting for it yet: the result
	 * is kept with the task (in its struct kthread), which the module's
	 * reference keeps until kthread_stop_put().
	 */
	return *valuep < 0 ? -ERANGE : 0;
}

static int __init create_wake_sample_init(void)
{
	int woken;

	pr_info("init: current is %s (pid %d)\n",
		current->comm, task_pid_nr(current));

	create_wake_task = kthread_create(create_wake_fn, &value,
					  "sample-create");
	if (IS_ERR(create_wake_task)) {
		pr_err("kthread_create() failed: %pe\n", create_wake_task);
		return PTR_ERR(create_wake_task);
	}

	/*
	 * The thread will exit on its own. Without this reference its
	 * task_struct could be freed before kthread_stop() looks at it.
	 */
	get_task_struct(create_wake_task);

	pr_info("created thread %s (pid %d), not running yet\n",
		create_wake_task->comm, task_pid_nr(create_wake_task));

	woken = wake_up_process(create_wake_task);
	pr_info("wake_up_process() returned %d\n", woken);

	return 0;
}

static void __exit create_wake_sample_exit(void)
{
	int result;

	/* Waits for the thread if needed, then drops our reference. */
	result = kthread_stop_put(create_wake_task);
	pr_info("kthread_stop() returned %d\n", result);
}

module_init(create_wake_sample_init);
module_exit(create_wake_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: kthread_create(), wake_up_process() and kthread_stop()");
MODULE_LICENSE("GPL");
