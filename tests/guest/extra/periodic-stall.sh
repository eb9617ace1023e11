# SPDX-License-Identifier: GPL-2.0
# kthread-periodic-sample after a stall of 25 periods (every CPU held by
# tests/modules/stall.c): one late run, then the grid again, with the
# missed periods skipped. A loop that catches up fails "never twice back
# to back" (extra/bug-periodic-catchup.sh).
# shellcheck shell=sh
# shellcheck disable=SC1091  # the guest's copy of suites/kthread-periodic-sample.sh
# shellcheck disable=SC2034  # read by the sourced suite
PERIODIC_HELPERS_ONLY=1
. ./suites/kthread-periodic-sample.sh
plan 7
mod=kthread-periodic-sample
name=kthread_periodic_sample

mark "periodic-stall grid"
check "insmod period_ms=100 succeeds" insmod_ok $mod period_ms=100
sleep 4.2
check "ticks 0 to 40 on the grid before the stall" on_grid $name 100 "periodic-stall grid" 5
mark "periodic stall"
check "every CPU stalled for 2500 ms" stall 2500
sleep 2.5
check "after the stall it ran late, but never twice back to back" late_runs $name 100 "periodic stall"
skipped=$(klog_since "periodic stall" | sed -n -E "s/.*$name: tick [0-9]+, [0-9]+ us late: ([0-9]+) periods skipped$/\1/p" | head -n 1)
check "that run skipped the missed periods (20 or more)" ge "periods skipped" "$skipped" 20
check "the ticks after the stall are on the grid of those before it" \
	on_grid $name 100 "periodic-stall grid" 7
check "rmmod within $RMMOD_BOUND" rmmod_ok $name
