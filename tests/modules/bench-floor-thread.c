// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-floor-thread.c - TEST ONLY, a benchmark row: the kthread_stop()
 * floor. A thread that does nothing but sleep in schedule() until it is
 * stopped: what kthread_stop() and rmmod cost when the thread has no work,
 * no timer and no lock to give up. scripts/benchmark.sh divides every
 * sample's stop latency by this one, measured in the same boot.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *task;

static int floor_fn(void *data)
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

static int __init floor_init(void)
{
	task = kthread_run(floor_fn, NULL, "bench-floor");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit floor_exit(void)
{
	kthread_stop(task);
}

module_init(floor_init);
module_exit(floor_exit);
MODULE_DESCRIPTION("TEST ONLY: the kthread_stop() floor, a thread asleep in schedule()");
MODULE_LICENSE("GPL");
