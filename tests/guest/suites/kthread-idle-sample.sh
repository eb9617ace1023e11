# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-idle-sample.c
# shellcheck shell=sh
plan 8
mod=kthread-idle-sample
name=kthread_idle_sample

check "insmod succeeds" insmod_ok $mod
pid=$(pid_of sample-idle)
check "the thread sample-idle exists and says it waits in TASK_IDLE" \
	klog_has "$name: thread sample-idle \(pid ${pid:-none}\) waits in TASK_IDLE, 3600 s between rounds$"
sleep 0.5
check "/proc/PID/stat shows it idle (I)" eq "state" "$(stat_field "$pid" 3)" I

# The control, extra/bug-idle-uninterruptible.sh, fails these two checks.
long_wait "$pid" 16
check "the hung-task detector at $HUNG_TASK_S s does not report it in 16 s" not_reported
check "the load average does not count it" not_counted
check "it is still idle (I) and was never woken" eq "state, housekeeping lines" \
	"$(stat_field "$pid" 3), $(count "$name: housekeeping")" "I, 0"

check "rmmod within $PROMPT_MS ms: kthread_stop() wakes a TASK_IDLE sleep" rmmod_ok $name "$PROMPT_MS"
gone() { no_thread sample-idle && klog_has "$name: stopped$"; }
check "no thread left, and it said it stopped" gone
