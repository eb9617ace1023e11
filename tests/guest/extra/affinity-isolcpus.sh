# SPDX-License-Identifier: GPL-2.0
# tests/modules/guide-hp-place.c on a kernel booted with isolcpus=1
# (Documentation/core-api/kthread.rst, isolated CPUs): kernel threads
# without a binding stay off the isolated CPU, a thread that prefers only
# that CPU (kthread_affine_preferred()) runs on the others, a bound thread
# runs on it all the same.
# shellcheck shell=sh
plan 8
name=guide_hp_place

allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null; }
placed() {
	_pid=$(pid_of "$1")
	[ -n "$_pid" ] || { diag "no single thread $1"; return 1; }
	eq "$1 allowed CPUs" "$(allowed "$_pid")" "$2" && eq "$1 last CPU" "$(stat_field "$_pid" 39)" "$3"
}

isolated() {
	eq "isolated CPUs" "$(cat /sys/devices/system/cpu/isolated)" 1 &&
		eq "online CPUs" "$(cat /sys/devices/system/cpu/online)" 0-1
}
check "booted with CPU 1 isolated (isolcpus=1), both CPUs online" isolated
check "kthreadd, an ordinary kernel thread, may run on CPU 0 only" eq "kthreadd allowed CPUs" "$(allowed 2)" 0
check "insmod guide-hp-place cpu=1 succeeds" insmod_ok test/guide-hp-place cpu=1
# A few passes, so that each thread has run since it was placed.
sleep 0.5
check "hp-unbound may run on CPU 0 only, and runs there" placed hp-unbound 0 0
check "hp-prefer, which prefers CPU 1, runs on CPU 0 only" placed hp-prefer 0 0
check "hp-bound/1 is bound to the isolated CPU 1 and runs there" placed hp-bound/1 1 1
said() {
	klog_has "$name: hp-bound/1 first runs on cpu1$" && klog_has "$name: hp-prefer first runs on cpu0$" &&
		klog_has "$name: hp-unbound first runs on cpu0$" &&
		eq "lines of unbound or preferred on cpu1" \
			"$(klog | grep -cE "$name: hp-(unbound|prefer) first runs on cpu1")" 0
}
check "they say so, and only the bound thread ever ran on cpu1" said
check "rmmod within $RMMOD_BOUND" rmmod_ok $name
