// SPDX-License-Identifier: GPL-2.0-only
/*
 * guide-st-signal.c - TEST ONLY: after kthread_stop(), signal_pending() is
 * true in the thread, so msleep_interruptible() and
 * schedule_timeout_interruptible() return at once, while msleep() sleeps
 * its full time (Documentation/core-api/kthread.rst; checked by
 * tests/guest/extra/guide-states.sh). Built with -DGUIDE_ST_WRONG, the
 * "interruptible" waits are uninterruptible and the last one
 * interruptible: the suite's check must fail.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#define LONG_MS		1000
#define SHORT_MS	50

#ifdef GUIDE_ST_WRONG
#define msleep_int(ms)		(msleep(ms), 0UL)
#define sto_int(j)		schedule_timeout_uninterruptible(j)
#define msleep_unint(ms)	msleep_interruptible(ms)
#else
#define msleep_int(ms)		msleep_interruptible(ms)
#define sto_int(j)		schedule_timeout_interruptible(j)
#define msleep_unint(ms)	msleep(ms)
#endif

static struct task_struct *sig_task;

static int sig_fn(void *data)
{
	unsigned long left_ms;
	long left;
	s64 a_us, b_us, c_us;
	ktime_t t;
	int pending;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);

	pending = signal_pending(current);
	t = ktime_get();
	left_ms = msleep_int(LONG_MS);
	a_us = ktime_us_delta(ktime_get(), t);
	t = ktime_get();
	left = sto_int(msecs_to_jiffies(LONG_MS));
	b_us = ktime_us_delta(ktime_get(), t);
	t = ktime_get();
	msleep_unint(SHORT_MS);
	c_us = ktime_us_delta(ktime_get(), t);

	pr_info("after kthread_stop(): signal_pending() %d\n", pending);
	pr_info("msleep_interruptible(%d): %lld us, %lu ms left\n",
		LONG_MS, a_us, left_ms);
	pr_info("schedule_timeout_interruptible(%d ms): %lld us, %ld jiffies left\n",
		LONG_MS, b_us, left);
	pr_info("msleep(%d): %lld us\n", SHORT_MS, c_us);
	return 0;
}

static int __init st_signal_init(void)
{
	sig_task = kthread_run(sig_fn, NULL, "sample-st-sig");
	return PTR_ERR_OR_ZERO(sig_task);
}

static void __exit st_signal_exit(void)
{
	kthread_stop(sig_task);
}

module_init(st_signal_init);
module_exit(st_signal_exit);
MODULE_DESCRIPTION("Test only: interruptible and uninterruptible sleeps after kthread_stop()");
MODULE_LICENSE("GPL");
