// SPDX-License-Identifier: GPL-2.0-only
/*
 * guide-st-sleep.c - TEST ONLY: the sleep states that
 * Documentation/core-api/kthread.rst describes, for
 * tests/guest/extra/guide-states.sh:
 *  - sample-st-idle waits in TASK_IDLE: /proc shows I, the load average
 *    does not count it, the hung-task detector does not report it;
 *  - sample-st-unint waits in TASK_UNINTERRUPTIBLE: D, counted, reported;
 *  - sample-st-never is created with kthread_create() and never woken:
 *    D, counted, reported; kthread_stop() returns -EINTR and its
 *    function never runs.
 * Built with -DGUIDE_ST_WRONG, sample-st-idle waits in
 * TASK_UNINTERRUPTIBLE instead: the suite's checks must fail.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

#ifdef GUIDE_ST_WRONG
#define IDLE_STATE	TASK_UNINTERRUPTIBLE
#else
#define IDLE_STATE	TASK_IDLE
#endif

static struct task_struct *id_task, *unint_task, *never_task;

/* Sleep in @state until kthread_stop(). */
static int wait_fn(void *data)
{
	unsigned int state = (unsigned long)data;

	for (;;) {
		set_current_state(state);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int never_fn(void *data)
{
	pr_info("never: thread function runs\n");
	return 0;
}

static int __init st_sleep_init(void)
{
	never_task = kthread_create(never_fn, NULL, "sample-st-never");
	if (IS_ERR(never_task))
		return PTR_ERR(never_task);

	id_task = kthread_run(wait_fn, (void *)(unsigned long)IDLE_STATE,
			      "sample-st-idle");
	if (IS_ERR(id_task)) {
		kthread_stop(never_task);
		return PTR_ERR(id_task);
	}

	unint_task = kthread_run(wait_fn,
				 (void *)(unsigned long)TASK_UNINTERRUPTIBLE,
				 "sample-st-unint");
	if (IS_ERR(unint_task)) {
		kthread_stop(id_task);
		kthread_stop(never_task);
		return PTR_ERR(unint_task);
	}

	pr_info("idle %d unint %d never %d\n", task_pid_nr(id_task),
		task_pid_nr(unint_task), task_pid_nr(never_task));
	return 0;
}

static void __exit st_sleep_exit(void)
{
	kthread_stop(unint_task);
	kthread_stop(id_task);
	pr_info("never: kthread_stop() returned %d\n", kthread_stop(never_task));
}

module_init(st_sleep_init);
module_exit(st_sleep_exit);
MODULE_DESCRIPTION("Test only: TASK_IDLE, TASK_UNINTERRUPTIBLE and a never-woken kthread");
MODULE_LICENSE("GPL");
