// SPDX-License-Identifier: GPL-2.0-only
/*
 * guide-st-sched.c - TEST ONLY: a kthread runs SCHED_NORMAL at nice 0;
 * sched_set_fifo() gives SCHED_FIFO priority 50 (MAX_RT_PRIO / 2),
 * sched_set_fifo_low() SCHED_FIFO priority 1
 * (Documentation/core-api/kthread.rst). Each is set before the first
 * wake-up. Checked in /proc/PID/stat by tests/guest/extra/guide-states.sh.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *tasks[3];

static int wait_fn(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void stop_all(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(tasks); i++)
		if (tasks[i])
			kthread_stop(tasks[i]);
}

static int __init st_sched_init(void)
{
	static const char * const names[] = {
		"sample-st-norm", "sample-st-fifo", "sample-st-fifo1",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(tasks); i++) {
		struct task_struct *t = kthread_create(wait_fn, NULL, "%s",
						       names[i]);

		if (IS_ERR(t)) {
			stop_all();
			return PTR_ERR(t);
		}
		tasks[i] = t;
	}
	sched_set_fifo(tasks[1]);
	sched_set_fifo_low(tasks[2]);
	for (i = 0; i < ARRAY_SIZE(tasks); i++)
		wake_up_process(tasks[i]);
	return 0;
}

static void __exit st_sched_exit(void)
{
	stop_all();
}

module_init(st_sched_init);
module_exit(st_sched_exit);
MODULE_DESCRIPTION("Test only: the scheduling policy of kthreads");
MODULE_LICENSE("GPL");
