# SPDX-License-Identifier: GPL-2.0
# Every sample's threads stopped at every phase of their life: at once
# (most often before they first ran), while sleeping, while busy, with
# work pending, and with their CPU offline. Each stop is prompt and leaves
# nothing behind. The lifetime rules themselves (a thread never woken
# never runs its function; one parked at creation runs it when stopped)
# are shown by the kthread-lifecycle-sample and guide-states suites.
# shellcheck shell=sh
plan 13

# stop_after MODULE SECONDS [PARAM]...: load, wait, unload promptly; nothing
# of it is left. The lifecycle sample's job holds the module until it ends
# (job_ms=1): the rmmod is timed once it has.
stop_after() {
	_mod=$1 _wait=$2
	shift 2
	_name=$(echo "$_mod" | tr - _)
	insmod_ok "$_mod" "$@" || return 1
	[ "$_wait" = 0 ] || sleep "$_wait"
	[ "$_mod" != kthread-lifecycle-sample ] || wait_until 5 no_thread sample-job || return 1
	rmmod_ok "$_name" && not_loaded "$_name" && eq "sample threads" "$(sample_threads)" ""
}

check "kthread-lifecycle-sample: stopped at once" stop_after kthread-lifecycle-sample 0 job_ms=1
check "kthread-lifecycle-sample: stopped while its loop sleeps" stop_after kthread-lifecycle-sample 0.3 job_ms=1
check "kthread-periodic-sample: stopped at once" stop_after kthread-periodic-sample 0
# A 60 s period: a stop that waited out the period would take a minute.
check "kthread-periodic-sample: stopped in mid-period" stop_after kthread-periodic-sample 0.5 period_ms=60000
check "kthread-consumer-sample: stopped at once" stop_after kthread-consumer-sample 0
check "kthread-consumer-sample: stopped while idle" stop_after kthread-consumer-sample 0.3
check "kthread-consumer-sample: stopped at once with 1000 events" stop_after kthread-consumer-sample 0 events=1000
check "kthread-consumer-sample: stopped while busy with 1000 events" stop_after kthread-consumer-sample 0.1 events=1000
check "kthread-worker-sample: stopped at once" stop_after kthread-worker-sample 0
check "kthread-worker-sample: stopped with the delayed work pending" stop_after kthread-worker-sample 0.1 delay_ms=60000

# The worker bound to CPU 1, then CPU 1 taken offline: it runs elsewhere
# (Documentation/core-api/kthread.rst), and stops as promptly.
worker_offline() {
	insmod_ok kthread-worker-sample cpu=1 delay_ms=60000 || return 1
	sleep 0.1
	write_ok 0 /sys/devices/system/cpu/cpu1/online || { rmmod kthread_worker_sample; return 1; }
	rmmod_ok kthread_worker_sample || { write 1 /sys/devices/system/cpu/cpu1/online; return 1; }
	write_ok 1 /sys/devices/system/cpu/cpu1/online && eq "sample threads" "$(sample_threads)" ""
}
check "kthread-worker-sample: stopped with its CPU offline and the delayed work pending" worker_offline
periodic_offline() {
	insmod_ok kthread-periodic-sample period_ms=100 || return 1
	write_ok 0 /sys/devices/system/cpu/cpu1/online || { rmmod kthread_periodic_sample; return 1; }
	sleep 0.3
	rmmod_ok kthread_periodic_sample || { write 1 /sys/devices/system/cpu/cpu1/online; return 1; }
	write_ok 1 /sys/devices/system/cpu/cpu1/online && eq "sample threads" "$(sample_threads)" ""
}
check "kthread-periodic-sample: stopped after CPU 1 went offline under it" periodic_offline
check "no thread and no module left" wait_until 5 leftover
