// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-affinity-sample.c - place kernel threads on CPUs, through CPU hotplug
 *
 * This sample shows the three ways a kernel thread can be placed, and what
 * CPU hotplug and CPU isolation do to each:
 *
 *  - sample-bound/N is bound to CPU N with kthread_run_on_cpu(), which
 *    binds the new thread (kthread_bind()) before it is first woken. A
 *    binding must come before that first wake-up: kthread_bind() on a
 *    thread that has already run warns, and binds nothing unless the thread
 *    happens to sleep uninterruptibly. A bound thread cannot stay on a CPU
 *    that goes offline: the scheduler pushes every kernel thread that is
 *    not marked per-CPU (only the kernel's own can be) off a CPU that is
 *    going down, and the thread then is no longer bound at all. So, as
 *    kernel/kthread.c advises for bound kthread workers, the thread
 *    belongs to the CPU's hotplug callbacks (cpuhp_setup_state()): created
 *    when the CPU comes online, stopped before it goes offline, created
 *    again when it is back. A CPU that is offline at load time gets its
 *    thread when it comes online. The offline callback of a module runs
 *    once the CPU no longer takes such threads, so a bound thread does its
 *    last pass, after kthread_stop(), on another CPU.
 *  - sample-prefer prefers CPU N, with kthread_affine_preferred() before
 *    its first wake-up. It is a preference: when CPU N goes offline the
 *    thread runs on the other CPUs, and the kernel moves it back when CPU N
 *    comes online again; it needs no callbacks of its own.
 *  - sample-unbound is an ordinary kernel thread. It runs on the
 *    housekeeping CPUs: every CPU, unless some are isolated.
 *
 * CPU isolation: isolcpus=LIST (its default "domain" flag) takes the CPUs
 * of LIST away from ordinary kernel threads: unbound ones stay off them,
 * and a thread that prefers only isolated CPUs runs on the housekeeping
 * CPUs instead. Bound threads (and the per-CPU threads of
 * kthread-percpu-sample.c) run where they are bound, isolated or not: a
 * driver should not bind a thread to an isolated CPU unless it was asked
 * to. In 7.2 and 7.3, HK_TYPE_KTHREAD is an alias of HK_TYPE_DOMAIN
 * (include/linux/sched/isolation.h), so nohz_full= alone does not move
 * kernel threads; in 6.12 and older it did, and isolcpus= did not.
 *
 * When does a driver need this? Rarely: per-CPU work usually goes to a
 * workqueue (queue_work_on(), and an unbound workqueue for work with a
 * locality preference). A bound thread is for work that must run on one
 * CPU in a thread of its own; a preferred CPU suits a thread that should
 * run near its device.
 *
 * Usage:
 *
 *	insmod kthread-affinity-sample.ko [cpu=1]
 *	grep Cpus_allowed_list /proc/PID/status		(PID from ps)
 *	echo 0 > /sys/devices/system/cpu/cpu1/online
 *	echo 1 > /sys/devices/system/cpu/cpu1/online
 *	rmmod kthread-affinity-sample
 *
 * What to look for: each thread says in dmesg on which CPU it runs, again
 * whenever that changes. sample-bound/1 and sample-prefer run on CPU 1
 * (Cpus_allowed_list: 1), sample-unbound on any CPU. Taking CPU 1 offline
 * stops sample-bound/1 (its last pass on another CPU) and moves
 * sample-prefer to CPU 0; bringing it back creates a new sample-bound/1
 * and moves sample-prefer back. Booted with isolcpus=1, sample-unbound
 * and sample-prefer run on CPU 0 only, sample-bound/1 still on CPU 1.
 * A cpu that is not a possible CPU is refused with -EINVAL.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp.h>

#define TICK_MS	100

static unsigned int target_cpu;
module_param_named(cpu, target_cpu, uint, 0444);
MODULE_PARM_DESC(cpu, "The CPU for sample-bound/N and sample-prefer, a possible CPU (default: 0)");

static struct task_struct *unbound_task;
static struct task_struct *preferred_task;
/* Only the hotplug callbacks of target_cpu, which never run concurrently. */
static struct task_struct *bound_task;
static enum cpuhp_state hp_state;

static int placement_fn(void *data)
{
	int last = -1, now;

	while (!kthread_should_stop()) {
		/*
		 * Where this pass runs. Only a snapshot for a thread that may
		 * move, hence the raw_ variant; a bound thread could use
		 * smp_processor_id(), until its CPU goes down.
		 */
		now = raw_smp_processor_id();
		if (now != last) {
			pr_info("%s runs on cpu%d\n", current->comm, now);
			last = now;
		}
		/* After kthread_stop(), this returns at once. */
		schedule_timeout_interruptible(msecs_to_jiffies(TICK_MS));
	}
	pr_info("%s stops on cpu%d\n", current->comm, raw_smp_processor_id());
	return 0;
}

/* Called on @cpu as it comes online, and at load for each online CPU. */
static int affinity_cpu_online(unsigned int cpu)
{
	struct task_struct *t;

	if (cpu != target_cpu)
		return 0;
	t = kthread_run_on_cpu(placement_fn, NULL, cpu, "sample-bound/%u");
	if (IS_ERR(t)) {
		/* Fails this CPU's online operation, or the load. */
		pr_err("kthread_run_on_cpu() failed: %pe\n", t);
		return PTR_ERR(t);
	}
	bound_task = t;
	return 0;
}

/* Called before @cpu goes offline, and at unload for each online CPU. */
static int affinity_cpu_offline(unsigned int cpu)
{
	if (cpu != target_cpu || !bound_task)
		return 0;
	/* The thread never exits on its own: no task reference needed. */
	kthread_stop(bound_task);
	bound_task = NULL;
	pr_info("cpu%u offline callback: sample-bound/%u stopped\n", cpu, cpu);
	return 0;
}

static int __init affinity_sample_init(void)
{
	int ret;

	if (target_cpu >= nr_cpu_ids || !cpu_possible(target_cpu)) {
		pr_err("cpu=%u is invalid: it must be a possible CPU (0-%u)\n",
		       target_cpu, nr_cpu_ids - 1);
		return -EINVAL;
	}

	unbound_task = kthread_run(placement_fn, NULL, "sample-unbound");
	if (IS_ERR(unbound_task)) {
		pr_err("kthread_run() failed: %pe\n", unbound_task);
		return PTR_ERR(unbound_task);
	}

	preferred_task = kthread_create(placement_fn, NULL, "sample-prefer");
	if (IS_ERR(preferred_task)) {
		ret = PTR_ERR(preferred_task);
		pr_err("kthread_create() failed: %pe\n", preferred_task);
		goto stop_unbound;
	}
	ret = kthread_affine_preferred(preferred_task, cpumask_of(target_cpu));
	if (ret) {
		pr_err("kthread_affine_preferred() failed: %pe\n",
		       ERR_PTR(ret));
		/* Never woken: its function never runs. */
		kthread_stop(preferred_task);
		goto stop_unbound;
	}
	wake_up_process(preferred_task);

	/* Calls affinity_cpu_online() for every CPU online now. */
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN,
				"samples/kthread-affinity:online",
				affinity_cpu_online, affinity_cpu_offline);
	if (ret < 0) {
		pr_err("cpuhp_setup_state() failed: %pe\n", ERR_PTR(ret));
		goto stop_preferred;
	}
	hp_state = ret;

	pr_info("threads started for cpu%u\n", target_cpu);
	return 0;

stop_preferred:
	kthread_stop(preferred_task);
stop_unbound:
	kthread_stop(unbound_task);
	return ret;
}

static void __exit affinity_sample_exit(void)
{
	/* Calls affinity_cpu_offline() for every CPU online now. */
	cpuhp_remove_state(hp_state);
	kthread_stop(preferred_task);
	kthread_stop(unbound_task);
	pr_info("threads stopped\n");
}

module_init(affinity_sample_init);
module_exit(affinity_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: bound, preferred and unbound CPU placement through CPU hotplug");
MODULE_LICENSE("GPL");
