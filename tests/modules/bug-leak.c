// SPDX-License-Identifier: GPL-2.0
/*
 * bug-leak.c - TEST ONLY: memory that nothing points to any more.
 * kmemleak must report the object, allocated from this module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

static void *buffer;

/* Not inlined, so that no copy of the pointer stays in bug_init()'s frame. */
static noinline int allocate_and_lose(void)
{
	buffer = kmalloc(1024, GFP_KERNEL);
	if (!buffer)
		return -ENOMEM;
	/* BUG: the only pointer to the buffer is overwritten. */
	WRITE_ONCE(buffer, NULL);
	return 0;
}

static int __init bug_init(void)
{
	int ret = allocate_and_lose();

	if (!ret)
		pr_info("allocated 1024 bytes and lost them\n");
	return ret;
}

static void __exit bug_exit(void)
{
}

module_init(bug_init);
module_exit(bug_exit);
MODULE_DESCRIPTION("TEST ONLY: a memory leak for kmemleak to find");
MODULE_LICENSE("GPL");
