// SPDX-License-Identifier: GPL-2.0
/*
 * bug-consumer-nowake.c - TEST ONLY: samples/kthread/kthread-consumer-sample.c
 * with its producer's classic mistake: the interrupt updates the count and
 * does not call wake_up(), so the thread, asleep on the wait queue, never
 * sees an event. The delivery check of the sample's suite (produce_then)
 * must fail it (tests/guest/extra/bug-consumer-nowake.sh).
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

static DECLARE_WAIT_QUEUE_HEAD(events_wait);
static DEFINE_SPINLOCK(events_lock);
static unsigned int events_in_device;
static unsigned int events_pending;
static struct hrtimer irq_timer;
static struct task_struct *task;
static struct dentry *dir;

static enum hrtimer_restart irq_handler(struct hrtimer *timer)
{
	spin_lock(&events_lock);
	events_pending += events_in_device;
	events_in_device = 0;
	spin_unlock(&events_lock);
	/* BUG: no wake_up(&events_wait). */
	return HRTIMER_NORESTART;
}

static ssize_t produce_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	unsigned int n;
	int ret = 0;

	if (kstrtouint_from_user(buf, count, 0, &n) || n < 1 || n > EVENTS_MAX)
		return -EINVAL;
	spin_lock_irq(&events_lock);
	if (n > EVENTS_MAX - events_in_device - events_pending) {
		ret = -ENOSPC;
	} else {
		events_in_device += n;
		if (!hrtimer_is_queued(&irq_timer))
			hrtimer_start(&irq_timer, ms_to_ktime(IRQ_DELAY_MS),
				      HRTIMER_MODE_REL);
	}
	spin_unlock_irq(&events_lock);
	return ret ? ret : count;
}

static const struct file_operations produce_fops = {
	.owner = THIS_MODULE,
	.write = produce_write,
};

static unsigned int take_events(void)
{
	unsigned int n;

	spin_lock_irq(&events_lock);
	n = min(events_pending, BATCH);
	events_pending -= n;
	spin_unlock_irq(&events_lock);
	return n;
}

static int consumer_fn(void *data)
{
	unsigned long handled = 0;
	unsigned int n;

	for (;;) {
		wait_event_interruptible(events_wait, READ_ONCE(events_pending) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		for (n = take_events(); n; n--, handled++)
			usleep_range(1000, 2000);
		if (!READ_ONCE(events_pending))
			pr_info_ratelimited("idle after %lu events\n", handled);
	}
	pr_info("stopped: %lu handled\n", handled);
	return 0;
}

static int __init bug_init(void)
{
	struct dentry *file;

	hrtimer_setup(&irq_timer, irq_handler, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	task = kthread_run(consumer_fn, NULL, "bug-consumer-nowake");
	if (IS_ERR(task))
		return PTR_ERR(task);
	dir = debugfs_create_dir("bug-consumer-nowake", NULL);
	file = debugfs_create_file("produce", 0200, dir, NULL, &produce_fops);
	if (IS_ERR(file)) {
		debugfs_remove(dir);
		kthread_stop(task);
		return PTR_ERR(file);
	}
	return 0;
}

static void __exit bug_exit(void)
{
	debugfs_remove(dir);
	hrtimer_cancel(&irq_timer);
	kthread_stop(task);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a consumer whose interrupt never calls wake_up()");
MODULE_LICENSE("GPL");
