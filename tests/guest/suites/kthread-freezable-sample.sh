# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-freezable-sample.c (with kthread-periodic-sample, which is not
# freezable, for contrast)
# shellcheck shell=sh
plan 10
mod=kthread-freezable-sample
name=kthread_freezable_sample

check "insmod succeeds" insmod_ok $mod
check "the thread sample-freeze exists" ge "pid" "$(pid_of sample-freeze)" 1
check "insmod kthread-periodic-sample period_ms=200 (not freezable)" insmod_ok kthread-periodic-sample period_ms=200
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

# ticks_in MODNAME FROM TO: how many ticks MODNAME logged with a timestamp
# from FROM to TO microseconds after the freezer's 5 s wait began ("suspend
# debug: Waiting for 5 second(s).").
ticks_in() {
	klog | awk -v m="$1" -v from="$2" -v to="$3" '
		{ t = substr($0, 2, index($0, "]") - 2) * 1000000 }
		/suspend debug: Waiting for 5 second/ { w = t }
		w && ($0 ~ (" " m ": (tick|index) [0-9]+$")) && t >= w + from && t <= w + to { n++ }
		END { print n + 0 }'
}
check "the freezer waited 5 s" klog_has "suspend debug: Waiting for 5 second"
check "no tick from the freezable thread while frozen" eq "ticks" "$(ticks_in $name 0 4500000)" 0
# kthread-periodic-sample ticks every 200 ms: about 22 ticks in 4.5 s.
check "the unfreezable thread ticked on while frozen (15 ticks or more)" \
	ge "ticks" "$(ticks_in kthread_periodic_sample 0 4500000)" 15
more_ticks() { [ "$(count "$name: tick [0-9]+$")" -gt "$1" ]; }
check "the freezable thread ticks again after the thaw" wait_until 2 more_ticks "$(count "$name: tick [0-9]+$")"
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "rmmod kthread-periodic-sample" rmmod_ok kthread_periodic_sample "$PROMPT_MS"
