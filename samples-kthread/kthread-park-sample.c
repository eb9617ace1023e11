// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-park-sample.c - pause a kernel thread with kthread_park()
 *
 * This sample shows how to pause a thread without stopping it:
 *
 *  - kthread_park() asks the thread to park and waits until it has: the
 *    thread sees kthread_should_park(), calls kthread_parkme() and sleeps
 *    in TASK_PARKED until kthread_unpark(). Its state survives the pause.
 *  - The thread must check kthread_should_park() wherever it may stop, and
 *    its sleep must end on the wakeup that kthread_park() sends.
 *  - A thread can be parked before its function first runs:
 *    kthread_park() right after kthread_create() parks it on its way in.
 *    Such a thread does run its function when it is stopped, even if it
 *    was never unparked (kthread_stop() unparks it first), so the function
 *    must be ready to find kthread_should_stop() true on entry.
 *  - Parking a thread twice is a bug (kthread_park() warns and returns
 *    -EBUSY), so the module tracks whether it is parked, and only the
 *    parameter's setter and init, under the parameter lock, change that.
 *  - The parameter's sysfs file exists before park_sample_init() runs and
 *    until after park_sample_exit() has returned: a write can come at any
 *    time. Both functions hold kernel_param_lock(), which the setter also
 *    runs under, so a write sees either no thread or a thread that is
 *    fully set up. (A writable module parameter keeps this sample free of
 *    other subsystems; a driver would rather give such a knob a debugfs
 *    file, created once the thread exists and removed before it is
 *    stopped, since debugfs_remove() waits for writes in progress.)
 *
 * Usage:
 *
 *	insmod kthread-park-sample.ko [parked=1]
 *	echo 1 > /sys/module/kthread_park_sample/parameters/parked
 *	echo 0 > /sys/module/kthread_park_sample/parameters/parked
 *	rmmod kthread-park-sample
 *
 * What to look for: "tick N" twice a second from the thread sample-park;
 * writing 1 to "parked" prints "parking after tick N", the ticks stop and
 * /proc/PID/status shows "P (parked)"; writing 0 prints "unparked" and the
 * ticks go on from where they were. Loaded with parked=1, the thread never
 * ticks until it is unparked; unloaded still parked, it prints "thread
 * function runs" and stops. A value that kstrtobool() does not read as a
 * boolean (2, -1, maybe) is refused with -EINVAL.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/string.h>

#define TICK_MS		500

static struct task_struct *park_task;
static bool parked;

/*
 * Runs under the module's parameter lock (kernel_param_lock()), for writes
 * to the sysfs file and for the parameter given at load time, which is set
 * before park_sample_init() runs: park_task is NULL then, and init does the
 * parking.
 */
static int parked_set(const char *val, const struct kernel_param *kp)
{
	bool park;
	int ret;

	if (kstrtobool(val, &park)) {
		pr_err("parked=%.*s is invalid: use 1 or 0\n",
		       (int)strcspn(val, "\n"), val);
		return -EINVAL;
	}
	if (park_task && park != parked) {
		if (park) {
			ret = kthread_park(park_task);
			if (ret)
				return ret;
		} else {
			kthread_unpark(park_task);
		}
	}
	parked = park;
	return 0;
}

static const struct kernel_param_ops parked_ops = {
	.set = parked_set,
	.get = param_get_bool,
};
module_param_cb(parked, &parked_ops, &parked, 0644);
MODULE_PARM_DESC(parked, "Write 1 to park the thread, 0 to unpark it (default: 0)");

static int park_fn(void *data)
{
	unsigned long tick = 0;

	pr_info("thread function runs\n");

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			pr_info("parking after tick %lu\n", tick);
			kthread_parkme();
			/* Woken for kthread_unpark() or kthread_stop(). */
			if (!kthread_should_stop())
				pr_info("unparked\n");
			continue;
		}

		pr_info("tick %lu\n", ++tick);

		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !kthread_should_park())
			schedule_timeout(msecs_to_jiffies(TICK_MS));
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

static int __init park_sample_init(void)
{
	struct task_struct *task;
	int ret = 0;

	/*
	 * The lock keeps writers out until park_task and the thread agree
	 * with "parked". Nothing here, nor in park_fn(), may take the lock
	 * again: a thread that reads a string parameter under
	 * kernel_param_lock() would deadlock with kthread_park() or
	 * kthread_stop() called under it.
	 */
	kernel_param_lock(THIS_MODULE);
	task = kthread_create(park_fn, NULL, "sample-park");
	if (IS_ERR(task)) {
		ret = PTR_ERR(task);
		pr_err("kthread_create() failed: %pe\n", task);
		goto unlock;
	}

	if (parked) {
		/* It parks before park_fn() is called. */
		ret = kthread_park(task);
		if (ret) {
			pr_err("kthread_park() failed: %pe\n", ERR_PTR(ret));
			kthread_stop(task);
			goto unlock;
		}
		pr_info("thread %s (pid %d) created parked\n",
			task->comm, task_pid_nr(task));
	} else {
		pr_info("thread %s (pid %d) starting\n",
			task->comm, task_pid_nr(task));
		wake_up_process(task);
	}
	park_task = task;
unlock:
	kernel_param_unlock(THIS_MODULE);
	return ret;
}

static void __exit park_sample_exit(void)
{
	/* Under the lock, parked_set() sees the thread or NULL. */
	kernel_param_lock(THIS_MODULE);
	kthread_stop(park_task);
	park_task = NULL;
	kernel_param_unlock(THIS_MODULE);
	pr_info("stopped\n");
}

module_init(park_sample_init);
module_exit(park_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: kthread_park() and kthread_unpark()");
MODULE_LICENSE("GPL");
