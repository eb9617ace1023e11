// SPDX-License-Identifier: GPL-2.0
/*
 * bug-bound-nocb.c - TEST ONLY: the bound thread of
 * samples/kthread/kthread-affinity-sample.c without its CPU hotplug callbacks.
 * kthread_run_on_cpu() binds it to CPU 1; when CPU 1 goes offline, the
 * scheduler pushes it off (it is not a per-CPU kthread) and widens its
 * CPUs for good. The test shows that it is no longer bound to CPU 1 once
 * the CPU is back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *task;

static int loop(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(msecs_to_jiffies(100));
	return 0;
}

static int __init bug_init(void)
{
	if (!cpu_online(1))
		return -ENODEV;
	task = kthread_run_on_cpu(loop, NULL, 1, "bug-bound/%u");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit bug_exit(void)
{
	kthread_stop(task);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a bound thread without hotplug callbacks loses its CPU");
MODULE_LICENSE("GPL");
