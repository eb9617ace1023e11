# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-park-sample.c
# shellcheck shell=sh
plan 18
mod=kthread-park-sample
name=kthread_park_sample
parked=/sys/module/$name/parameters/parked

check "insmod succeeds" insmod_ok $mod
pid=$(pid_of sample-park)
check "the thread sample-park exists" ge "pid" "$pid" 1
check "parked is writable by root only (0644)" eq "mode" "$(mode_of $parked)" "-rw-r--r--"
ticks() { count "$name: tick [0-9]+$"; }
two_ticks() { [ "$(ticks)" -ge 2 ]; }
check "it ticks" wait_until 5 two_ticks

timed sh -c "echo 1 >$parked"
park_fast() { eq "status" "$STATUS" 0 && le "park time (us)" "$ELAPSED_US" $((PROMPT_MS * 1000 * ${KT_TIMESCALE:-1})); }
check "writing 1 parks it within $PROMPT_MS ms" park_fast
check "it says where it parked" klog_has "$name: parking after tick [0-9]+$"
check "/proc shows it parked (P)" state_is "$pid" P
n=$(ticks)
sleep 1.2
check "no tick while parked" eq "ticks" "$(ticks)" "$n"
check "parked reads Y" eq "parked" "$(cat $parked)" Y
check "parking it again is harmless" write_ok 1 $parked

check "writing 0 unparks it" write_ok 0 $parked
# The tick after the pause is the one after the last before it.
at=$(klog_value "$name: parking after tick ([0-9]+)$")
check "it says so and ticks again, from where it was" ticks_resumed $name "$at"
# It ticks, so one look may catch it running (seen once on the KCSAN
# kernel): asleep at some moment in a second, as a thread left parked (P)
# or spinning (R) never is.
check "it sleeps between ticks again (S)" wait_until 1 state_is "$pid" S

bad_values() {
	for v in 2 -1 maybe ""; do
		write_einval "$v" $parked || return 1
	done
}
check "parked=2, -1, maybe, empty are refused with EINVAL" bad_values

write 1 $parked
check "rmmod of a parked thread within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"

mark "park at load"
created_parked() {
	insmod "$MODDIR/$mod.ko" parked=1 || return 1
	_pid=$(pid_of sample-park)
	klog_since "park at load" | grep -q "$name: thread sample-park (pid $_pid) created parked$" || return 1
	state_is "$_pid" P || return 1
	sleep 0.6
	eq "ticks before unpark" "$(klog_since "park at load" | grep -c "$name: tick")" 0 || return 1
	write_ok 0 $parked || return 1
	sleep 0.3
	klog_since "park at load" | grep -q "$name: tick 1$"
}
check "loaded with parked=1, it never runs until unparked" created_parked
gone() { rmmod_ok $name "$PROMPT_MS" && no_thread sample-park; }
check "rmmod within $PROMPT_MS ms, no thread left" gone

# A thread parked at creation runs its function when it is stopped, even
# though it was never unparked (kthread-exit-sample's unused thread, never woken
# nor parked, does not).
mark "park never unparked"
runs_when_stopped() {
	insmod "$MODDIR/$mod.ko" parked=1 || return 1
	klog_since "park never unparked" | grep -q "$name: thread function runs$" &&
		{ diag "park_fn() ran before the stop"; return 1; }
	rmmod_ok $name "$PROMPT_MS" || return 1
	klog_since "park never unparked" | grep -q "$name: thread function runs$" || {
		diag "park_fn() did not run when stopped"
		return 1
	}
	eq "ticks" "$(klog_since "park never unparked" | grep -c "$name: tick")" 0
}
check "loaded parked and never unparked, its function runs when stopped, and does not tick" runs_when_stopped
