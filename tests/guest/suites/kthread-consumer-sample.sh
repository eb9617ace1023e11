# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-consumer-sample.c
# shellcheck shell=sh
plan 16
mod=kthread-consumer-sample
name=kthread_consumer_sample
produce=/sys/module/$name/parameters/produce

check "insmod succeeds" insmod_ok $mod
pid=$(pid_of sample-consumer)
check "the thread sample-consumer exists" ge "pid" "$pid" 1
check "produce is write-only for root (0200)" eq "mode" "$(mode_of $produce)" "--w-------"
check "the idle thread sleeps" state_is "$pid" S
# Not scheduled at all while idle: a thread that polled would switch in
# and out.
check "the idle thread is not woken once in a second" not_woken "$pid" 1

handled() { klog_has "$name: idle after $1 events$"; }
# produce_then N TOTAL: produce N events, then see TOTAL handled in all.
produce_then() { write_ok "$1" $produce && wait_until 10 handled "$2"; }
check "5 events produced, 5 handled" produce_then 5 5
check "3 more, 8 handled in all" produce_then 3 8

bad_values() {
	for v in 0 100001 -1 abc "" 4294967296 1x; do
		write_einval "$v" $produce || return 1
	done
	# None of them produced anything: one more event makes 9.
	produce_then 1 9
}
check "produce=0, 100001, -1, abc, empty, 2^32, 1x are refused with EINVAL" bad_values

# A burst of single events, each with its own wakeup: none may be lost.
burst() {
	_i=0
	while [ $_i -lt 100 ]; do
		echo 1 >$produce || return 1
		_i=$((_i + 1))
	done
	wait_until 20 handled 109
}
check "100 single events, one write each, are all handled" burst

mark "consumer busy"
check "1000 more events" write_ok 1000 $produce
sleep 0.5
check "rmmod while busy within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
stopped=$(klog_value "$name: stopped: ([0-9]+ handled, [0-9]+ dropped)")
accounted() {
	_h=${stopped%% handled*}
	_d=${stopped#*, }
	_d=${_d%% dropped}
	diag "stopped: $stopped"
	[ -n "$stopped" ] && [ "$_d" -gt 0 ] && eq "handled + dropped" "$((_h + _d))" 1109
}
check "every event was handled or dropped, some dropped" accounted

mark "consumer at load"
check "insmod produce=4 succeeds" insmod_ok $mod produce=4
at_load() { klog_since "consumer at load" | grep -q "$name: idle after 4 events$"; }
check "the events produced at load time are handled" wait_until 10 at_load
check "rmmod while idle within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
nothing_left() { not_loaded $name && no_thread sample-consumer; }
check "no thread and no module left" nothing_left
