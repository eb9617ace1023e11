# SPDX-License-Identifier: GPL-2.0
# A module whose init calls WARN_ON(1) (tests/modules/bug-warn.c): the
# judge must fail the run on its report on every architecture, so the host
# boots it with --expect-report (scripts/test.sh, report_controls).
# shellcheck shell=sh
plan 3
check "insmod bug-warn (its init warns)" insmod_ok test/bug-warn
check "the kernel log has the warning" klog_has "WARNING: .*bug_warn_init"
check "rmmod" rmmod_ok bug_warn
