// SPDX-License-Identifier: GPL-2.0
/*
 * bug-data-race.c - TEST ONLY: two threads that update one counter with
 * no lock and plain accesses. KCSAN must report "data-race in racy_fn".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static unsigned long counter;
static struct task_struct *tasks[2];

static int racy_fn(void *data)
{
	while (!kthread_should_stop()) {
		int i;

		/*
		 * BUG: a read-modify-write that the other thread races. The
		 * barrier keeps the compiler from turning the loop into one
		 * load and one store: every increment is an access KCSAN may
		 * watch.
		 */
		for (i = 0; i < 10000; i++) {
			counter++;
			barrier();
		}
		usleep_range(100, 200);
	}
	return 0;
}

static int __init bug_init(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		tasks[i] = kthread_run(racy_fn, NULL, "bug-data-race/%d", i);
		if (IS_ERR(tasks[i])) {
			int ret = PTR_ERR(tasks[i]);

			while (i--)
				kthread_stop(tasks[i]);
			return ret;
		}
	}
	return 0;
}

static void __exit bug_exit(void)
{
	kthread_stop(tasks[0]);
	kthread_stop(tasks[1]);
	pr_info("counter %lu\n", counter);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: an unlocked counter updated from two threads");
MODULE_LICENSE("GPL");
