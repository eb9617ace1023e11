// SPDX-License-Identifier: GPL-2.0
/*
 * bug-park-race.c - TEST ONLY: samples/kthread/kthread-park-sample.c as it was
 * before its init took the parameter lock. The "parked" file exists before
 * park_init() runs: a write between kthread_create() and init's own check
 * parks the thread, init parks it again (kthread_park() warns and returns
 * -EBUSY) and its error path stops the thread, leaving park_task pointing
 * at a freed task for the next write. The race suite (extra/race.sh) must
 * make the debug kernel report it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>

#define TICK_MS		500

static struct task_struct *park_task;
static bool parked;

/*
 * Called with the module's parameter lock held, so two writers cannot race.
 * At load time it runs before park_init(), which does the parking then.
 */
static int parked_set(const char *val, const struct kernel_param *kp)
{
	bool park;
	int ret;

	if (kstrtobool(val, &park)) {
		pr_err("parked=%s is invalid: use 1 or 0\n", val);
		return -EINVAL;
	}
	if (park_task && park != parked) {
		if (park) {
			ret = kthread_park(park_task);
			if (ret)
				return ret;
		} else {
			kthread_unpark(park_task);
		}
	}
	parked = park;
	return 0;
}

static const struct kernel_param_ops parked_ops = {
	.set = parked_set,
	.get = param_get_bool,
};
module_param_cb(parked, &parked_ops, &parked, 0644);
MODULE_PARM_DESC(parked, "Write 1 to park the thread, 0 to unpark it (default: 0)");

static int park_fn(void *data)
{
	unsigned long tick = 0;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			pr_info("parking after tick %lu\n", tick);
			kthread_parkme();
			/* Woken for kthread_unpark() or kthread_stop(). */
			if (!kthread_should_stop())
				pr_info("unparked\n");
			continue;
		}

		pr_info("tick %lu\n", ++tick);

		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !kthread_should_park())
			schedule_timeout(msecs_to_jiffies(TICK_MS));
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

static int __init park_init(void)
{
	int ret;

	park_task = kthread_create(park_fn, NULL, "bug-park-race");
	if (IS_ERR(park_task)) {
		pr_err("kthread_create() failed: %pe\n", park_task);
		return PTR_ERR(park_task);
	}

	if (parked) {
		/* It parks before park_fn() is ever called. */
		ret = kthread_park(park_task);
		if (ret) {
			pr_err("kthread_park() failed: %d\n", ret);
			kthread_stop(park_task);
			return ret;
		}
		pr_info("thread %s (pid %d) created parked\n",
			park_task->comm, task_pid_nr(park_task));
	} else {
		wake_up_process(park_task);
		pr_info("thread %s (pid %d) started\n",
			park_task->comm, task_pid_nr(park_task));
	}
	return 0;
}

static void __exit park_exit(void)
{
	/*
	 * "parked" can be written until the module is gone, after this
	 * function: under the parameter lock, parked_set() sees either the
	 * thread or NULL, never a stopped thread.
	 */
	kernel_param_lock(THIS_MODULE);
	kthread_stop(park_task);
	park_task = NULL;
	kernel_param_unlock(THIS_MODULE);
	pr_info("stopped\n");
}

module_init(park_init);
module_exit(park_exit);

MODULE_DESCRIPTION("TEST ONLY: kthread-park-sample without the parameter lock in init");
MODULE_LICENSE("GPL");
