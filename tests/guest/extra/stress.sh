# SPDX-License-Identifier: GPL-2.0
# Every sample loaded and unloaded 25 times in a row, all four at once, and
# under CPU hotplug. Nothing may fail, be reported or be left behind. (The
# race suite, extra/race.sh, loads and unloads the consumer 40 more times
# on the same kernel, with writes racing every init and exit.)
# shellcheck shell=sh
plan 8
cycles=25

# params MODULE I: the parameters of cycle I, to exercise each sample.
params() {
	case $1 in
	kthread-lifecycle-sample) echo "job_ms=1" ;;
	kthread-periodic-sample) echo "period_ms=$((100 + $2 % 3))" ;;
	kthread-consumer-sample) echo "events=$(($2 * 40))" ;;
	kthread-worker-sample) echo "delay_ms=$((1 + $2 % 4)) cpu=$(($2 % 2))" ;;
	esac
}

# cycle MODULE N: load and unload N times; every other time at once,
# before its threads ran, else after a short while. (The lifecycle
# sample's job holds the module until it ends: rmmod_wait.)
cycle() {
	_mod=$1
	_name=$(echo "$1" | tr - _)
	_i=0
	while [ $_i -lt "$2" ]; do
		# shellcheck disable=SC2046  # params is a list of words
		insmod "$MODDIR/$_mod.ko" $(params "$_mod" $_i) ||
			{ diag "$_mod: insmod failed in cycle $_i"; return 1; }
		[ $((_i % 2)) = 1 ] && sleep 0.02
		rmmod_wait "$_name" || { diag "$_mod: rmmod failed in cycle $_i"; return 1; }
		_i=$((_i + 1))
	done
	not_loaded "$_name"
}

samples="kthread-lifecycle-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample"
for m in $samples; do
	check "$m: $cycles load/unload cycles" cycle "$m" $cycles
done

# Background jobs note their failures in /tmp/stress-failed.
none_failed() {
	[ ! -s /tmp/stress-failed ] && return 0
	diag "failed: $(cat /tmp/stress-failed)"
	return 1
}

concurrent() {
	rm -f /tmp/stress-failed
	for m in $samples; do
		(cycle "$m" 25 || echo "$m" >>/tmp/stress-failed) &
	done
	wait
	none_failed
}
check "4 samples loaded and unloaded concurrently, 25 times each" concurrent

# CPU 1 goes offline and online while the samples load and unload; the
# worker's cpu= is refused while CPU 1 is offline, which is not a failure.
hotplug() {
	rm -f /tmp/stress-failed
	(cycle kthread-periodic-sample 20 || echo periodic >>/tmp/stress-failed) &
	(cycle kthread-consumer-sample 20 || echo consumer >>/tmp/stress-failed) &
	(
		_i=0
		while [ $_i -lt 20 ]; do
			if insmod "$MODDIR/kthread-worker-sample.ko" cpu=$((_i % 2)) delay_ms=1 2>/dev/null; then
				rmmod kthread_worker_sample || echo worker >>/tmp/stress-failed
			fi
			_i=$((_i + 1))
		done
	) &
	_i=0
	while [ $_i -lt 10 ]; do
		echo 0 >/sys/devices/system/cpu/cpu1/online || echo offline >>/tmp/stress-failed
		echo 1 >/sys/devices/system/cpu/cpu1/online || echo online >>/tmp/stress-failed
		_i=$((_i + 1))
	done
	wait
	none_failed
}
check "CPU 1 offline and online 10 times while the samples load and unload" hotplug

check "no thread and no module left" wait_until 5 leftover
check "both CPUs online" eq "online" "$(cat /sys/devices/system/cpu/online)" 0-1
