# SPDX-License-Identifier: GPL-2.0
# Every sample loaded and unloaded 25 times in a row, several at once, and
# the per-CPU sample under CPU hotplug. Nothing may fail, be reported or be
# left behind. (25 cycles: the race suite, extra/race.sh, loads and
# unloads the samples with writable parameters 40 more times on the same
# kernel, with writes racing every init and exit.)
# shellcheck shell=sh
plan 16
cycles=25

# params MODULE I: the parameters of cycle I, to exercise each sample.
params() {
	case $1 in
	kthread-create-wake-sample) echo "value=$2" ;;
	kthread-periodic-sample) echo "period_ms=$((10 + $2 % 3))" ;;
	kthread-consumer-sample) echo "produce=$((1 + $2 * 20))" ;;
	kthread-worker-sample) echo "delay_ms=$((1 + $2 % 4))" ;;
	kthread-park-sample) echo "parked=$(($2 % 2))" ;;
	kthread-exit-sample) echo "jobs=$((1 + $2 % 100))" ;;
	kthread-sched-sample) echo "nice=$(($2 % 40 - 20))" ;;
	kthread-affinity-sample) echo "cpu=$(($2 % 2))" ;;
	esac
}

# cycle MODULE N: load and unload N times; every other time at once,
# before its threads ran, else after a short while.
cycle() {
	_mod=$1
	_name=$(echo "$1" | tr - _)
	_i=0
	while [ $_i -lt "$2" ]; do
		# shellcheck disable=SC2046  # params is a list of words
		insmod "$MODDIR/$_mod.ko" $(params "$_mod" $_i) ||
			{ diag "$_mod: insmod failed in cycle $_i"; return 1; }
		[ $((_i % 2)) = 1 ] && sleep 0.02
		rmmod "$_name" || { diag "$_mod: rmmod failed in cycle $_i"; return 1; }
		_i=$((_i + 1))
	done
	not_loaded "$_name"
}

for m in kthread-create-wake-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample \
	kthread-park-sample kthread-percpu-sample kthread-freezable-sample kthread-exit-sample kthread-sched-sample \
	kthread-idle-sample kthread-signal-sample kthread-affinity-sample; do
	check "$m: $cycles load/unload cycles" cycle $m $cycles
done

# Background jobs note their failures in /tmp/stress-failed.
none_failed() {
	[ ! -s /tmp/stress-failed ] && return 0
	diag "failed: $(cat /tmp/stress-failed)"
	return 1
}

concurrent() {
	rm -f /tmp/stress-failed
	for m in kthread-create-wake-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample; do
		(cycle $m 25 || echo "$m" >>/tmp/stress-failed) &
	done
	wait
	none_failed
}
check "4 samples loaded and unloaded concurrently, 25 times each" concurrent

hotplug() {
	rm -f /tmp/stress-failed
	(cycle kthread-percpu-sample 20 || echo percpu >>/tmp/stress-failed) &
	_i=0
	while [ $_i -lt 10 ]; do
		echo 0 >/sys/devices/system/cpu/cpu1/online || echo offline >>/tmp/stress-failed
		echo 1 >/sys/devices/system/cpu/cpu1/online || echo online >>/tmp/stress-failed
		_i=$((_i + 1))
	done
	wait
	none_failed
}
check "CPU 1 offline and online 10 times while kthread-percpu-sample loads and unloads" hotplug

check "no thread and no module left" wait_until 5 leftover
check "both CPUs online" eq "online" "$(cat /sys/devices/system/cpu/online)" 0-1
