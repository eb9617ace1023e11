# SPDX-License-Identifier: GPL-2.0
# Every sample's threads stopped at every phase of their life: at once
# (most often before they first ran), while sleeping, while parked (parked
# at creation and never woken, parked after running, parked by CPU
# hotplug) and while busy. Each stop is prompt and leaves nothing behind.
# The lifetime rules themselves are shown by the kthread-exit-sample suite (never
# woken nor parked: the function never runs) and the kthread-park-sample suite
# (parked at creation: the function runs when stopped).
# shellcheck shell=sh
plan 30

# stop_after MODULE SECONDS [PARAM]...: load, wait, unload promptly; nothing
# of it is left.
stop_after() {
	_mod=$1 _wait=$2
	shift 2
	_name=$(echo "$_mod" | tr - _)
	insmod_ok "$_mod" "$@" || return 1
	[ "$_wait" = 0 ] || sleep "$_wait"
	rmmod_ok "$_name" "$PROMPT_MS" && not_loaded "$_name" && eq "sample threads" "$(sample_threads)" ""
}

for m in kthread-create-wake-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample \
	kthread-park-sample kthread-percpu-sample kthread-freezable-sample kthread-exit-sample kthread-sched-sample \
	kthread-idle-sample kthread-signal-sample kthread-affinity-sample; do
	check "$m: stopped at once" stop_after $m 0
	check "$m: stopped while its threads sleep" stop_after $m 0.3
done

check "kthread-park-sample: stopped parked at creation, never woken" stop_after kthread-park-sample 0.3 parked=1
parked_later() {
	insmod_ok kthread-park-sample || return 1
	sleep 0.3
	write_ok 1 /sys/module/kthread_park_sample/parameters/parked || return 1
	rmmod_ok kthread_park_sample "$PROMPT_MS" && eq "sample threads" "$(sample_threads)" ""
}
check "kthread-park-sample: stopped parked after running" parked_later
offline_parked() {
	insmod_ok kthread-percpu-sample || return 1
	write_ok 0 /sys/devices/system/cpu/cpu1/online || return 1
	rmmod_ok kthread_percpu_sample "$PROMPT_MS" || { write 1 /sys/devices/system/cpu/cpu1/online; return 1; }
	write_ok 1 /sys/devices/system/cpu/cpu1/online && eq "sample threads" "$(sample_threads)" ""
}
check "kthread-percpu-sample: stopped with one thread parked by CPU hotplug" offline_parked
check "kthread-consumer-sample: stopped while busy with 1000 events" stop_after kthread-consumer-sample 0.3 produce=1000
affinity_offline() {
	insmod_ok kthread-affinity-sample cpu=1 || return 1
	sleep 0.3
	write_ok 0 /sys/devices/system/cpu/cpu1/online || return 1
	rmmod_ok kthread_affinity_sample "$PROMPT_MS" || { write 1 /sys/devices/system/cpu/cpu1/online; return 1; }
	write_ok 1 /sys/devices/system/cpu/cpu1/online && eq "sample threads" "$(sample_threads)" ""
}
check "kthread-affinity-sample: stopped with its CPU offline (bound thread already stopped, preferred one moved)" affinity_offline
check "kthread-worker-sample: stopped with the delayed work pending" stop_after kthread-worker-sample 0.1 delay_ms=60000
