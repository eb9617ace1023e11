# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-worker.c
# shellcheck shell=sh
plan 13
mod=kthread-worker
name=kthread_worker

mark "worker 300"
check "insmod delay_ms=300 succeeds" insmod_ok $mod delay_ms=300
check "the work runs in the worker thread" klog_has "$name: work runs in sample-worker \(pid [0-9]+\)$"
flushed_after_run() {
	_log=$(klog_since "worker 300")
	# Not "delayed work runs in": on a slow guest it may have run by now.
	_run=$(echo "$_log" | grep -n "$name: work runs in" | head -n 1 | cut -d: -f1)
	_flush=$(echo "$_log" | grep -n "$name: kthread_flush_work() returned" | head -n 1 | cut -d: -f1)
	[ -n "$_run" ] && [ -n "$_flush" ] && [ "$_run" -lt "$_flush" ] && return 0
	diag "work line $_run, flush line $_flush"
	return 1
}
check "kthread_flush_work() returns after the work ran" flushed_after_run
check "the worker thread sample-worker exists" ge "pid" "$(pid_of sample-worker)" 1
ran() { klog_since "worker 300" | grep -q "$name: delayed work runs in sample-worker"; }
check "the delayed work runs" wait_until 5 ran
ms=$(klog_since "worker 300" | sed -n -E "s/.*delayed work runs in sample-worker, ([0-9]+) ms after.*/\1/p")
in_time() { ge "delay (ms)" "$ms" 300 && le "delay (ms)" "$ms" 800; }
check "it runs 300 ms after queueing, not 60 s (mod_delayed_work)" in_time
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "nothing to cancel after it ran" eq "cancel lines" \
	"$(klog_since "worker 300" | grep -c 'cancelled the pending')" 0

# 30 s: still pending at the rmmod even where loading and unloading take
# over a second (32-bit arm under TCG on a busy host).
mark "worker pending"
check "insmod delay_ms=30000 succeeds" insmod_ok $mod delay_ms=30000
check "rmmod with the delayed work pending, within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
pending_cancelled() {
	_log=$(klog_since "worker pending")
	echo "$_log" | grep -q "$name: cancelled the pending delayed work$" &&
		echo "$_log" | grep -q "$name: worker destroyed$" &&
		! echo "$_log" | grep -q "delayed work runs"
}
check "the pending delayed work is cancelled, never run, then the worker destroyed" pending_cancelled
check "no sample-worker thread left" no_thread sample-worker

bad_values() {
	for v in 0 60001 -1 abc "" 4294967296; do
		insmod_einval $mod "delay_ms=$v" || return 1
	done
}
check "delay_ms=0, 60001, -1, abc, empty, 2^32 are refused with EINVAL" bad_values
