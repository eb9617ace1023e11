// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-consumer-sample.c - a thread that sleeps until an interrupt
 * hands it work
 *
 * The consumer thread sleeps on a wait queue; the producer, in interrupt
 * context, counts new events under an IRQ-safe lock and wakes it. The
 * interrupt is an hrtimer standing for a device that raises it
 * IRQ_DELAY_MS after its first new event, however many more come meanwhile.
 *
 *	insmod kthread-consumer-sample.ko [events=N]
 *	echo 5 > /sys/kernel/debug/kthread-consumer-sample/produce
 *	rmmod kthread-consumer-sample
 *
 * events= is what the device holds at load; each write to produce gives it
 * N more (1-1000). At most 1000 events wait: a write beyond that fails with
 * -ENOSPC.
 *
 * What to look for: "idle after N events" (rate-limited), sample-consumer
 * in state S while idle, and "stopped: N handled, M dropped" on unload.
 *
 * See Documentation/core-api/kthread.rst
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define EVENTS_MAX	1000
#define IRQ_DELAY_MS	10
#define BATCH		16

static unsigned int events;
module_param(events, uint, 0444);
MODULE_PARM_DESC(events, "Events the device holds at load, 0-1000 (default: 0)");

static DECLARE_WAIT_QUEUE_HEAD(events_wait);
/* Taken in interrupt context: elsewhere only with interrupts disabled. */
static DEFINE_SPINLOCK(events_lock);
static unsigned int events_in_device;	/* under events_lock */
/* Updated under events_lock, read by the waiting thread without it. */
static unsigned int events_pending;

static struct hrtimer irq_timer;
static struct task_struct *consumer_task;
static struct dentry *debugfs_dir;

/* The interrupt handler: hand the device's events to the thread. */
static enum hrtimer_restart irq_handler(struct hrtimer *timer)
{
	unsigned int n;

	spin_lock(&events_lock);
	n = events_in_device;
	WRITE_ONCE(events_pending, events_pending + n);
	events_in_device = 0;
	spin_unlock(&events_lock);

	/* After the condition has changed, never before. */
	if (n)
		wake_up(&events_wait);
	return HRTIMER_NORESTART;
}

/* The device gets @n more events; it raises its interrupt for them. */
static int produce(unsigned int n)
{
	int ret = 0;

	spin_lock_irq(&events_lock);
	if (n > EVENTS_MAX - events_in_device - events_pending) {
		ret = -ENOSPC;
	} else {
		events_in_device += n;
		/* An interrupt already on its way brings these too. */
		if (!hrtimer_is_queued(&irq_timer))
			hrtimer_start(&irq_timer, ms_to_ktime(IRQ_DELAY_MS),
				      HRTIMER_MODE_REL);
	}
	spin_unlock_irq(&events_lock);
	return ret;
}

static ssize_t produce_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &n);
	if (ret)
		return ret;
	if (n < 1 || n > EVENTS_MAX)
		return -EINVAL;
	ret = produce(n);
	return ret ? ret : count;
}

/* Holds no module reference: debugfs_remove() waits for a write instead. */
static const struct debugfs_short_fops produce_fops = {
	.write = produce_write,
};

/* Take up to BATCH events, so that a stop waits for one batch at most. */
static unsigned int take_events(void)
{
	unsigned int n;

	spin_lock_irq(&events_lock);
	n = min(events_pending, BATCH);
	WRITE_ONCE(events_pending, events_pending - n);
	spin_unlock_irq(&events_lock);
	return n;
}

static int consumer_fn(void *data)
{
	unsigned long handled = 0;
	unsigned int n;

	for (;;) {
		/*
		 * The count is updated before wake_up(), and the wait queues
		 * the thread before each test: no wake-up is lost. kthread_stop()
		 * wakes the thread too, and the condition lets it leave.
		 */
		wait_event_interruptible(events_wait, READ_ONCE(events_pending) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		/* The work, outside the lock: a millisecond per event. */
		for (n = take_events(); n; n--, handled++)
			usleep_range(1000, 2000);
		if (!READ_ONCE(events_pending))
			pr_info_ratelimited("idle after %lu events\n", handled);
	}

	spin_lock_irq(&events_lock);
	n = events_in_device + events_pending;
	spin_unlock_irq(&events_lock);
	pr_info("stopped: %lu handled, %u dropped\n", handled, n);
	return 0;
}

static int __init consumer_sample_init(void)
{
	if (events > EVENTS_MAX) {
		pr_err("events=%u is invalid: at most %d\n", events, EVENTS_MAX);
		return -EINVAL;
	}
	hrtimer_setup(&irq_timer, irq_handler, CLOCK_MONOTONIC, HRTIMER_MODE_REL);

	consumer_task = kthread_run(consumer_fn, NULL, "sample-consumer");
	if (IS_ERR(consumer_task)) {
		pr_err("kthread_run() failed: %pe\n", consumer_task);
		return PTR_ERR(consumer_task);
	}
	if (events)
		produce(events);

	/*
	 * The knob, once there is a thread to feed. Like every debugfs user,
	 * the sample works on without it: its errors are not checked.
	 */
	debugfs_dir = debugfs_create_dir("kthread-consumer-sample", NULL);
	debugfs_create_file("produce", 0200, debugfs_dir, NULL, &produce_fops);
	return 0;
}

static void __exit consumer_sample_exit(void)
{
	/* Waits for writes in progress: from now on nothing arms the timer. */
	debugfs_remove(debugfs_dir);
	/* Waits for a running handler: from now on no event comes. */
	hrtimer_cancel(&irq_timer);
	kthread_stop(consumer_task);
}

module_init(consumer_sample_init);
module_exit(consumer_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: a consumer fed from interrupt context");
MODULE_LICENSE("GPL");
