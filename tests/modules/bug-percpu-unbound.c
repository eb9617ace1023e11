// SPDX-License-Identifier: GPL-2.0
/*
 * bug-percpu-unbound.c - TEST ONLY: a per-CPU thread done by hand, which
 * Documentation/core-api/kthread.rst leaves to smpboot. One thread per CPU
 * from kthread_create_on_cpu(), parked and unparked from CPU hotplug
 * callbacks of the module's own. When CPU 1 goes down, its thread is woken
 * to park while its CPU is dying; not being marked per-CPU (only smpboot
 * marks a thread so), it is moved to another CPU, and kthread_unpark() does
 * not bind it again. The test shows that it no longer runs on CPU 1 only
 * afterwards.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(struct task_struct *, task);
static enum cpuhp_state state;

static int loop(void *data)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !kthread_should_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int bug_cpu_online(unsigned int cpu)
{
	struct task_struct *t = per_cpu(task, cpu);

	if (!t) {
		t = kthread_create_on_cpu(loop, NULL, cpu, "bug-cpu/%u");
		if (IS_ERR(t))
			return PTR_ERR(t);
		per_cpu(task, cpu) = t;
		wake_up_process(t);
	} else {
		kthread_unpark(t);
	}
	return 0;
}

static int bug_cpu_offline(unsigned int cpu)
{
	return kthread_park(per_cpu(task, cpu));
}

static int __init bug_init(void)
{
	int ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test/bug-percpu:online",
				    bug_cpu_online, bug_cpu_offline);

	if (ret < 0)
		return ret;
	state = ret;
	return 0;
}

static void __exit bug_exit(void)
{
	unsigned int cpu;

	cpuhp_remove_state(state);
	for_each_possible_cpu(cpu)
		if (per_cpu(task, cpu))
			kthread_stop(per_cpu(task, cpu));
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: per-CPU threads parked from hotplug callbacks lose their CPU");
MODULE_LICENSE("GPL");
