# SPDX-License-Identifier: GPL-2.0
# Control for the stall checks of kthread-periodic-sample's suite: a thread
# that advances its deadline by one period whatever the time
# (tests/modules/bug-periodic-catchup.c) runs once per missed period, back
# to back, after a stall: late_runs, which the sample passes, must fail it.
# shellcheck shell=sh
# shellcheck disable=SC1091  # the guest's copy of suites/kthread-periodic-sample.sh
# shellcheck disable=SC2034  # read by the sourced suite
PERIODIC_HELPERS_ONLY=1
. ./suites/kthread-periodic-sample.sh
plan 4
check "insmod bug-periodic-catchup" insmod_ok test/bug-periodic-catchup
sleep 1.2
mark "catchup stall"
check "every CPU stalled for 2500 ms" stall 2500
sleep 2.5
caught() {
	if late_runs bug_periodic_catchup 100 "catchup stall"; then
		diag "late_runs passed a loop that catches up"
		return 1
	fi
	ge "runs back to back" "$BACK_TO_BACK" 10
}
check "the late-run check fails it: 10 or more runs back to back" caught
check "rmmod bug-periodic-catchup" rmmod_ok bug_periodic_catchup
