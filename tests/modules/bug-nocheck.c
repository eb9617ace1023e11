// SPDX-License-Identifier: GPL-2.0
/*
 * bug-nocheck.c - TEST ONLY: an init that does not check what kmalloc()
 * returned. Loaded normally, it works; when the allocation fails, the load
 * still succeeds, with a NULL buffer that a real driver would go on to
 * use. The fault-injection check that every samples/kthread sample passes
 * (fail_each_allocation in tests/guest/lib.sh) must fail it: an injected
 * failure that was logged, and a load that succeeded anyway.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

static char *buf;

static int __init bug_init(void)
{
	/* BUG: a NULL buf is not an error here. */
	buf = kmalloc(64, GFP_KERNEL);
	pr_info("loaded\n");
	return 0;
}

static void __exit bug_exit(void)
{
	kfree(buf);
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: an init that ignores a failed allocation");
MODULE_LICENSE("GPL");
