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
 * It comes before each sample's own #define pr_fmt and #includes: it
 * defines macros, which expand where the sample uses them, after its own
 * includes (<linux/kthread.h>, <linux/sched/task.h>).
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
/* Linux 6.14 made kthread_create_worker_on_cpu() fill in the CPU of the
 * name itself, and stop waking the thread. Before, it took the name's
 * arguments and woke the worker at once: the sample's wake_up_process()
 * then finds it running, and its policy, set before any work is queued,
 * still applies to every work item. The macro must not rename the
 * header's own declaration, so <linux/kthread.h> comes first here; the
 * default pr_fmt() it brings is dropped for the sample's own. */
#include <linux/kthread.h>
#undef pr_fmt
#define kthread_create_worker_on_cpu(cpu, flags, namefmt) \
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

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
/* Linux 6.13 added struct debugfs_short_fops, file operations that hold
 * no module reference; before, a debugfs file had full file_operations. */
#define debugfs_short_fops file_operations
#endif

#endif /* KTHREAD_SAMPLES_COMPAT_H */
