// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-freezable-sample.c - a kernel thread that is frozen during suspend
 *
 * Before the system suspends or hibernates, the freezer stops user space
 * and every task that asked to be frozen, so that nothing touches devices
 * or memory that is being saved. Kernel threads are not frozen unless they
 * opt in. This sample shows a thread that does:
 *
 *  - set_freezable() makes the thread freezable;
 *  - wait_event_freezable_timeout() sleeps in TASK_INTERRUPTIBLE |
 *    TASK_FREEZABLE: the freezer freezes a thread asleep there in place,
 *    without waking it, and the thread cannot run again until the system
 *    thaws. A freezable thread must sleep like this, or call
 *    try_to_freeze() often: if it is not frozen in time, the whole suspend
 *    fails (Documentation/power/freezing-of-tasks.rst).
 *  - kthread_stop() wakes the thread, and the stop condition ends the
 *    wait; but not while the thread is frozen: a frozen task is not woken
 *    (ttwu_state_match() in kernel/sched/core.c only notes the wakeup for
 *    __thaw_task()), so kthread_stop() then waits until the system
 *    resumes. Never stop a freezable thread from a PM callback (.suspend(),
 *    .freeze(), .poweroff()): it would wait for a thaw that cannot come.
 *
 * Should a thread be freezable at all? Only if it must not run while the
 * system suspends or hibernates: one that accesses its device directly
 * (frozen before the driver's .suspend(), thawed after its .resume()), or
 * one that could write to a filesystem after the hibernation image was
 * made. Others should stay unfreezable, the default: a task that waits
 * for a frozen thread is blocked until the thaw (freezing-of-tasks.rst,
 * "Are there any problems related to the freezing of tasks?"). Work that
 * only needs to be held back can go to a workqueue made with
 * WQ_FREEZABLE instead of a thread of its own.
 *
 * Usage:
 *
 *	insmod kthread-freezable-sample.ko
 *	echo freezer > /sys/power/pm_test
 *	echo freeze > /sys/power/state
 *	rmmod kthread-freezable-sample
 *
 * (pm_test needs CONFIG_PM_DEBUG; "freezer" makes the suspend freeze the
 * tasks, wait 5 s and thaw them again.)
 *
 * What to look for in dmesg: "tick N" twice a second from the thread
 * sample-freeze; no tick while the system is frozen (the dmesg timestamps
 * show a gap of about 5 seconds), then the ticks go on. A thread without
 * set_freezable() (kthread-periodic-sample, for instance) keeps ticking
 * meanwhile.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/freezer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/wait.h>

#define TICK_MS		500

/* Nothing wakes it but kthread_stop(): in a driver, work would arrive here. */
static DECLARE_WAIT_QUEUE_HEAD(freezable_wait);

static struct task_struct *freezable_task;

static int freezable_fn(void *data)
{
	unsigned long tick = 0;

	set_freezable();

	while (!kthread_should_stop()) {
		pr_info("tick %lu\n", ++tick);
		wait_event_freezable_timeout(freezable_wait,
					     kthread_should_stop(),
					     msecs_to_jiffies(TICK_MS));
	}

	return 0;
}

static int __init freezable_sample_init(void)
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

static void __exit freezable_sample_exit(void)
{
	kthread_stop(freezable_task);
	pr_info("stopped\n");
}

module_init(freezable_sample_init);
module_exit(freezable_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a freezable thread");
MODULE_LICENSE("GPL");
