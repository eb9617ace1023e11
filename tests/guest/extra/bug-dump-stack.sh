# SPDX-License-Identifier: GPL-2.0
# A module whose init calls dump_stack() (tests/modules/bug-dump-stack.c):
# a call trace and no "WARNING:" line. The judge must fail the run on the
# trace alone on every architecture, so the host boots it with
# --expect-report (scripts/test.sh, report_controls).
# shellcheck shell=sh
plan 3
check "insmod bug-dump-stack (its init calls dump_stack())" insmod_ok test/bug-dump-stack
check "the kernel log has a call trace" klog_has "Call [Tt]race:"
check "rmmod" rmmod_ok bug_dump_stack
