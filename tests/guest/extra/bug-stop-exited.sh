# SPDX-License-Identifier: GPL-2.0
# The classic tutorial's first example: kthread_stop() on a thread that
# returned long ago. The debug kernel must report it; the host requires the
# report (boot-test.sh --expect-report).
# shellcheck shell=sh
plan 2
check "insmod bug-stop-exited" insmod_ok test/bug-stop-exited
sleep 1
# rmmod may oops or hang on freed memory: do not wait for it for ever.
rmmod bug_stop_exited &
sleep 5
reported() { klog | grep -qE "BUG: KASAN|Oops|general protection"; }
check "the kernel reports the use after free" wait_until 5 reported
