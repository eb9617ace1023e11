// SPDX-License-Identifier: GPL-2.0
/*
 * bench-zero-slack.c - TEST ONLY, a benchmark row: kthread-periodic-sample's loop
 * as it was before it took a slack, schedule_hrtimeout() to absolute
 * deadlines with none (period 1000 ms). scripts/benchmark.sh compares its
 * tick jitter and wakeups with the sample's schedule_hrtimeout_range().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>

static struct task_struct *task;

static int zero_slack_loop(void *data)
{
	ktime_t period = ms_to_ktime(1000);
	ktime_t deadline = ktime_get();
	unsigned long index = 0;

	while (!kthread_should_stop()) {
		pr_info("index %lu\n", index++);
		deadline = ktime_add(deadline, period);
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule_hrtimeout(&deadline, HRTIMER_MODE_ABS);
	}
	return 0;
}

static int __init bench_init(void)
{
	task = kthread_run(zero_slack_loop, NULL, "bench-zero-slack");
	if (IS_ERR(task))
		return PTR_ERR(task);
	return 0;
}

static void __exit bench_exit(void)
{
	kthread_stop(task);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("TEST ONLY: a periodic thread with zero timer slack, for the benchmark");
MODULE_LICENSE("GPL");
