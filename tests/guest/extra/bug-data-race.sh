# SPDX-License-Identifier: GPL-2.0
# Control for the KCSAN kernel: two threads updating an unlocked counter
# (tests/modules/bug-data-race.c). KCSAN must report the data race; the
# host requires the report (boot-test.sh --expect-report).
# shellcheck shell=sh
plan 2
check "insmod bug-data-race" insmod_ok test/bug-data-race
reported() { dmesg | grep -q 'BUG: KCSAN: data-race in racy_fn'; }
wait_until 10 reported || true
check "rmmod bug-data-race" rmmod_ok bug_data_race
