# SPDX-License-Identifier: GPL-2.0
# Control for the idle check of kthread-consumer-sample's suite: a thread
# that polls ten times a second (tests/modules/bug-poll.c) must fail
# not_woken (tests/guest/lib.sh), which the sample's idle thread passes.
# shellcheck shell=sh
plan 4
check "insmod bug-poll" insmod_ok test/bug-poll
pid=$(pid_of bug-poll)
check "the thread bug-poll exists" ge "pid" "$pid" 1
caught() {
	if not_woken "$pid" 1; then
		diag "not_woken passed a thread that polls"
		return 1
	fi
}
check "the idle check fails it: it was woken" caught
check "rmmod bug-poll" rmmod_ok bug_poll
