// SPDX-License-Identifier: GPL-2.0
/*
 * bug-warn.c - TEST ONLY: a WARN_ON() that fires at load. The judge
 * (tests/host/judge.py) must fail a run whose kernel log holds it, on
 * every architecture: each prints the "WARNING:" line and a call trace
 * in its own way ("Call Trace:" on x86 and riscv, "Call trace:" on arm
 * and arm64).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/bug.h>

static int __init bug_warn_init(void)
{
	/* BUG: a warning is a report, whatever the module does next. */
	WARN_ON(1);
	pr_info("warned\n");
	return 0;
}

static void __exit bug_warn_exit(void)
{
}

module_init(bug_warn_init);
module_exit(bug_warn_exit);
MODULE_DESCRIPTION("TEST ONLY: a WARN_ON() at load for the judge to catch");
MODULE_LICENSE("GPL");
