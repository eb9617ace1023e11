# SPDX-License-Identifier: GPL-2.0
# The classic tutorial's periodic loop, msleep(1000) until
# kthread_should_stop(): the 100 ms rmmod bound must catch it.
# shellcheck shell=sh
plan 2
check "insmod bug-msleep-stop" insmod_ok test/bug-msleep-stop
sleep 1.5
caught() {
	timed rmmod bug_msleep_stop
	diag "rmmod took $((ELAPSED_US / 1000)) ms"
	eq "rmmod status" "$STATUS" 0 && [ "$ELAPSED_US" -gt 100000 ]
}
check "rmmod takes over 100 ms: the bound catches the msleep() loop" caught
