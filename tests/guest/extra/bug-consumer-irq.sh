# SPDX-License-Identifier: GPL-2.0
# Control for kthread-consumer-sample's locking: its consumer with plain
# spin_lock() on a lock that an hrtimer takes in hard interrupt context
# (tests/modules/bug-consumer-irq.c). Lockdep must report it; the host
# requires the report (boot-test.sh --expect-report).
# shellcheck shell=sh
plan 2
check "insmod bug-consumer-irq" insmod_ok test/bug-consumer-irq
sleep 0.5
check "rmmod bug-consumer-irq" rmmod_ok bug_consumer_irq
