# SPDX-License-Identifier: GPL-2.0
# A thread that sleeps with a spinlock held: the kernel must report it
# ("sleeping function called from invalid context" from
# CONFIG_DEBUG_ATOMIC_SLEEP, or "scheduling while atomic" when the sleep
# itself has no might_sleep() check, as msleep() in 7.x).
# shellcheck shell=sh
plan 3
check "insmod bug-atomic-sleep" insmod_ok test/bug-atomic-sleep
reported() { klog_has "BUG: (sleeping function called from invalid context|scheduling while atomic)"; }
check "the kernel reports sleeping in atomic context" wait_until 5 reported
check "rmmod" rmmod_ok bug_atomic_sleep
