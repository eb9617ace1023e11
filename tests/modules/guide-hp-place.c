// SPDX-License-Identifier: GPL-2.0
/*
 * guide-hp-place.c - TEST ONLY: where kernel threads run, for the placement
 * and hotplug facts of Documentation/core-api/kthread.rst. Four threads,
 * created and set up before their first wake-up:
 *   hp-unbound   kthread_create(): any housekeeping CPU;
 *   hp-prefer    kthread_affine_preferred() to CPU @cpu;
 *   hp-bound/N   kthread_create_on_cpu() on CPU @cpu, a pass every 50 ms;
 *   hp-sleep/N   kthread_create_on_cpu() on CPU @cpu, sleeps until stopped.
 * The two others make a pass every 50 ms too. Each thread logs the first
 * time it runs on a CPU, and the first pass it makes while CPU @cpu is
 * offline. No hotplug callbacks: what happens to them across an offline
 * is the scheduler's doing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp.h>

static unsigned int cpu = 1;
module_param(cpu, uint, 0444);
MODULE_PARM_DESC(cpu, "CPU to bind to or prefer (default 1)");

enum { UNBOUND, PREFER, BOUND, SLEEP, NR_THREADS };

static struct hp_thread {
	struct task_struct *task;
	bool ticks;
	bool said_offline;
	struct cpumask seen;
} threads[NR_THREADS];

static void hp_pass(struct hp_thread *t)
{
	int this = raw_smp_processor_id();

	if (!cpumask_test_and_set_cpu(this, &t->seen))
		pr_info("%s first runs on cpu%d\n", current->comm, this);
	if (!cpu_online(cpu) && !t->said_offline) {
		pr_info("%s woke on cpu%d while cpu%u was offline\n", current->comm, this, cpu);
		t->said_offline = true;
	}
}

static int loop(void *data)
{
	struct hp_thread *t = data;

	while (!kthread_should_stop()) {
		hp_pass(t);
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule_timeout(t->ticks ? msecs_to_jiffies(50) : MAX_SCHEDULE_TIMEOUT);
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void stop_all(void)
{
	int i;

	for (i = NR_THREADS - 1; i >= 0; i--) {
		if (threads[i].task)
			kthread_stop(threads[i].task);
		threads[i].task = NULL;
	}
}

static int __init hp_init(void)
{
	struct task_struct *t;
	int i, ret;

	if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
		pr_err("cpu=%u is not a possible CPU\n", cpu);
		return -EINVAL;
	}
	for (i = 0; i < NR_THREADS; i++)
		threads[i].ticks = i != SLEEP;

	t = kthread_create(loop, &threads[UNBOUND], "hp-unbound");
	if (IS_ERR(t))
		return PTR_ERR(t);
	threads[UNBOUND].task = t;

	t = kthread_create(loop, &threads[PREFER], "hp-prefer");
	if (IS_ERR(t)) {
		ret = PTR_ERR(t);
		goto err;
	}
	threads[PREFER].task = t;
	ret = kthread_affine_preferred(t, cpumask_of(cpu));
	if (ret)
		goto err;

	t = kthread_create_on_cpu(loop, &threads[BOUND], cpu, "hp-bound/%u");
	if (IS_ERR(t)) {
		ret = PTR_ERR(t);
		goto err;
	}
	threads[BOUND].task = t;

	t = kthread_create_on_cpu(loop, &threads[SLEEP], cpu, "hp-sleep/%u");
	if (IS_ERR(t)) {
		ret = PTR_ERR(t);
		goto err;
	}
	threads[SLEEP].task = t;

	for (i = 0; i < NR_THREADS; i++)
		wake_up_process(threads[i].task);
	pr_info("threads started for cpu%u\n", cpu);
	return 0;
err:
	pr_err("setting up the threads failed: %d\n", ret);
	stop_all();
	return ret;
}

static void __exit hp_exit(void)
{
	stop_all();
}

module_init(hp_init);
module_exit(hp_exit);
MODULE_DESCRIPTION("TEST ONLY: unbound, preferred, bound and sleeping bound kernel threads");
MODULE_LICENSE("GPL");
