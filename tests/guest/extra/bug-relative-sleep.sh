# SPDX-License-Identifier: GPL-2.0
# Control for the drift check of kthread-periodic-sample's suite: a thread that
# sleeps 200 ms after 5 ms of work (tests/modules/bug-relative-sleep.c)
# must fail it, for drift and not for anything else.
# shellcheck shell=sh
plan 3
mark "relative sleep"
check "insmod bug-relative-sleep" insmod_ok test/bug-relative-sleep
sleep 2.1
caught() {
	_rc=0
	drift bug_relative_sleep 200 "relative sleep" 10 || _rc=$?
	eq "drift's verdict (2: drifted)" "$_rc" 2
}
check "the drift check fails it: its ticks drift" caught
check "rmmod bug-relative-sleep" rmmod_ok bug_relative_sleep "$PROMPT_MS"
