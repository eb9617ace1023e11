// SPDX-License-Identifier: GPL-2.0
/*
 * guide-hp-slow.c - TEST ONLY: a CPUHP_AP_ONLINE_DYN state whose teardown
 * sleeps @ms milliseconds. Loaded after guide-hp-window.c, it gets a
 * higher dynamic state, which an offline tears down first: it stretches
 * the part of the offline before the bound thread is stopped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpuhotplug.h>
#include <linux/delay.h>
#include <linux/module.h>

static unsigned int ms = 600;
module_param(ms, uint, 0444);
MODULE_PARM_DESC(ms, "how long each teardown sleeps, in ms (default 600)");

static enum cpuhp_state state;

static int slow_offline(unsigned int cpu)
{
	pr_info("cpu%u teardown sleeps %u ms\n", cpu, ms);
	msleep(ms);
	return 0;
}

static int __init slow_init(void)
{
	int ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test/guide-hp-slow:online",
					    NULL, slow_offline);

	if (ret < 0)
		return ret;
	state = ret;
	pr_info("state %d\n", state);
	return 0;
}

static void __exit slow_exit(void)
{
	cpuhp_remove_state_nocalls(state);
}

module_init(slow_init);
module_exit(slow_exit);
MODULE_DESCRIPTION("TEST ONLY: a CPU hotplug state whose teardown sleeps");
MODULE_LICENSE("GPL");
