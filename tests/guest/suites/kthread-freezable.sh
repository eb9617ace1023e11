# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-freezable.c (with kthread-periodic, which is not
# freezable, for contrast)
# shellcheck shell=sh
plan 9
mod=kthread-freezable
name=kthread_freezable

check "insmod succeeds" insmod_ok $mod
check "the thread sample-freeze exists" ge "pid" "$(pid_of sample-freeze)" 1
check "insmod kthread-periodic period_ms=200 (not freezable)" insmod_ok kthread-periodic period_ms=200
sleep 1
mark "freeze"
freeze() {
	write_ok freezer /sys/power/pm_test || return 1
	timed sh -c "echo freeze >/sys/power/state"
	write none /sys/power/pm_test
	diag "echo freeze took $((ELAPSED_US / 1000)) ms"
	eq "status" "$STATUS" 0 || { diag "$OUTPUT"; return 1; }
}
check "the system freezes and thaws (pm_test=freezer)" freeze
sleep 1.2
check "the thread says it was frozen" klog_has "$name: thawed after being frozen$"

# largest_gap MODNAME: the longest time between two ticks, in ms.
largest_gap() {
	klog | sed -n -E "s/^\[ *([0-9]+)\.([0-9]{6})\] $1: (tick|index) [0-9]+$/\1\2/p" |
		awk 'NR > 1 && $1 - prev > max { max = $1 - prev } { prev = $1 } END { print int(max / 1000) }'
}
gap=$(largest_gap $name)
check "its ticks stopped for the freeze (gap of 4.5 s or more)" ge "longest gap (ms)" "$gap" 4500
gap=$(largest_gap kthread_periodic)
check "the unfreezable thread kept ticking (no gap over 1 s)" le "longest gap (ms)" "$gap" 1000
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "rmmod kthread-periodic" rmmod_ok kthread_periodic "$PROMPT_MS"
