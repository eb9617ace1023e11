// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-idle-sample.c - a kernel thread that waits a long time in TASK_IDLE
 *
 * This sample shows the sleep to use for a thread that waits for a long
 * time, here an hour between two rounds of housekeeping:
 *
 *  - TASK_UNINTERRUPTIBLE counts as load: every task in it adds 1 to the
 *    load average, as a running task does. And once such a task has not
 *    run for hung_task_timeout_secs (120 s by default), the hung-task
 *    detector reports it with "INFO: task ... blocked for more than N
 *    seconds" and a stack trace, or panics the machine if told to.
 *  - TASK_INTERRUPTIBLE counts as neither, but it ends early: on any signal
 *    that the thread allows, and on every sleep once kthread_stop() has set
 *    TIF_NOTIFY_SIGNAL. That is harmless in a loop like the one below, but
 *    not in code that must really wait (kthread-signal-sample shows it).
 *  - TASK_IDLE is TASK_UNINTERRUPTIBLE | TASK_NOLOAD: a sleep that no signal
 *    ends, that does not count as load and that the hung-task detector
 *    skips. /proc shows the thread as "I (idle)", like an idle kworker.
 *    wait_event_idle(), wait_event_idle_timeout() and their _exclusive
 *    variants sleep in it when the thread waits on a wait queue;
 *    kthread_should_stop() then belongs in their condition.
 *  - No signal ends the sleep, TIF_NOTIFY_SIGNAL included: only a wakeup
 *    does. kthread_stop() sends one, and the thread sets its state before
 *    it checks kthread_should_stop(), so that a stop between the check and
 *    the sleep is not lost. schedule_timeout_idle() sets the state itself,
 *    after the caller's check: a stop that came in between would wait for
 *    the rest of the hour.
 *
 * Usage:
 *
 *	insmod kthread-idle-sample.ko
 *	grep . /proc/PID/stat /proc/loadavg
 *	rmmod kthread-idle-sample
 *
 * What to look for: the thread sample-idle is in state I in /proc/PID/stat,
 * the load average does not rise while it waits, the hung-task detector
 * does not report it however low hung_task_timeout_secs is set (try
 * echo 2 > /proc/sys/kernel/hung_task_timeout_secs), and rmmod returns at
 * once.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

#define HOUSEKEEPING_S	3600

static struct task_struct *housekeeping_task;

static int housekeeping_fn(void *data)
{
	unsigned long next = jiffies + HOUSEKEEPING_S * HZ;
	unsigned long round = 0, now;

	for (;;) {
		/*
		 * Set the state first: a kthread_stop() that comes after the
		 * check below makes schedule_timeout() return at once.
		 */
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		/*
		 * An absolute deadline: a wakeup before it (the kernel allows
		 * spurious ones) sleeps again for what is left of the hour,
		 * not for a new hour.
		 */
		now = jiffies;
		if (time_before(now, next)) {
			schedule_timeout(next - now);
			continue;
		}
		__set_current_state(TASK_RUNNING);
		pr_info("housekeeping round %lu\n", ++round);
		next += HOUSEKEEPING_S * HZ;
	}
	__set_current_state(TASK_RUNNING);

	return 0;
}

static int __init idle_sample_init(void)
{
	housekeeping_task = kthread_run(housekeeping_fn, NULL, "sample-idle");
	if (IS_ERR(housekeeping_task)) {
		pr_err("kthread_run() failed: %pe\n", housekeeping_task);
		return PTR_ERR(housekeeping_task);
	}

	pr_info("thread %s (pid %d) waits in TASK_IDLE, %d s between rounds\n",
		housekeeping_task->comm, task_pid_nr(housekeeping_task),
		HOUSEKEEPING_S);
	return 0;
}

static void __exit idle_sample_exit(void)
{
	/* The thread only returns when asked to, so it is still there. */
	kthread_stop(housekeeping_task);
	pr_info("stopped\n");
}

module_init(idle_sample_init);
module_exit(idle_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a long wait in TASK_IDLE, neither load nor a hung task");
MODULE_LICENSE("GPL");
