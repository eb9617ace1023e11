// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-sched-sample.c - set the scheduling policy and priority of
 * kernel threads
 *
 * Kernel threads start as SCHED_NORMAL tasks with kthreadd's nice value (0
 * unless an administrator changed it): kthread() resets the policy only.
 * This sample shows the helpers a module can use to change that:
 *
 *  - sched_set_fifo() makes a thread SCHED_FIFO at a middle real-time
 *    priority (50), for threads that must run before normal tasks, such as
 *    interrupt threads;
 *  - sched_set_fifo_low() makes it SCHED_FIFO at the lowest real-time
 *    priority (1): ahead of every normal task, behind real-time tasks of
 *    higher priority;
 *  - sched_set_normal() makes it SCHED_NORMAL with a nice value. Nice 10
 *    does not mean "only when nothing else runs": it gets about a tenth of
 *    the CPU time a nice 0 task gets when both want the CPU (each nice
 *    level is a factor of about 1.25). For work that should use only CPU
 *    time that nothing else wants, nice 19 comes closer.
 *
 * A module does not pick real-time priority numbers itself: they are a
 * system-wide policy, and the helpers keep kernel threads in a few known
 * places in it. A real-time thread that never sleeps takes its CPU from
 * every normal task: by default, normal tasks are only guaranteed 50 ms
 * per second (the fair server, since 6.12; before it, only real-time
 * throttling, 950 ms per second by default, left them anything). So these
 * threads sleep until they are stopped.
 *
 * Usage:
 *
 *	insmod kthread-sched-sample.ko [nice=10]
 *	ps -o pid,comm,rtprio,nice,class	(procps) or cat /proc/PID/sched
 *	rmmod kthread-sched-sample
 *
 * What to look for: the threads sample-fifo (FIFO 50), sample-fifo-low
 * (FIFO 1) and sample-nice (NORMAL, nice 10) report their own policy and
 * priority in dmesg; /proc/PID/stat shows the same (policy in field 41,
 * rt_priority in field 40, nice in field 19). A nice value outside -20..19
 * is refused with -EINVAL and a message (a non-number with -EINVAL, a
 * number too large for an int with -ERANGE).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/prio.h>

static int nice = 10;
module_param(nice, int, 0444);
MODULE_PARM_DESC(nice, "Nice value of the thread sample-nice, -20..19 (default: 10)");

enum sched_sample { SAMPLE_FIFO, SAMPLE_FIFO_LOW, SAMPLE_NICE, NR_SAMPLES };

static const char * const thread_names[NR_SAMPLES] = {
	[SAMPLE_FIFO]		= "sample-fifo",
	[SAMPLE_FIFO_LOW]	= "sample-fifo-low",
	[SAMPLE_NICE]		= "sample-nice",
};

static struct task_struct *sched_tasks[NR_SAMPLES];

static const char *policy_name(unsigned int policy)
{
	switch (policy) {
	case SCHED_NORMAL:
		return "NORMAL";
	case SCHED_FIFO:
		return "FIFO";
	case SCHED_RR:
		return "RR";
	default:
		return "other";
	}
}

static int sched_fn(void *data)
{
	pr_info("%s: policy %s, rt_priority %u, nice %d\n", current->comm,
		policy_name(current->policy), current->rt_priority,
		task_nice(current));

	/* Sleep until stopped: a real-time thread must not hog its CPU. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void stop_threads(void)
{
	int i;

	for (i = 0; i < NR_SAMPLES; i++) {
		if (sched_tasks[i])
			kthread_stop(sched_tasks[i]);
		sched_tasks[i] = NULL;
	}
}

static int __init sched_sample_init(void)
{
	struct task_struct *task;
	int i;

	if (nice < MIN_NICE || nice > MAX_NICE) {
		pr_err("nice=%d is invalid: it must be from %d to %d\n",
		       nice, MIN_NICE, MAX_NICE);
		return -EINVAL;
	}

	for (i = 0; i < NR_SAMPLES; i++) {
		/* Set the policy before the thread first runs. */
		task = kthread_create(sched_fn, NULL, "%s", thread_names[i]);
		if (IS_ERR(task)) {
			pr_err("kthread_create() failed: %pe\n", task);
			stop_threads();
			return PTR_ERR(task);
		}
		sched_tasks[i] = task;

		switch (i) {
		case SAMPLE_FIFO:
			sched_set_fifo(task);
			break;
		case SAMPLE_FIFO_LOW:
			sched_set_fifo_low(task);
			break;
		case SAMPLE_NICE:
			sched_set_normal(task, nice);
			break;
		}
		wake_up_process(task);
	}
	return 0;
}

static void __exit sched_sample_exit(void)
{
	stop_threads();
	pr_info("stopped\n");
}

module_init(sched_sample_init);
module_exit(sched_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: sched_set_fifo(), sched_set_fifo_low() and sched_set_normal()");
MODULE_LICENSE("GPL");
