# SPDX-License-Identifier: GPL-2.0
# Control for extra/race.sh: the same race on kthread-park as it was
# before its init took the parameter lock (tests/modules/bug-park-race.c).
# The debug kernel must report the WARN in kthread_park() or a KASAN
# use-after-free; the host requires it (boot-test.sh --expect-report).
# shellcheck shell=sh
plan 1
reported() { dmesg | grep -qE 'WARNING:|BUG: KASAN'; }
# shellcheck disable=SC2034  # read by race() in lib.sh
RACE_STOP=reported RACE_LOAD_MAY_FAIL=1
race test/bug-park-race parked 100 "1 0" 1 0 5 1 0 y n || true
check "the race made the kernel report the bug" reported
