// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-periodic-sample.c - a kernel thread that does work at a fixed period
 *
 * This sample shows the loop at the heart of most kernel threads: do some
 * work, sleep until the next period, repeat until kthread_should_stop().
 * Three details make it correct where the common msleep() version is not:
 *
 *  - The sleep ends as soon as kthread_stop() is called. kthread_stop()
 *    wakes the thread, and also sets TIF_NOTIFY_SIGNAL, so that an
 *    interruptible sleep the thread starts afterwards returns at once.
 *    msleep() sleeps uninterruptibly and goes back to sleep after any
 *    wakeup until its time is up: rmmod would wait for the rest of the
 *    period.
 *  - The thread sets its state before it checks kthread_should_stop(). Here
 *    the signal flag alone would end the sleep, but the same loop sleeping
 *    in TASK_UNINTERRUPTIBLE or TASK_IDLE, or woken by kthread_park() or by
 *    a producer's wake_up_process(), none of which set a signal, depends on
 *    it: a wakeup that comes between the check and the sleep finds the
 *    state already set, makes the thread runnable again, and the sleep
 *    returns at once instead of being lost.
 *  - Every deadline is the previous deadline plus the period, slept to with
 *    an absolute hrtimer. The time the work and the wakeup take does not
 *    accumulate: tick N comes at start + N * period, not a little later
 *    every time. A slack of 0.1% of the period lets the kernel serve the
 *    timer together with others; it delays a tick, never the next one.
 *    Only a stall of more than a period breaks the schedule: the thread
 *    then skips the ticks it missed and starts again one period later.
 *
 * Usage:
 *
 *	insmod kthread-periodic-sample.ko [period_ms=1000]
 *	dmesg -w | grep kthread_periodic_sample
 *	rmmod kthread-periodic-sample
 *
 * What to look for: "index 0", "index 1", ... one line every period_ms (the
 * dmesg timestamps show no drift); ps shows the thread sample-periodic; rmmod
 * returns at once, not after the rest of the period. A period_ms outside 10
 * to 60000 fails the load with -EINVAL and says why; one that is not a
 * number fails it with -EINVAL, or -ERANGE if too large for an unsigned
 * int, when the parameter is parsed.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

/* At least 10 ms: the work prints a line every period. */
#define PERIOD_MS_MIN	10
#define PERIOD_MS_MAX	60000

static unsigned int period_ms = 1000;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "Period of the thread's work in milliseconds, 10-60000 (default: 1000)");

static struct task_struct *periodic_task;

static int periodic_fn(void *data)
{
	ktime_t period = ms_to_ktime(period_ms);
	/* How late the kernel may wake the thread: 0.1% of the period. */
	u64 slack_ns = (u64)period_ms * NSEC_PER_USEC;
	ktime_t deadline = ktime_get();
	ktime_t now;
	unsigned long index = 0;

	while (!kthread_should_stop()) {
		pr_info("index %lu\n", index++);

		deadline = ktime_add(deadline, period);
		/*
		 * That deadline has passed already (the work or the machine
		 * stalled for over a period): skip the missed ticks and go on
		 * one period from now. A deadline of "now" would run the work
		 * twice back to back.
		 */
		now = ktime_get();
		if (ktime_before(deadline, now))
			deadline = ktime_add(now, period);

		/*
		 * Sleep until the deadline or the stop. Set the state first: a
		 * wakeup that comes after the check below makes
		 * schedule_hrtimeout_range() return at once. It returns 0 only
		 * when the deadline has passed; after any other wakeup (the
		 * kernel allows spurious ones, see wake_q.h) the thread sleeps
		 * again until then, instead of running its work early.
		 */
		for (;;) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (kthread_should_stop())
				break;
			if (!schedule_hrtimeout_range(&deadline, slack_ns,
						      HRTIMER_MODE_ABS))
				break;
		}
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

static int __init periodic_sample_init(void)
{
	/*
	 * The parameter is read-only (0444): it cannot change after the load,
	 * so checking it once here is enough. A non-number, or one too large
	 * for an unsigned int, has already failed the load when it was parsed.
	 */
	if (period_ms < PERIOD_MS_MIN || period_ms > PERIOD_MS_MAX) {
		pr_err("period_ms=%u is invalid: it must be from %u to %u\n",
		       period_ms, PERIOD_MS_MIN, PERIOD_MS_MAX);
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

static void __exit periodic_sample_exit(void)
{
	/* The thread only returns when asked to, so it is still there. */
	kthread_stop(periodic_task);
	pr_info("stopped\n");
}

module_init(periodic_sample_init);
module_exit(periodic_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a periodic thread that stops at once and does not drift");
MODULE_LICENSE("GPL");
