# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-exit-sample.c
# shellcheck shell=sh
plan 12
mod=kthread-exit-sample
name=kthread_exit_sample

check "insmod jobs=3 succeeds" insmod_ok $mod jobs=3
job=$(klog_value "$name: started thread sample-job \(pid ([0-9]+)\)")
check "the job thread was started" ge "pid" "$job" 1
jobs_done() {
	for i in 1 2 3; do
		klog_has "$name: job $i of 3 done$" || return 1
	done
	klog_has "$name: all jobs done, sample-job \(pid $job\) exits$"
}
check "it does 3 jobs and says it exits" wait_until 3 jobs_done
gone() { [ ! -d "/proc/$1" ]; }
check "it is gone while the module is still loaded" wait_until 3 gone "$job"
check "the module stays loaded" loaded $name

unused=$(klog_value "$name: created thread sample-unused \(pid ([0-9]+)\), not woken")
check "the unused thread was created" ge "pid" "$unused" 1
check "kthread_stop() on it returns -EINTR" \
	klog_has "$name: kthread_stop\(\) returned -4 \(-EINTR\)$"
never_ran() {
	klog | grep -q "unused thread ran" && { diag "unused_fn() ran"; return 1; }
	wait_until 3 gone "$unused"
}
check "its function never ran and it is gone" never_ran

check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "exit found the job completed" klog_has "$name: the job thread had completed$"

bad_values() {
	for v in 0 101 -1 abc ""; do
		insmod_einval $mod "jobs=$v" || return 1
	done
	insmod_erange $mod jobs=4294967297
}
check "jobs=0, 101, -1, abc, empty are refused with EINVAL, 2^32+1 with ERANGE" bad_values
check "the refusal says why" klog_has "$name: jobs=0 is invalid: it must be from 1 to 100$"
