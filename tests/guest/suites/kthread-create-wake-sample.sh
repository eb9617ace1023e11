# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-create-wake-sample.c
# shellcheck shell=sh
plan 14
mod=kthread-create-wake-sample
name=kthread_create_wake_sample

# Load from a known pid, to compare with the "current" the module prints.
load_in_background() {
	insmod "$MODDIR/$mod.ko" &
	loader=$!
	wait $loader
}
check "insmod succeeds" load_in_background
check "init runs in the context of insmod" \
	eq "init current" "$(klog_value "$name: init: current is (.*)")" "insmod (pid $loader)"

tid=$(klog_value "$name: created thread sample-create \(pid ([0-9]+)\), not running yet")
check "kthread_create() made sample-create" ge "thread pid" "$tid" 1
check "wake_up_process() returns 1: it started the thread" klog_has "$name: wake_up_process\(\) returned 1$"
check "the thread runs as itself and gets the value" \
	eq "thread line" "$(klog_value "$name: thread: (.*)")" "current is sample-create (pid $tid), got value 123"
gone() { [ ! -d "/proc/$tid" ]; }
check "the thread has exited on its own while the module is loaded" \
	wait_until 5 gone
check "no sample-create thread left" no_thread sample-create
check "the module stays loaded" loaded $name
check "rmmod within $PROMPT_MS ms of a long-gone thread" rmmod_ok $name "$PROMPT_MS"
check "kthread_stop() returns the thread's result, 0" klog_has "$name: kthread_stop\(\) returned 0$"

mark "create-wake value=-7"
param_reaches_thread() {
	insmod "$MODDIR/$mod.ko" value=-7 || return 1
	wait_until 5 sh -c "dmesg | sed -n '/ktap-guest: create-wake value=-7/,\$p' | grep -q 'got value -7$'" || return 1
	rmmod $name || return 1
	klog_since "create-wake value=-7" | grep -q "$name: kthread_stop() returned -34$"
}
check "value=-7 reaches the thread, whose -ERANGE comes back from kthread_stop()" param_reaches_thread
check "nothing left loaded" not_loaded $name

bad_values() {
	for v in abc "" 1.5 0x12g; do
		insmod_einval $mod "value=$v" || return 1
	done
	for v in 2147483648 -2147483649 99999999999999999999; do
		insmod_erange $mod "value=$v" || return 1
	done
}
check "value=abc, empty, 1.5, 0x12g are refused with EINVAL; 2^31, -2^31-1, 10^20 with ERANGE" bad_values
check "the refusal says why" klog_has "$name: \`abc' invalid for parameter \`value'$"
