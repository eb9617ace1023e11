/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel API of the series' base kernel, for an out-of-tree build of
 * samples/kthread against an older kernel (6.1, 6.12, Debian 12's).
 *
 * Force-included by oot/Kbuild (-include), never by the samples themselves:
 * the series for the kernel tree carries no version checks. On a kernel
 * that has everything, this header defines nothing.
 */
#ifndef KTHREAD_SAMPLES_COMPAT_H
#define KTHREAD_SAMPLES_COMPAT_H

/*
 * It comes before each sample's own #define pr_fmt and #includes, so it
 * includes nothing that defines pr_fmt: only macros, which expand where the
 * sample uses them, after its own includes (<linux/kthread.h>,
 * <linux/sched/task.h>).
 */
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
/* Linux 6.6 added kthread_stop_put(): kthread_stop(), then drop the
 * reference the caller took with get_task_struct(). */
#define kthread_stop_put(k)				\
	({						\
		struct task_struct *__k = (k);		\
		int __ret = kthread_stop(__k);		\
							\
		put_task_struct(__k);			\
		__ret;					\
	})
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 14, 0)
/* Linux 6.14 split kthread_create_worker() (which stopped waking the
 * thread) and kthread_run_worker() (create and wake). Before, creating
 * the worker also woke it. */
#define kthread_run_worker(flags, namefmt, ...) \
	kthread_create_worker(flags, namefmt, ##__VA_ARGS__)
/* The same for a bound worker: kthread_create_worker_on_cpu() took the
 * name's arguments (the CPU) itself, bound the thread, then woke it. */
#define kthread_run_worker_on_cpu(cpu, flags, namefmt) \
	kthread_create_worker_on_cpu(cpu, flags, namefmt, cpu)
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
/* Linux 6.13 added hrtimer_setup(): hrtimer_init() and the callback in one. */
#define hrtimer_setup(timer, fn, clock, mode)		\
	do {						\
		hrtimer_init(timer, clock, mode);	\
		(timer)->function = (fn);		\
	} while (0)
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(7, 0, 0)
/* Linux 7 added kmalloc_obj(): kmalloc() of the size of a variable's type. */
#define kmalloc_obj(VAR_OR_TYPE, ...) kmalloc(sizeof(VAR_OR_TYPE), GFP_KERNEL)
#endif

#endif /* KTHREAD_SAMPLES_COMPAT_H */
