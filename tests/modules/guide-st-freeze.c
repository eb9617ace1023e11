// SPDX-License-Identifier: GPL-2.0-only
/*
 * guide-st-freeze.c - TEST ONLY: kernel threads are not freezable by
 * default (Documentation/core-api/kthread.rst). Two threads tick every
 * 200 ms with the same loop, which sleeps in
 * TASK_INTERRUPTIBLE | TASK_FREEZABLE; only sample-st-frz calls
 * set_freezable(). During a freeze (pm_test=freezer) sample-st-frz does
 * not tick and sample-st-nofrz ticks on; both tick after the thaw.
 * Checked by tests/guest/extra/guide-states.sh. Built with
 * -DGUIDE_ST_WRONG, neither calls set_freezable(): the suite must fail.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/freezer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

#define TICK_MS		200

static struct task_struct *frz_task, *nofrz_task;

static int tick_fn(void *data)
{
	bool freezable = data;
	unsigned long tick = 0;

	if (freezable && !IS_ENABLED(GUIDE_ST_WRONG))
		set_freezable();

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE | TASK_FREEZABLE);
		if (kthread_should_stop())
			break;
		schedule_timeout(msecs_to_jiffies(TICK_MS));
		pr_info("%s: tick %lu\n", freezable ? "frz" : "nofrz", ++tick);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init st_freeze_init(void)
{
	frz_task = kthread_run(tick_fn, (void *)1, "sample-st-frz");
	if (IS_ERR(frz_task))
		return PTR_ERR(frz_task);

	nofrz_task = kthread_run(tick_fn, NULL, "sample-st-nofrz");
	if (IS_ERR(nofrz_task)) {
		kthread_stop(frz_task);
		return PTR_ERR(nofrz_task);
	}
	return 0;
}

static void __exit st_freeze_exit(void)
{
	kthread_stop(nofrz_task);
	kthread_stop(frz_task);
}

module_init(st_freeze_init);
module_exit(st_freeze_exit);
MODULE_DESCRIPTION("Test only: a freezable and a default kthread through a freeze");
MODULE_LICENSE("GPL");
