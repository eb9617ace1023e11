// SPDX-License-Identifier: GPL-2.0
/*
 * kthread-periodic.c - a kernel thread that does work at a fixed period
 *
 * This sample shows the loop at the heart of most kernel threads: do some
 * work, sleep until the next period, repeat until kthread_should_stop().
 * Two details make it correct where the common msleep() version is not:
 *
 *  - The sleep ends as soon as kthread_stop() is called. The thread sets its
 *    state to TASK_INTERRUPTIBLE before it checks kthread_should_stop(), so
 *    the wakeup that kthread_stop() sends cannot be lost between the check
 *    and the sleep. msleep() would ignore that wakeup and make rmmod wait
 *    for the rest of the period.
 *  - Every deadline is the previous deadline plus the period, slept to with
 *    an absolute hrtimer. The time the work and the wakeup take does not
 *    accumulate: tick N comes at start + N * period, not a little later
 *    every time.
 *
 * Usage:
 *
 *	insmod kthread-periodic.ko [period_ms=1000]
 *	dmesg -w | grep kthread_periodic
 *	rmmod kthread-periodic
 *
 * What to look for: "index 0", "index 1", ... one line every period_ms (the
 * dmesg timestamps show no drift); ps shows the thread sample-periodic; rmmod
 * returns at once, not after the rest of the period. period_ms=0 or
 * period_ms=60001 is refused with -EINVAL and a message saying why.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>

#define PERIOD_MS_MAX	60000

static unsigned int period_ms = 1000;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "Period of the thread's work in milliseconds, 1-60000 (default: 1000)");

static struct task_struct *periodic_task;

static int periodic_fn(void *data)
{
	ktime_t period = ms_to_ktime(period_ms);
	ktime_t deadline = ktime_get();
	unsigned long index = 0;

	while (!kthread_should_stop()) {
		pr_info("index %lu\n", index++);

		deadline = ktime_add(deadline, period);
		/*
		 * More than a whole period late (the machine was stalled):
		 * go on from now instead of catching up with a burst of ticks.
		 */
		if (ktime_before(deadline, ktime_get()))
			deadline = ktime_get();

		/*
		 * Set the state first: a kthread_stop() that comes after the
		 * check below makes schedule_hrtimeout() return at once.
		 */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule_hrtimeout(&deadline, HRTIMER_MODE_ABS);
	}

	return 0;
}

static int __init periodic_init(void)
{
	if (period_ms < 1 || period_ms > PERIOD_MS_MAX) {
		pr_err("period_ms=%u is out of range: it must be 1 to %u\n",
		       period_ms, PERIOD_MS_MAX);
		return -EINVAL;
	}

	periodic_task = kthread_run(periodic_fn, NULL, "sample-periodic");
	if (IS_ERR(periodic_task)) {
		pr_err("kthread_run() failed: %pe\n", periodic_task);
		return PTR_ERR(periodic_task);
	}

	pr_info("started thread %s (pid %d), period %u ms\n",
		periodic_task->comm, task_pid_nr(periodic_task), period_ms);
	return 0;
}

static void __exit periodic_exit(void)
{
	/* The thread only returns when asked to, so it is still there. */
	kthread_stop(periodic_task);
	pr_info("stopped\n");
}

module_init(periodic_init);
module_exit(periodic_exit);

MODULE_DESCRIPTION("Kernel thread sample: a periodic thread that stops at once and does not drift");
MODULE_LICENSE("GPL");
