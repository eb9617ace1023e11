// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthread-percpu-sample.c - one kernel thread per CPU that survives CPU hotplug
 *
 * This sample shows per-CPU threads made with the smpboot framework, which
 * the kernel itself uses for ksoftirqd and the CPU hotplug threads:
 *
 *  - smpboot_register_percpu_thread() creates one thread per online CPU,
 *    bound to it and named after it (sample-cpu/0, sample-cpu/1, ...).
 *  - The framework runs the loop: it calls thread_should_run() and, when
 *    that returns true, thread_fn() on the thread's own CPU. The module
 *    only supplies the work. thread_should_run() is called with preemption
 *    disabled and the thread's state already set to TASK_INTERRUPTIBLE,
 *    so it must not sleep; it only looks at the work.
 *  - Whoever gives a thread work must wake it afterwards
 *    (wake_up_process() on the task that the framework stores in .store).
 *    That slot is NULL for a CPU that has had no thread yet (one that has
 *    not come online since the threads were registered), and is cleared by
 *    smpboot_unregister_percpu_thread(), so producers must be stopped
 *    first. Here the only work is set up by the thread itself, in
 *    its setup() and unpark() callbacks, so no one else has to wake it.
 *  - When a CPU goes offline, its thread is parked (the park() callback
 *    runs, then the thread sleeps in TASK_PARKED); when the CPU comes back,
 *    it is unparked on the same CPU. A CPU that comes online for the first
 *    time gets its thread then.
 *
 * When is this the right tool? Rarely in a driver: it is what core code
 * uses (softirqs, RCU, stop_machine). A driver with per-CPU work usually
 * wants a workqueue, queue_work_on() plus CPU hotplug callbacks. smpboot
 * fits work that must run on every CPU, on that CPU, in a thread of its
 * own, with its own scheduling policy. These threads also run on CPUs that
 * are isolated with isolcpus= (with its default "domain" flag), which
 * ordinary kernel threads stay off in today's kernels (they run on the
 * housekeeping CPUs), so they cost every CPU something.
 * Work that only prefers a CPU belongs in a workqueue (queue_work_on())
 * or in an ordinary thread.
 *
 * Why not kthread_create_on_cpu() and CPU hotplug callbacks of our own? A
 * bound thread that a module only parks in its CPU-down callback is pushed
 * off that CPU and loses its binding: of the kernel threads, the
 * scheduler lets only those marked per-CPU stay on a CPU that is going
 * down, and a module cannot mark its own (kthread_set_per_cpu() is not
 * exported; smpboot marks the threads it creates). What kernel/kthread.c
 * advises for per-CPU kthread workers holds for bound threads too: stop
 * the thread in the CPU-down callback and create it again in the CPU-up
 * one. smpboot does that bookkeeping for you, and keeps the same thread.
 *
 * Usage:
 *
 *	insmod kthread-percpu-sample.ko
 *	echo 0 > /sys/devices/system/cpu/cpu1/online
 *	echo 1 > /sys/devices/system/cpu/cpu1/online
 *	rmmod kthread-percpu-sample
 *
 * What to look for: ps shows sample-cpu/N for every online CPU; in dmesg,
 * each thread says it was set up and did its work on its own CPU; taking a
 * CPU offline parks its thread (state P in /proc/PID/status) and bringing it
 * back unparks it on that CPU.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/smpboot.h>

static DEFINE_PER_CPU(struct task_struct *, percpu_task);
static DEFINE_PER_CPU(bool, work_pending);

/*
 * All callbacks run in the thread of @cpu, on @cpu, and nothing else gives
 * these threads work: only that thread touches its CPU's work_pending, so
 * it needs no lock. Work handed over from elsewhere would need one.
 */
static int percpu_should_run(unsigned int cpu)
{
	return per_cpu(work_pending, cpu);
}

static void percpu_fn(unsigned int cpu)
{
	per_cpu(work_pending, cpu) = false;
	pr_info("cpu%u: work done on cpu%d\n", cpu, smp_processor_id());
}

static void percpu_setup(unsigned int cpu)
{
	pr_info("cpu%u: thread %s set up on cpu%d\n",
		cpu, current->comm, smp_processor_id());
	/* Some work to start with. */
	per_cpu(work_pending, cpu) = true;
}

static void percpu_park(unsigned int cpu)
{
	pr_info("cpu%u: parking\n", cpu);
}

static void percpu_unpark(unsigned int cpu)
{
	pr_info("cpu%u: unparked on cpu%d\n", cpu, smp_processor_id());
	per_cpu(work_pending, cpu) = true;
}

static struct smp_hotplug_thread percpu_threads = {
	.store			= &percpu_task,
	.thread_should_run	= percpu_should_run,
	.thread_fn		= percpu_fn,
	.setup			= percpu_setup,
	.park			= percpu_park,
	.unpark			= percpu_unpark,
	.thread_comm		= "sample-cpu/%u",
};

static int __init percpu_sample_init(void)
{
	int ret;

	ret = smpboot_register_percpu_thread(&percpu_threads);
	if (ret) {
		pr_err("smpboot_register_percpu_thread() failed: %d\n", ret);
		return ret;
	}

	pr_info("threads started on %u online CPUs\n", num_online_cpus());
	return 0;
}

static void __exit percpu_sample_exit(void)
{
	/* Stops every thread, parked or not. */
	smpboot_unregister_percpu_thread(&percpu_threads);
	pr_info("threads stopped\n");
}

module_init(percpu_sample_init);
module_exit(percpu_sample_exit);

MODULE_DESCRIPTION("Kernel thread sample: per-CPU threads that are parked and unparked by CPU hotplug");
MODULE_LICENSE("GPL");
