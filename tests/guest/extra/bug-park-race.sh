# SPDX-License-Identifier: GPL-2.0
# Control for extra/race.sh: the same race on kthread-park-sample as it was
# before its init took the parameter lock (tests/modules/bug-park-race.c).
# The debug kernel must report it, as a WARN in kthread_park(), a KASAN
# use-after-free, or a deadlock: a writer stuck in kthread_park() with the
# parameter lock held, waiting for a thread that init's own kthread_park()
# raced, which the hung-task detector reports after 30 s. The host
# requires one of them (boot-test.sh --expect-report).
# shellcheck shell=sh
plan 1
reported() { dmesg | grep -qE 'WARNING:|BUG: KASAN|blocked for more than'; }
# The race runs in the background: a deadlock stops its loop for good.
(
	# shellcheck disable=SC2034  # read by race() in lib.sh
	RACE_STOP=reported RACE_LOAD_MAY_FAIL=1
	race test/bug-park-race parked 100 "1 0" 1 0 5 1 0 y n
) >/tmp/race.out 2>&1 &
wait_until 300 reported
sed 's/^ *#*/    #/' /tmp/race.out
check "the race made the kernel report the bug" reported
