// SPDX-License-Identifier: GPL-2.0
/*
 * bug-dump-stack.c - TEST ONLY: a dump_stack() at load. It prints no
 * "WARNING:" or "BUG:" line, only the task's CPU, name and taint and a
 * call trace: the judge (tests/host/judge.py) must fail the run on the
 * trace alone, on every architecture ("Call Trace:" on x86 and riscv,
 * "Call trace:" on arm and arm64).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/printk.h>

static int __init bug_dump_stack_init(void)
{
	/* BUG: a stack dump in the log is a report too. */
	dump_stack();
	pr_info("dumped the stack\n");
	return 0;
}

static void __exit bug_dump_stack_exit(void)
{
}

module_init(bug_dump_stack_init);
module_exit(bug_dump_stack_exit);
MODULE_DESCRIPTION("TEST ONLY: a dump_stack() at load for the judge to catch");
MODULE_LICENSE("GPL");
