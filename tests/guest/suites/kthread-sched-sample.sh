# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-sched-sample.c
# shellcheck shell=sh
plan 11
mod=kthread-sched-sample
name=kthread_sched_sample

# sched_of COMM: "policy rt_priority nice" from /proc/PID/stat.
sched_of() {
	_pid=$(pid_of "$1")
	[ -n "$_pid" ] && awk '{ print $41, $40, $19 }' "/proc/$_pid/stat"
}

check "insmod succeeds" insmod_ok $mod
check "sample-fifo is SCHED_FIFO 50" eq "sample-fifo" "$(sched_of sample-fifo)" "1 50 0"
check "sample-fifo-low is SCHED_FIFO 1" eq "sample-fifo-low" "$(sched_of sample-fifo-low)" "1 1 0"
check "sample-nice is SCHED_NORMAL, nice 10" eq "sample-nice" "$(sched_of sample-nice)" "0 0 10"
reports() {
	klog_has "$name: sample-fifo: policy FIFO, rt_priority 50, nice 0$" &&
		klog_has "$name: sample-fifo-low: policy FIFO, rt_priority 1, nice 0$" &&
		klog_has "$name: sample-nice: policy NORMAL, rt_priority 0, nice 10$"
}
check "each thread reports the same from inside" reports
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
none_left() { no_thread sample-fifo && no_thread sample-fifo-low && no_thread sample-nice; }
check "no thread left" none_left

check "insmod nice=-5 succeeds" insmod_ok $mod nice=-5
check "sample-nice is nice -5" eq "sample-nice" "$(sched_of sample-nice)" "0 0 -5"
bad_values() {
	rmmod $name || return 1
	for v in 20 -21 abc "" 1.0; do
		insmod_einval $mod "nice=$v" || return 1
	done
	insmod_erange $mod nice=2147483648
}
check "nice=20, -21, abc, empty, 1.0 are refused with EINVAL, 2^31 with ERANGE" bad_values
check "the refusal says why" klog_has "$name: nice=20 is invalid: it must be from -20 to 19$"
