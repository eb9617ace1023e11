# SPDX-License-Identifier: GPL-2.0
# Control for the grid check of kthread-periodic-sample's suite: a thread
# that sleeps 100 ms after 0.3 ms of work (tests/modules/bug-relative-sleep.c)
# must fail on_grid, for ticks off the grid and not for anything else.
# shellcheck shell=sh
# shellcheck disable=SC1091  # the guest's copy of suites/kthread-periodic-sample.sh
# shellcheck disable=SC2034  # read by the sourced suite
PERIODIC_HELPERS_ONLY=1
. ./suites/kthread-periodic-sample.sh
plan 3
mark "relative sleep"
check "insmod bug-relative-sleep" insmod_ok test/bug-relative-sleep
sleep 10.5
caught() {
	_rc=0
	on_grid bug_relative_sleep 100 "relative sleep" 11 || _rc=$?
	eq "on_grid's verdict (2: off the grid)" "$_rc" 2
}
check "the grid check fails it: its ticks drift" caught
check "rmmod bug-relative-sleep" rmmod_ok bug_relative_sleep
