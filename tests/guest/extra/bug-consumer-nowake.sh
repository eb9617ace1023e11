# SPDX-License-Identifier: GPL-2.0
# Control for the delivery check of kthread-consumer-sample's suite: an
# interrupt that updates the count but never calls wake_up()
# (tests/modules/bug-consumer-nowake.c) leaves the thread asleep with
# events pending: produce_then must fail it.
# shellcheck shell=sh
# shellcheck disable=SC1091  # the guest's copy of suites/kthread-consumer-sample.sh
# shellcheck disable=SC2034  # read by the sourced suite
CONSUMER_HELPERS_ONLY=1
. ./suites/kthread-consumer-sample.sh
plan 4
check "insmod bug-consumer-nowake" insmod_ok test/bug-consumer-nowake
pid=$(pid_of bug-consumer-nowake)
check "the thread bug-consumer-nowake exists" ge "pid" "$pid" 1
caught() {
	if produce_then bug_consumer_nowake /sys/kernel/debug/bug-consumer-nowake/produce 5 5; then
		diag "produce_then passed an interrupt that does not call wake_up()"
		return 1
	fi
}
check "the delivery check fails it: 5 events written, none handled" caught
check "rmmod bug-consumer-nowake" rmmod_ok bug_consumer_nowake
