# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-lifecycle-sample.c
# shellcheck shell=sh
plan 21
mod=kthread-lifecycle-sample
name=kthread_lifecycle_sample
# A 3 s job, times kt.timescale: a debug kernel on a busy host takes
# seconds for the checks before the job must still be running.
job_ms=$((3000 * ${KT_TIMESCALE:-1}))

check "insmod job_ms=$job_ms succeeds" insmod_ok $mod job_ms=$job_ms
check "job_ms is a load-time value: read-only (0444)" \
	eq "mode" "$(mode_of /sys/module/$name/parameters/job_ms)" "-r--r--r--"

# First, while sample-job is surely still in its job.
check "rmmod while sample-job runs fails with EAGAIN, the module stays" rmmod_refused $name
job=$(pid_of sample-job)
check "sample-job is still running" ge "sample-job pid" "$job" 1
check "sample-job waits in TASK_IDLE (I), neither load nor a hung task" state_is "$job" I

loop=$(klog_value "$name: started sample-loop \(pid ([0-9]+)\)")
check "sample-loop is in /proc under its name" eq "sample-loop pid" "$(pid_of sample-loop)" "$loop"
switches() { sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$loop/status"; }
sleeps_and_wakes() {
	_sw=$(switches)
	state_is "$loop" S || return 1
	sleep 1.3
	state_is "$loop" S || return 1
	ge "voluntary context switches in 1.3 s" "$(($(switches) - _sw))" 1
}
check "sample-loop sleeps in state S and wakes between" sleeps_and_wakes

never=$(klog_value "$name: created sample-never \(pid ([0-9]+)\), not woken")
check "sample-never was created" ge "sample-never pid" "$never" 1
check "kthread_stop() on the never-woken thread returns -EINTR" \
	klog_has "$name: sample-never: kthread_stop\(\) returned -4$"
gone() { [ ! -d "/proc/$1" ]; }
never_ran() {
	klog | grep -q "sample-never ran" && { diag "never_fn() ran"; return 1; }
	gone "$never" && no_thread sample-never
}
check "its function never ran and it is gone" never_ran

# sample-result returns at once; its task_struct stays referenced.
check "sample-result returns and exits while the module is loaded" wait_until 3 no_thread sample-result

once_gone() { klog_has "$name: sample-once \(pid [0-9]+\): job done$" && no_thread sample-once; }
check "sample-once does its job and exits while the module is loaded" wait_until 3 once_gone

job_gone() { klog_has "$name: sample-job \(pid $job\): job done after $job_ms ms$" && gone "$job"; }
check "sample-job ends on its own after job_ms" wait_until $((job_ms / 1000 + 7)) job_gone
check "the module stays loaded" loaded $name
check "rmmod succeeds within $RMMOD_BOUND once sample-job is gone" rmmod_ok $name
wakeups=$(klog_value "$name: sample-loop: kthread_stop\(\) returned 0, wakeups: ([0-9]+)")
# Exit waits for the completion, then stops sample-result (long gone) and
# sample-loop, and prints what each returned.
exit_order() {
	klog | grep -A2 "$name: sample-once had completed$" | tr '\n' '|' |
		grep -q "$name: sample-result: kthread_stop_put() returned -61|.*$name: sample-loop: kthread_stop() returned 0, wakeups: " &&
		return 0
	diag "no 'sample-once had completed', then 'kthread_stop_put() returned -61', then 'kthread_stop() returned 0'"
	return 1
}
check "exit: the completion was done, then kthread_stop_put() returns the exited thread's -ENODATA and kthread_stop() sample-loop's 0" exit_order
check "kthread_stop_put() got the error (-ENODATA) of a thread that had exited long before" \
	klog_has "$name: sample-result: kthread_stop_put\(\) returned -61$"
check "sample-loop woke about once a second while sample-job ran" ge "wakeups" "$wakeups" 2
check "no sample thread and no module left" leftover

bad_values() {
	for v in 0 60001 -1 abc ""; do
		insmod_einval $mod "job_ms=$v" || return 1
	done
	insmod_erange $mod job_ms=4294967296
}
check "job_ms=0, 60001, -1, abc, empty are refused with EINVAL, 2^32 with ERANGE" bad_values
check "the refusal says why" klog_has "$name: job_ms=0 is invalid: it must be from 1 to 60000$"
