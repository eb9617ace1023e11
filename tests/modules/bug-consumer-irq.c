// SPDX-License-Identifier: GPL-2.0
/*
 * bug-consumer-irq.c - TEST ONLY: samples/kthread/kthread-consumer-sample.c's
 * consumer with the lock mistake: the producer runs in hard interrupt
 * context (an hrtimer), but the thread takes the events with plain
 * spin_lock(), interrupts enabled, so the interrupt can come on the
 * thread's CPU while the lock is held and spin on it for ever. Lockdep
 * must report "inconsistent lock state" as soon as it has seen both uses,
 * deadlock or not (scripts/test.sh requires the report on the debug
 * kernel; tests/guest/extra/bug-consumer-irq.sh loads it).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define EVENTS	20
#define BATCH	16

static DECLARE_WAIT_QUEUE_HEAD(events_wait);
static DEFINE_SPINLOCK(events_lock);
static unsigned int events_pending;
static unsigned int events_left = EVENTS;
static struct hrtimer irq_timer;
static struct task_struct *task;

/* One event per millisecond, from hard interrupt context. */
static enum hrtimer_restart irq_handler(struct hrtimer *timer)
{
	spin_lock(&events_lock);
	events_pending++;
	spin_unlock(&events_lock);
	wake_up(&events_wait);
	if (--events_left == 0)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(timer, ms_to_ktime(1));
	return HRTIMER_RESTART;
}

static unsigned int take_events(void)
{
	unsigned int n;

	/* BUG: interrupts stay enabled while the lock is held. */
	spin_lock(&events_lock);
	n = min(events_pending, BATCH);
	events_pending -= n;
	spin_unlock(&events_lock);
	return n;
}

static int consumer_fn(void *data)
{
	unsigned long handled = 0;

	for (;;) {
		wait_event_interruptible(events_wait, READ_ONCE(events_pending) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		handled += take_events();
	}
	pr_info("stopped: %lu handled\n", handled);
	return 0;
}

static int __init bug_init(void)
{
	hrtimer_setup(&irq_timer, irq_handler, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	task = kthread_run(consumer_fn, NULL, "bug-consumer-irq");
	if (IS_ERR(task))
		return PTR_ERR(task);
	hrtimer_start(&irq_timer, ms_to_ktime(1), HRTIMER_MODE_REL);
	return 0;
}

static void __exit bug_exit(void)
{
	hrtimer_cancel(&irq_timer);
	kthread_stop(task);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a lock taken in hard IRQ context and, IRQs enabled, by a thread");
MODULE_LICENSE("GPL");
