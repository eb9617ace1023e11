# SPDX-License-Identifier: GPL-2.0
# The classic tutorial's periodic loop, msleep(1000) until
# kthread_should_stop(): the rmmod bound (rmmod_ok, RMMOD_BOUND) must catch it.
# shellcheck shell=sh
plan 3
check "insmod bug-msleep-stop" insmod_ok test/bug-msleep-stop
# Unload just after its second tick, a fraction of a second into a 1 s
# sleep (under a loaded host a fixed "sleep" in the guest lands anywhere).
check "it ticks" wait_until 3 klog_has "bug_msleep_stop: index 1$"
# The very check the samples pass (rmmod_ok) must fail here, for time:
# the module is gone afterwards, and took longer than the bound.
caught() {
	if rmmod_ok bug_msleep_stop; then
		diag "rmmod_ok passed an msleep() stop loop"
		return 1
	fi
	not_loaded bug_msleep_stop && [ "$ELAPSED_US" -gt "$RMMOD_BOUND_US" ]
}
check "rmmod_ok fails it: rmmod takes over $RMMOD_BOUND" caught
