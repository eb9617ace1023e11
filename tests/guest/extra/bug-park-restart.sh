# SPDX-License-Identifier: GPL-2.0
# Control for the "ticks again, from where it was" check of
# kthread-park-sample's suite: a thread whose tick counter restarts at 1
# after an unpark (tests/modules/bug-park-restart.c, which parks and
# unparks it in its init) must fail ticks_resumed (tests/guest/lib.sh).
# shellcheck shell=sh
plan 4
name=bug_park_restart
check "insmod bug-park-restart" insmod_ok test/bug-park-restart
check "it parked after a tick and was unparked" klog_has "$name: unparked$"
at=$(klog_value "$name: parking after tick ([0-9]+)$")
caught() {
	[ -n "$at" ] || { diag "no 'parking after tick N' line"; return 1; }
	if ticks_resumed $name "$at"; then
		diag "ticks_resumed passed a counter that restarts"
		return 1
	fi
}
check "the resume check fails it: its ticks start again at 1" caught
check "rmmod bug-park-restart" rmmod_ok bug_park_restart "$PROMPT_MS"
