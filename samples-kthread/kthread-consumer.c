// SPDX-License-Identifier: GPL-2.0
/*
 * kthread-consumer.c - a thread that sleeps until there is work for it
 *
 * This sample shows a consumer thread that waits for events with
 * wait_event_interruptible() instead of polling, and a producer that hands
 * it events:
 *
 *  - The producer updates the condition (the count of pending events) under
 *    a lock and then calls wake_up(). wait_event_interruptible() checks the
 *    condition after it has queued the thread on the wait queue, so an event
 *    that arrives between the check and the sleep is never lost.
 *  - kthread_should_stop() is part of the wait condition: kthread_stop()
 *    wakes the thread directly, and the re-checked condition lets it leave.
 *  - The thread checks kthread_should_stop() between events too, so a stop
 *    while it is busy waits for one event at most. Events still pending
 *    then are dropped and counted.
 *
 * The producer here is a write-only module parameter, so that you can feed
 * the thread from a shell; in a driver it would be an interrupt handler, a
 * timer or another thread.
 *
 * Usage:
 *
 *	insmod kthread-consumer.ko [produce=N]
 *	echo 5 > /sys/module/kthread_consumer/parameters/produce
 *	rmmod kthread-consumer
 *
 * What to look for in dmesg: after each batch the thread says how many
 * events it has handled in total when it goes back to sleep ("idle after
 * 5 events"); ps shows sample-consumer sleeping (S) with no CPU time while
 * idle; on unload, "stopped: N handled, M dropped". A produce value that is
 * not a number from 1 to 100000 is refused with -EINVAL.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define PRODUCE_MAX	100000
/* How long handling one event takes here, standing for real work. */
#define EVENT_WORK_MS	10

static DECLARE_WAIT_QUEUE_HEAD(events_wait);
static DEFINE_SPINLOCK(events_lock);
static unsigned int events_pending;	/* protected by events_lock */

static struct task_struct *consumer_task;

/* The producer: queue events and wake the consumer. */
static int produce_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < 1 || n > PRODUCE_MAX) {
		pr_err("produce=%s is invalid: it must be a number from 1 to %u\n",
		       val, PRODUCE_MAX);
		return -EINVAL;
	}

	spin_lock(&events_lock);
	events_pending += n;
	spin_unlock(&events_lock);

	/* After the condition changed, never before. */
	wake_up(&events_wait);
	return 0;
}

static const struct kernel_param_ops produce_ops = {
	.set = produce_set,
};
module_param_cb(produce, &produce_ops, NULL, 0200);
MODULE_PARM_DESC(produce, "Write N (1-100000) to hand N events to the consumer thread");

/* Take one pending event, if there is one. */
static bool take_event(void)
{
	bool taken = false;

	spin_lock(&events_lock);
	if (events_pending) {
		events_pending--;
		taken = true;
	}
	spin_unlock(&events_lock);
	return taken;
}

static bool events_available(void)
{
	bool available;

	spin_lock(&events_lock);
	available = events_pending != 0;
	spin_unlock(&events_lock);
	return available;
}

static int consumer_fn(void *data)
{
	unsigned long handled = 0;
	unsigned int dropped;

	while (!kthread_should_stop()) {
		/*
		 * Kernel threads ignore signals unless they allow them, so
		 * this returns only when the condition is true.
		 */
		wait_event_interruptible(events_wait,
					 events_available() || kthread_should_stop());

		while (!kthread_should_stop() && take_event()) {
			msleep(EVENT_WORK_MS);
			handled++;
		}
		if (!kthread_should_stop())
			pr_info("idle after %lu events\n", handled);
	}

	spin_lock(&events_lock);
	dropped = events_pending;
	events_pending = 0;
	spin_unlock(&events_lock);
	pr_info("stopped: %lu handled, %u dropped\n", handled, dropped);
	return 0;
}

static int __init consumer_init(void)
{
	consumer_task = kthread_run(consumer_fn, NULL, "sample-consumer");
	if (IS_ERR(consumer_task)) {
		pr_err("kthread_run() failed: %pe\n", consumer_task);
		return PTR_ERR(consumer_task);
	}

	pr_info("started thread %s (pid %d)\n",
		consumer_task->comm, task_pid_nr(consumer_task));
	return 0;
}

static void __exit consumer_exit(void)
{
	kthread_stop(consumer_task);
}

module_init(consumer_init);
module_exit(consumer_exit);

MODULE_DESCRIPTION("Kernel thread sample: a consumer thread that sleeps in wait_event_interruptible()");
MODULE_LICENSE("GPL");
