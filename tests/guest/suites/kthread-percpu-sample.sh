# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-percpu-sample.c
# shellcheck shell=sh
plan 16
mod=kthread-percpu-sample
name=kthread_percpu_sample
cpu1=/sys/devices/system/cpu/cpu1/online

check "the guest has CPUs 0 and 1 online (boot with -smp 2)" \
	eq "online CPUs" "$(cat /sys/devices/system/cpu/online)" 0-1
check "insmod succeeds" insmod_ok $mod

# on_own_cpu CPU: sample-cpu/CPU exists, is bound to CPU and last ran there.
on_own_cpu() {
	_pid=$(pid_of "sample-cpu/$1")
	[ -n "$_pid" ] || { diag "no thread sample-cpu/$1"; return 1; }
	eq "sample-cpu/$1 allowed CPUs" \
		"$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$_pid/status")" "$1" &&
		eq "sample-cpu/$1 last CPU" "$(stat_field "$_pid" 39)" "$1"
}
check "sample-cpu/0 is bound to and runs on CPU 0" on_own_cpu 0
check "sample-cpu/1 is bound to and runs on CPU 1" on_own_cpu 1
worked_on_own_cpu() {
	for c in 0 1; do
		klog_has "$name: cpu$c: thread sample-cpu/$c set up on cpu$c$" &&
			klog_has "$name: cpu$c: work done on cpu$c$" || return 1
	done
}
check "each thread says it was set up and worked on its own CPU" worked_on_own_cpu

pid1=$(pid_of sample-cpu/1)
mark "percpu offline"
check "CPU 1 goes offline" write_ok 0 $cpu1
check "its thread is parked" klog_has "$name: cpu1: parking$"
check "/proc shows sample-cpu/1 parked (P)" state_is "$pid1" P
check "CPU 1 comes back online" write_ok 1 $cpu1
unparked() { klog_since "percpu offline" | grep -q "$name: cpu1: unparked on cpu1$"; }
check "its thread is unparked on CPU 1" wait_until 3 unparked
check "the same thread is still bound to CPU 1" on_own_cpu 1
check "it is the same thread" eq "pid" "$(pid_of sample-cpu/1)" "$pid1"

offline_unload() {
	write_ok 0 $cpu1 || return 1
	rmmod_ok $name "$PROMPT_MS" || { write 1 $cpu1; return 1; }
	write_ok 1 $cpu1 && no_thread sample-cpu/0 && no_thread sample-cpu/1
}
check "rmmod with CPU 1 offline within $PROMPT_MS ms; no thread left" offline_unload

mark "percpu late"
late_up() { klog_since "percpu late" | grep -q "$name: cpu1: thread sample-cpu/1 set up on cpu1$"; }
late_cpu() {
	write_ok 0 $cpu1 || return 1
	insmod "$MODDIR/$mod.ko" || { write 1 $cpu1; return 1; }
	no_thread sample-cpu/1 || { write 1 $cpu1; return 1; }
	write_ok 1 $cpu1 || return 1
	wait_until 3 late_up
}
check "a CPU that comes online after loading gets its thread then" late_cpu
check "which runs on it" on_own_cpu 1
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
