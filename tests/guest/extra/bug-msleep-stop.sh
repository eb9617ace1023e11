# SPDX-License-Identifier: GPL-2.0
# The classic tutorial's periodic loop, msleep(1000) until
# kthread_should_stop(): the rmmod bound (PROMPT_MS) must catch it.
# shellcheck shell=sh
plan 2
check "insmod bug-msleep-stop" insmod_ok test/bug-msleep-stop
# Unload 0.2 s into a 1 s sleep: about 800 ms to wait.
sleep 1.2
caught() {
	timed rmmod bug_msleep_stop
	diag "rmmod took $((ELAPSED_US / 1000)) ms"
	eq "rmmod status" "$STATUS" 0 && [ "$ELAPSED_US" -gt $((PROMPT_MS * 1000)) ]
}
check "rmmod takes over $PROMPT_MS ms: the bound catches the msleep() loop" caught
