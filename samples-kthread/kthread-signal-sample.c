// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-signal-sample.c - signals and kernel threads
 *
 * This sample shows what signals do to a kernel thread, and what
 * kthread_stop() does to its interruptible sleeps:
 *
 *  - Kernel threads ignore signals: kthreadd, which forks them all, sets
 *    every signal's handler to SIG_IGN, and each thread gets a copy of its
 *    handlers. A signal sent to a thread that ignores it is dropped before
 *    it is queued: the thread is not even woken. /proc/PID/status shows
 *    them all in SigIgn.
 *  - allow_signal() lets one signal through to the thread that calls it,
 *    and to no other thread, since the handlers are its own copy. The
 *    signal then wakes the thread from an interruptible sleep and stays
 *    pending: signal_pending() is true, and every interruptible sleep
 *    returns at once until the thread calls flush_signals() (or
 *    kernel_dequeue_signal() to learn which signal it was). Here the thread
 *    sample-signal allows SIGUSR1; drivers have allowed SIGKILL (lockd, md),
 *    SIGINT or SIGTERM, so that an administrator can interrupt a thread.
 *    The handler is not called: no kernel thread runs a signal handler.
 *  - kthread_stop() sets TIF_NOTIFY_SIGNAL on the thread, which
 *    signal_pending() reports too, so that an interruptible sleep ends at
 *    once even if the thread allows no signal. flush_signals() does not
 *    clear it. A thread that must wait for something while it shuts down,
 *    after kthread_should_stop() is true, must wait uninterruptibly
 *    (msleep(), wait_event(), wait_for_completion()): an interruptible wait
 *    returns at once there. The thread sample-nosignal, which allows no
 *    signal, measures both when it is stopped.
 *
 * Usage:
 *
 *	insmod kthread-signal-sample.ko
 *	kill -USR1 PID_OF_SAMPLE_SIGNAL
 *	kill -USR1 PID_OF_SAMPLE_NOSIGNAL
 *	rmmod kthread-signal-sample
 *
 * What to look for: SigCgt in /proc/PID/status has SIGUSR1's bit (0x200)
 * for sample-signal, SigIgn has every bit for sample-nosignal. Each SIGUSR1
 * sent to sample-signal prints "woken by SIGUSR1 (N so far)"; one sent to
 * sample-nosignal prints nothing and does not change its
 * voluntary_ctxt_switches. On rmmod, sample-nosignal prints how long its
 * 20 ms waits took: msleep_interruptible() returns at once, msleep() takes
 * 20 ms.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>

#define CLEANUP_MS	20

static struct task_struct *signal_task;
static struct task_struct *nosignal_task;

/* Sleep until woken: by kthread_stop(), or by a signal the thread allows. */
static void sleep_interruptible(void)
{
	/*
	 * Set the state first: a wakeup that comes after the check below
	 * makes schedule() return at once.
	 */
	set_current_state(TASK_INTERRUPTIBLE);
	if (!kthread_should_stop() && !signal_pending(current))
		schedule();
	__set_current_state(TASK_RUNNING);
}

static int signal_fn(void *data)
{
	unsigned long received = 0;

	/* Only this thread's handler changes: the others still ignore it. */
	allow_signal(SIGUSR1);

	while (!kthread_should_stop()) {
		sleep_interruptible();
		/* After kthread_stop(), TIF_NOTIFY_SIGNAL is no SIGUSR1. */
		if (kthread_should_stop())
			break;
		if (signal_pending(current)) {
			/* Else every interruptible sleep returns at once. */
			flush_signals(current);
			pr_info("woken by SIGUSR1 (%lu so far)\n", ++received);
		}
	}

	return 0;
}

static int nosignal_fn(void *data)
{
	ktime_t start;
	s64 interruptible_us, uninterruptible_us;
	unsigned long left_ms;
	int pending;

	/* Nothing but kthread_stop() wakes it: it allows no signal. */
	while (!kthread_should_stop())
		sleep_interruptible();

	/*
	 * Shutting down. A driver would wait here for its last request to
	 * complete; the waits below measure what an interruptible wait and
	 * an uninterruptible one do now.
	 */
	pending = signal_pending(current);
	flush_signals(current);

	start = ktime_get();
	left_ms = msleep_interruptible(CLEANUP_MS);
	interruptible_us = ktime_us_delta(ktime_get(), start);

	start = ktime_get();
	msleep(CLEANUP_MS);
	uninterruptible_us = ktime_us_delta(ktime_get(), start);

	pr_info("stopping: signal_pending() %d, %d after flush_signals()\n",
		pending, signal_pending(current));
	pr_info("stopping: msleep_interruptible(%d) returned after %lld us, %lu ms early; msleep(%d) took %lld us\n",
		CLEANUP_MS, interruptible_us, left_ms, CLEANUP_MS,
		uninterruptible_us);
	return 0;
}

static int __init signal_sample_init(void)
{
	signal_task = kthread_run(signal_fn, NULL, "sample-signal");
	if (IS_ERR(signal_task)) {
		pr_err("kthread_run() failed: %pe\n", signal_task);
		return PTR_ERR(signal_task);
	}

	nosignal_task = kthread_run(nosignal_fn, NULL, "sample-nosignal");
	if (IS_ERR(nosignal_task)) {
		pr_err("kthread_run() failed: %pe\n", nosignal_task);
		kthread_stop(signal_task);
		return PTR_ERR(nosignal_task);
	}

	pr_info("thread %s (pid %d) allows SIGUSR1, thread %s (pid %d) no signal\n",
		signal_task->comm, task_pid_nr(signal_task),
		nosignal_task->comm, task_pid_nr(nosignal_task));
	return 0;
}

static void __exit signal_sample_exit(void)
{
	/* The threads only return when asked to, so they are still there. */
	kthread_stop(nosignal_task);
	kthread_stop(signal_task);
	pr_info("stopped\n");
}

module_init(signal_sample_init);
module_exit(signal_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: signals, allow_signal(), and interruptible waits after kthread_stop()");
MODULE_LICENSE("GPL");
