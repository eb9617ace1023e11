// SPDX-License-Identifier: GPL-2.0
/*
 * guide-hp-window.c - TEST ONLY: "the offline window" of
 * Documentation/core-api/kthread.rst. A thread bound to CPU @cpu
 * (kthread_create_on_cpu()) is created and stopped from a
 * CPUHP_AP_ONLINE_DYN state. Every 20 ms it makes a pass; it does the pass's
 * work on per-CPU data only when it runs on its own CPU, checked with
 * preemption disabled (get_cpu()). When stopped it reports its passes, how
 * many ran on another CPU, and how many of those did the work there.
 * While the CPU goes down, and before this state's teardown stops it, the
 * thread runs on other CPUs; the check keeps the last number at 0.
 * bug-bound-nocb.c builds this file without the check.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/smp.h>

#ifndef HP_CHECK_CPU
#define HP_CHECK_CPU 1
#endif

static unsigned int cpu = 1;
module_param(cpu, uint, 0444);
MODULE_PARM_DESC(cpu, "CPU of the bound thread (default 1)");

static DEFINE_PER_CPU(unsigned long, work_done);
static enum cpuhp_state state;
static struct task_struct *task;
static unsigned int passes, away, away_work;
static bool said;

static void hp_pass(void)
{
	int this = get_cpu();

	passes++;
	if (this != cpu) {
		away++;
		if (!said && !kthread_should_stop()) {
			pr_info("%s: pass %u on cpu%d, not stopped\n",
				current->comm, passes, this);
			said = true;
		}
	}
	if (!HP_CHECK_CPU || this == cpu) {
		this_cpu_inc(work_done);
		if (this != cpu)
			away_work++;
	}
	put_cpu();
}

static int loop(void *data)
{
	while (!kthread_should_stop()) {
		hp_pass();
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule_timeout(msecs_to_jiffies(20));
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int hp_online(unsigned int c)
{
	struct task_struct *t;

	if (c != cpu)
		return 0;
	t = kthread_create_on_cpu(loop, NULL, c, "hp-win/%u");
	if (IS_ERR(t))
		return PTR_ERR(t);
	passes = 0;
	away = 0;
	away_work = 0;
	said = false;
	task = t;
	pr_info("cpu%u online: %s (pid %d) started\n", c, t->comm, task_pid_nr(t));
	wake_up_process(t);
	return 0;
}

static int hp_offline(unsigned int c)
{
	if (c != cpu || !task)
		return 0;
	pr_info("cpu%u teardown: stopping %s\n", c, task->comm);
	kthread_stop(task);
	task = NULL;
	pr_info("hp-win/%u stopped: %u passes, %u on another CPU, %u of them did the work there\n",
		c, passes, away, away_work);
	return 0;
}

static int __init hp_init(void)
{
	int ret;

	if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
		pr_err("cpu=%u is not a possible CPU\n", cpu);
		return -EINVAL;
	}
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test/" KBUILD_MODNAME ":online",
				hp_online, hp_offline);
	if (ret < 0)
		return ret;
	state = ret;
	pr_info("state %d\n", state);
	return 0;
}

static void __exit hp_exit(void)
{
	cpuhp_remove_state(state);
}

module_init(hp_init);
module_exit(hp_exit);
#if HP_CHECK_CPU
MODULE_DESCRIPTION("TEST ONLY: a bound thread stopped from hotplug callbacks checks its CPU");
#endif
MODULE_LICENSE("GPL");
