// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-floor-nothread.c - TEST ONLY, a benchmark row: the rmmod floor. A
 * module with no thread at all: what rmmod costs under this emulator
 * before any kthread_stop(). scripts/benchmark.sh divides every sample's
 * rmmod time by this one, measured in the same boot.
 */
#include <linux/module.h>

static int __init nothread_init(void)
{
	return 0;
}

static void __exit nothread_exit(void)
{
}

module_init(nothread_init);
module_exit(nothread_exit);
MODULE_DESCRIPTION("TEST ONLY: the rmmod floor, a module with no thread");
MODULE_LICENSE("GPL");
