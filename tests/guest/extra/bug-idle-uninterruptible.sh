# SPDX-License-Identifier: GPL-2.0
# kthread-periodic-sample's long wait in TASK_UNINTERRUPTIBLE: the checks that
# kthread-periodic-sample passes with period_ms=60000 must fail. The
# hung-task detector reports the thread (the host requires "blocked for
# more than", scripts/test.sh) and the load average counts it.
# shellcheck shell=sh
plan 5
check "insmod bug-idle-uninterruptible" insmod_ok test/bug-idle-uninterruptible
pid=$(pid_of bug-idle-d)
sleep 0.5
check "/proc/PID/stat shows it in D" eq "state" "$(stat_field "$pid" 3)" D
long_wait "$pid" 16
caught_hung() {
	not_reported && { diag "not_reported passed a TASK_UNINTERRUPTIBLE wait"; return 1; }
	klog_has "INFO: task bug-idle-d:$pid blocked for more than [0-9]+ seconds"
}
check "not_reported fails it: the hung-task detector reports it" caught_hung
caught_load() {
	not_counted && { diag "not_counted passed a TASK_UNINTERRUPTIBLE wait"; return 1; }
	ge "tasks counted at every load update" "$LONG_WAIT_COUNTED" 1
}
check "not_counted fails it: the load average counts it at every update" caught_load
check "rmmod" rmmod_ok bug_idle_uninterruptible
