// SPDX-License-Identifier: GPL-2.0
/*
 * stall.c - TEST ONLY: stall every CPU, interrupts off, for ms milliseconds
 * (stop_machine() around a busy loop on the clock), once, at load. No timer fires and no
 * thread runs meanwhile: a periodic thread misses ms / period periods.
 * Unload it afterwards; it does nothing else.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/stop_machine.h>

static unsigned int ms = 2500;
module_param(ms, uint, 0444);
MODULE_PARM_DESC(ms, "How long to stall every CPU, in milliseconds (1-10000, default 2500)");

static int stall_fn(void *unused)
{
	/* Not mdelay(): its loop count is calibrated, too roughly under TCG. */
	u64 end = ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;

	while (ktime_get_ns() < end)
		cpu_relax();
	return 0;
}

static int __init stall_init(void)
{
	if (!ms || ms > 10000)
		return -EINVAL;
	pr_info("stalling every CPU for %u ms\n", ms);
	stop_machine(stall_fn, NULL, NULL);
	pr_info("stall done\n");
	return 0;
}

static void __exit stall_exit(void)
{
}

module_init(stall_init);
module_exit(stall_exit);
MODULE_DESCRIPTION("TEST ONLY: stall every CPU with stop_machine() for a while");
MODULE_LICENSE("GPL");
