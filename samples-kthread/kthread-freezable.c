// SPDX-License-Identifier: GPL-2.0
/*
 * kthread-freezable.c - a kernel thread that is frozen during suspend
 *
 * Before the system suspends or hibernates, the freezer stops user space
 * and every task that asked to be frozen, so that nothing touches devices
 * or memory that is being saved. Kernel threads are not frozen unless they
 * opt in. This sample shows a thread that does:
 *
 *  - set_freezable() makes the thread freezable;
 *  - kthread_freezable_should_stop() is kthread_should_stop() plus a freeze
 *    point: when the freezer wants the thread, it sleeps there in the
 *    "refrigerator" until the system thaws, and reports that it was frozen;
 *  - the thread sleeps in TASK_INTERRUPTIBLE, so the freezer's wakeup ends
 *    the sleep and the thread reaches its freeze point at once.
 *
 * A thread whose work must not run while devices are suspended (for
 * instance one that talks to hardware) should be freezable; most threads
 * that only manage kernel data need not be.
 *
 * Usage:
 *
 *	insmod kthread-freezable.ko
 *	echo freezer > /sys/power/pm_test	# CONFIG_PM_DEBUG: freeze, wait 5 s, thaw
 *	echo freeze > /sys/power/state
 *	rmmod kthread-freezable
 *
 * What to look for in dmesg: "tick N" twice a second from the thread
 * sample-freeze; no tick while the system is frozen; after the thaw,
 * "thawed after being frozen", and the ticks go on. A thread without
 * set_freezable() (kthread-periodic, for instance) keeps ticking meanwhile.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/freezer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

#define TICK_MS		500

static struct task_struct *freezable_task;

static int freezable_fn(void *data)
{
	unsigned long tick = 0;
	bool was_frozen;

	set_freezable();

	while (!kthread_freezable_should_stop(&was_frozen)) {
		if (was_frozen)
			pr_info("thawed after being frozen\n");

		pr_info("tick %lu\n", ++tick);

		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule_timeout(msecs_to_jiffies(TICK_MS));
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

static int __init freezable_init(void)
{
	freezable_task = kthread_run(freezable_fn, NULL, "sample-freeze");
	if (IS_ERR(freezable_task)) {
		pr_err("kthread_run() failed: %pe\n", freezable_task);
		return PTR_ERR(freezable_task);
	}

	pr_info("started thread %s (pid %d)\n",
		freezable_task->comm, task_pid_nr(freezable_task));
	return 0;
}

static void __exit freezable_exit(void)
{
	kthread_stop(freezable_task);
	pr_info("stopped\n");
}

module_init(freezable_init);
module_exit(freezable_exit);

MODULE_DESCRIPTION("Kernel thread sample: a freezable thread");
MODULE_LICENSE("GPL");
