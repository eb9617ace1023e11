# SPDX-License-Identifier: GPL-2.0
# What Documentation/core-api/kthread.rst says about task states, signals,
# freezing, parking and scheduling policy, shown with the test-only modules
# tests/modules/guide-st-*.c (in /modules/test). The hung-task detector
# must report the two TASK_UNINTERRUPTIBLE threads: the host expects
# "INFO: task sample-st-(unint|never):PID blocked for more than", and so
# judges no other report in this boot: the last check here does.
# shellcheck shell=sh
plan 32

# 1 and 2: TASK_IDLE, TASK_UNINTERRUPTIBLE, and a thread never woken.
check "insmod guide-st-sleep" insmod_ok test/guide-st-sleep
idle=$(pid_of sample-st-idle)
unint=$(pid_of sample-st-unint)
never=$(pid_of sample-st-never)
sleep 0.5
check "sample-st-idle (TASK_IDLE) shows I in /proc/PID/status" state_is "$idle" I
check "sample-st-unint (TASK_UNINTERRUPTIBLE) shows D" state_is "$unint" D
check "sample-st-never (created, never woken) shows D" state_is "$never" D
# At most two rounds of reports (two threads each): enough, and quiet.
warnings=/proc/sys/kernel/hung_task_warnings
old_warnings=$(cat $warnings 2>/dev/null)
echo 4 >$warnings 2>/dev/null
long_wait "$idle" 16
[ -n "$old_warnings" ] && echo "$old_warnings" >$warnings
check "the hung-task detector at $HUNG_TASK_S s does not report sample-st-idle" not_reported
reported_d() {
	_log=$(klog_since "long wait $idle")
	for _p in "sample-st-unint:$unint" "sample-st-never:$never"; do
		echo "$_log" | grep -Eq "INFO: task $_p blocked for more than [0-9]+ seconds" ||
			{ diag "no hung-task report for $_p"; return 1; }
	done
}
check "it reports sample-st-unint and sample-st-never" reported_d
# A thread in D adds 1 at every load update; one in I adds nothing.
check "the load average counts the two D threads, not the I one" \
	eq "tasks counted at every load update" "$LONG_WAIT_COUNTED" 2
check "rmmod within $RMMOD_BOUND: kthread_stop() ends an I and a D wait" \
	rmmod_ok guide_st_sleep
never_ran() {
	klog_has "guide_st_sleep: never: kthread_stop\(\) returned -4$" || return 1
	eq "lines from its function" "$(count "guide_st_sleep: never: thread function runs")" 0
}
check "kthread_stop() on the never-woken thread returns -EINTR, its function never ran" never_ran

# 3: after kthread_stop(), interruptible sleeps return at once.
check "insmod guide-st-signal" insmod_ok test/guide-st-signal
wait_until 2 state_is "$(pid_of sample-st-sig)" S
# The thread sleeps 50 ms in msleep() before it returns.
check "rmmod within $RMMOD_BOUND (its 50 ms in msleep() included)" rmmod_ok guide_st_signal
check "signal_pending() is 1 in the thread after kthread_stop()" \
	klog_has "guide_st_signal: after kthread_stop\(\): signal_pending\(\) 1$"
us_of() { klog_value "guide_st_signal: $1: ([0-9]+) us"; }
check "then msleep_interruptible(1000) returns at once (under 10 ms)" \
	le "msleep_interruptible(1000) (us)" "$(us_of 'msleep_interruptible\(1000\)')" 10000
check "and schedule_timeout_interruptible(1000 ms) returns at once (under 10 ms)" \
	le "schedule_timeout_interruptible (us)" "$(us_of 'schedule_timeout_interruptible\(1000 ms\)')" 10000
check "while msleep(50) sleeps its 50 ms" \
	ge "msleep(50) (us)" "$(us_of 'msleep\(50\)')" 50000

# 4: a freezable and a default thread through a freeze (pm_test=freezer).
check "insmod guide-st-freeze" insmod_ok test/guide-st-freeze
sleep 1
freeze() {
	write_ok freezer /sys/power/pm_test || return 1
	timed sh -c "echo freeze >/sys/power/state"
	write none /sys/power/pm_test
	diag "echo freeze took $((ELAPSED_US / 1000)) ms"
	eq "status" "$STATUS" 0 || { diag "$OUTPUT"; return 1; }
}
check "the system freezes and thaws (pm_test=freezer)" freeze
sleep 1
# ticks_in WHO FROM TO: ticks of WHO (frz or nofrz) logged FROM to TO us
# after the freezer's 5 s wait began.
ticks_in() {
	klog | awk -v m="guide_st_freeze: $1: tick [0-9]+$" -v from="$2" -v to="$3" '
		{ t = substr($0, 2, index($0, "]") - 2) * 1000000 }
		/suspend debug: Waiting for 5 second/ { w = t }
		w && $0 ~ m && t >= w + from && t <= w + to { n++ }
		END { print n + 0 }'
}
check "the freezer waited 5 s" klog_has "suspend debug: Waiting for 5 second"
check "no tick from the set_freezable() thread while frozen" eq "ticks" "$(ticks_in frz 0 4500000)" 0
# Every 200 ms: about 22 ticks in 4.5 s.
check "the default thread ticked on while frozen (15 ticks or more)" \
	ge "ticks" "$(ticks_in nofrz 0 4500000)" 15
check "the set_freezable() thread ticks again after the thaw" \
	ge "ticks" "$(ticks_in frz 4500000 99000000)" 2
check "rmmod guide-st-freeze" rmmod_ok guide_st_freeze

# 5: parked before the first wake-up, it runs its function when stopped.
check "insmod guide-st-park" insmod_ok test/guide-st-park
parked() {
	state_is "$(pid_of sample-st-park)" P || return 1
	eq "lines from its function" "$(count "guide_st_park: thread function runs")" 0
}
check "sample-st-park shows P and its function has not run" parked
ran_on_stop() {
	rmmod_ok guide_st_park || return 1
	klog_has "guide_st_park: thread function runs, kthread_should_stop\(\) 1$" &&
		klog_has "guide_st_park: kthread_stop\(\) returned 0$"
}
check "rmmod: its function runs, kthread_should_stop() already true, and returns 0" ran_on_stop

# 6: scheduling policy, from /proc/PID/stat: policy (41), rt_priority (40), nice (19).
check "insmod guide-st-sched" insmod_ok test/guide-st-sched
sched_of() {
	_pid=$(pid_of "$1")
	[ -n "$_pid" ] && awk '{ print $41, $40, $19 }' "/proc/$_pid/stat"
}
check "a kthread is SCHED_NORMAL, nice 0" eq "sample-st-norm" "$(sched_of sample-st-norm)" "0 0 0"
check "sched_set_fifo(): SCHED_FIFO 50" eq "sample-st-fifo" "$(sched_of sample-st-fifo)" "1 50 0"
check "sched_set_fifo_low(): SCHED_FIFO 1" eq "sample-st-fifo1" "$(sched_of sample-st-fifo1)" "1 1 0"
check "rmmod guide-st-sched" rmmod_ok guide_st_sched
check "no sample-st-* thread left" eq "threads" "$(threads_matching 'sample-st-*')" ""
# The host only requires the hung-task reports above (--expect-report):
# any other report in this suite's log fails here.
other_reports() {
	_bad=$(klog | grep -E 'Oops|BUG:|WARNING:|KASAN:|UBSAN:|sleeping function called|scheduling while atomic|refcount_t:|soft lockup|rcu_.*stall|blocked for more than' |
		grep -Ev 'INFO: task sample-st-(unint|never):[0-9]+ blocked for more than')
	[ -z "$_bad" ] && return 0
	echo "$_bad" | head -n 5 | while IFS= read -r _l; do diag "$_l"; done
	return 1
}
check "no kernel report but the hung-task reports of the two D threads" other_reports
