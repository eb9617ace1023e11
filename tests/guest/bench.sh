#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The benchmark's guest side (kt.mode=bench): for kthread-periodic-sample and the
# tutorial's msleep() loop (tests/modules/bug-msleep-stop), measure tick
# accuracy and the cost of an idle tick, then stop latency over many runs
# stopped at random points of the period. Prints raw lines that
# tests/host/bench.py turns into a table.
# shellcheck disable=SC1091  # the guest's copy of tests/guest/lib.sh
. /tests/lib.sh
runs=${KT_BENCH_RUNS:-20}
ticks=${KT_BENCH_TICKS:-30}
tracing=/sys/kernel/tracing
mount -t tracefs tracefs $tracing 2>/dev/null
for e in sched_kthread_stop sched_kthread_stop_ret; do
	echo 1 >"$tracing/events/sched/$e/enable" || echo "error: no trace event $e"
done

bench() {
	label=$1 ko=$2 name=$3 comm=$4
	echo "ktap-guest: bench $label ticks" >/dev/kmsg
	insmod "/modules/$ko.ko" || { echo "error: insmod $ko"; return; }
	pid=$(pid_of "$comm")
	ctx0=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$pid/status")
	sleep $((ticks + 1)).5
	ctx1=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$pid/status")
	rmmod "$name"
	echo "$label ctxt $ctx0 $ctx1"
	dmesg | sed -n "/ktap-guest: bench $label ticks\$/,\$p" |
		sed -n -E "s/^\[ *([0-9]+)\.([0-9]{6})\] $name: index ([0-9]+)$/$label tick \3 \1\2/p"

	i=0
	while [ $i -lt "$runs" ]; do
		insmod "/modules/$ko.ko" || { echo "error: insmod $ko"; return; }
		# A random point of the period, after the first tick.
		# shellcheck disable=SC3028  # busybox ash has RANDOM
		usleep $((1000000 + RANDOM % 1000 * 1000))
		echo >"$tracing/trace"
		timed rmmod "$name"
		echo "$label rmmod_us $ELAPSED_US"
		grep -E 'sched_kthread_stop(_ret)?:' "$tracing/trace" |
			sed -n -E "s/.* ([0-9]+)\.([0-9]{6}): (sched_kthread_stop(_ret)?):.*/$label \3 \1\2/p"
		i=$((i + 1))
	done
}

bench periodic kthread-periodic-sample kthread_periodic_sample sample-periodic
bench zeroslack test/bench-zero-slack bench_zero_slack bench-zero-slack
bench msleep test/bug-msleep-stop bug_msleep_stop bug-msleep-stop
echo "bench done"
