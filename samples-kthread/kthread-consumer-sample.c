// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-consumer-sample.c - a thread that sleeps until an interrupt
 * hands it work
 *
 * This sample shows a consumer thread that waits for events with
 * wait_event_interruptible() instead of polling, fed by a producer that
 * runs in interrupt context, as a device's interrupt handler would:
 *
 *  - The producer updates the condition (the count of pending events) under
 *    a lock and then calls wake_up(). wait_event_interruptible() checks the
 *    condition after it has queued the thread on the wait queue, so an event
 *    that arrives between the check and the sleep is never lost.
 *  - The lock is also taken in interrupt context, so the thread takes it
 *    with spin_lock_irq(): with interrupts enabled, the interrupt could
 *    come on the thread's CPU while the thread holds the lock, and spin on
 *    it for ever. Lockdep reports the plain spin_lock() version as soon as
 *    it has seen the lock taken both ways, deadlock or not.
 *  - kthread_should_stop() is part of the wait condition: kthread_stop()
 *    wakes the thread directly, and the re-checked condition lets it leave.
 *  - The thread checks kthread_should_stop() between events too, so a stop
 *    while it is busy waits for one event at most. Events still pending
 *    then are dropped and counted.
 *
 * The interrupt is an hrtimer, and a write-only module parameter plays the
 * device: writing N to "produce" gives it N events, which its interrupt
 * hands to the thread a millisecond later. The parameter's sysfs file
 * exists before init runs and until after exit has returned, so under the
 * parameter lock writes are kept for init before it runs, raise the
 * interrupt between the two, and are refused once exit has begun. (A real
 * device needs none of this: its interrupt is its own. A test knob in a
 * driver would be a debugfs file, created once the thread exists and
 * removed, which waits for writes in progress, before it is stopped.)
 *
 * Usage:
 *
 *	insmod kthread-consumer-sample.ko [produce=N]
 *	echo 5 > /sys/module/kthread_consumer_sample/parameters/produce
 *	rmmod kthread-consumer-sample
 *
 * What to look for in dmesg: after each batch the thread says how many
 * events it has handled in total when it goes back to sleep ("idle after
 * 5 events"); ps shows sample-consumer sleeping (S), and it is not
 * scheduled at all while idle; on unload, "stopped: N handled, M dropped".
 * A produce value that is not a number from 1 to 100000 is refused with
 * -EINVAL.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>

#define PRODUCE_MAX	100000
/* How long handling one event takes here, standing for real work. */
#define EVENT_WORK_MS	10

static DECLARE_WAIT_QUEUE_HEAD(events_wait);
/* Taken in interrupt context: elsewhere, only with interrupts disabled. */
static DEFINE_SPINLOCK(events_lock);
static unsigned int events_pending;	/* for the thread, under events_lock */
static unsigned int events_in_device;	/* for the interrupt, under events_lock */

static struct hrtimer irq_timer;
/* Under kernel_param_lock(THIS_MODULE). */
static enum { DEVICE_LOADING, DEVICE_READY, DEVICE_GONE } device_state;

static struct task_struct *consumer_task;

/*
 * The producer, in hard interrupt context with interrupts off, so plain
 * spin_lock() is enough. On PREEMPT_RT, a timer that is not
 * HRTIMER_MODE_HARD expires in a thread instead, where spinlock_t is a
 * sleeping lock and spin_lock() is right too. Code that stays in hard
 * interrupt context even there (HRTIMER_MODE_HARD, IRQF_NO_THREAD) may
 * take neither a spinlock_t nor call wake_up(): it needs a raw_spinlock_t
 * and a simple wait queue (swait), or hands over with irq_work.
 */
static enum hrtimer_restart irq_producer(struct hrtimer *timer)
{
	unsigned int n;

	spin_lock(&events_lock);
	n = events_in_device;
	events_pending += n;
	events_in_device = 0;
	spin_unlock(&events_lock);

	/* After the condition changed, never before. */
	if (n)
		wake_up(&events_wait);
	return HRTIMER_NORESTART;
}

static void raise_irq(void)
{
	hrtimer_start(&irq_timer, ms_to_ktime(1), HRTIMER_MODE_REL);
}

/*
 * Runs under kernel_param_lock(THIS_MODULE), in process context: at load
 * time before init, and for writes to the sysfs file, which exists until
 * after exit has returned.
 */
static int produce_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < 1 || n > PRODUCE_MAX) {
		pr_err("produce=%.*s is invalid: it must be a number from 1 to %u\n",
		       (int)strcspn(val, "\n"), val, PRODUCE_MAX);
		return -EINVAL;
	}
	if (device_state == DEVICE_GONE)
		return -ENODEV;

	spin_lock_irq(&events_lock);
	events_in_device += n;
	spin_unlock_irq(&events_lock);

	if (device_state == DEVICE_READY)
		raise_irq();
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

	spin_lock_irq(&events_lock);
	if (events_pending) {
		events_pending--;
		taken = true;
	}
	spin_unlock_irq(&events_lock);
	return taken;
}

static bool events_available(void)
{
	bool available;

	spin_lock_irq(&events_lock);
	available = events_pending != 0;
	spin_unlock_irq(&events_lock);
	return available;
}

static int consumer_fn(void *data)
{
	unsigned long handled = 0;
	unsigned int dropped;

	while (!kthread_should_stop()) {
		/*
		 * Kernel threads ignore signals, but kthread_stop() also sets
		 * TIF_NOTIFY_SIGNAL, which signal_pending() reports: from then
		 * on every interruptible sleep of this thread returns at once.
		 * Here the condition is tested first, and kthread_should_stop()
		 * makes it true.
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

	spin_lock_irq(&events_lock);
	dropped = events_pending;
	events_pending = 0;
	spin_unlock_irq(&events_lock);
	pr_info("stopped: %lu handled, %u dropped\n", handled, dropped);
	return 0;
}

static int __init consumer_sample_init(void)
{
	hrtimer_setup(&irq_timer, irq_producer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);

	consumer_task = kthread_run(consumer_fn, NULL, "sample-consumer");
	if (IS_ERR(consumer_task)) {
		pr_err("kthread_run() failed: %pe\n", consumer_task);
		return PTR_ERR(consumer_task);
	}
	pr_info("started thread %s (pid %d)\n",
		consumer_task->comm, task_pid_nr(consumer_task));

	/*
	 * From now on writes raise the interrupt; the events given at load
	 * time are delivered now.
	 */
	kernel_param_lock(THIS_MODULE);
	device_state = DEVICE_READY;
	raise_irq();
	kernel_param_unlock(THIS_MODULE);
	return 0;
}

static void __exit consumer_sample_exit(void)
{
	/* Writes are refused from now on; then no interrupt is pending. */
	kernel_param_lock(THIS_MODULE);
	device_state = DEVICE_GONE;
	kernel_param_unlock(THIS_MODULE);
	hrtimer_cancel(&irq_timer);

	/* Events the interrupt did not deliver are dropped with the rest. */
	spin_lock_irq(&events_lock);
	events_pending += events_in_device;
	events_in_device = 0;
	spin_unlock_irq(&events_lock);

	kthread_stop(consumer_task);
}

module_init(consumer_sample_init);
module_exit(consumer_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a consumer thread fed from interrupt context");
MODULE_LICENSE("GPL");
