#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The benchmark's guest side (kt.mode=bench). Tick accuracy and the cost of
# an idle tick for kthread-periodic-sample, the same loop without slack and
# the tutorial's msleep() loop; then, for every looping sample and for two
# floors (a thread that only sleeps in schedule(), a module with no
# thread), stop latency over many runs stopped at random points. Prints raw
# lines that tests/host/bench.py turns into tables; first the guest clock,
# whose resolution bounds every figure.
# shellcheck disable=SC1091  # the guest's copy of tests/guest/lib.sh
. /tests/lib.sh
runs=${KT_BENCH_RUNS:-20}
ticks=${KT_BENCH_TICKS:-30}
tracing=/sys/kernel/tracing
mount -t tracefs tracefs $tracing 2>/dev/null
for e in sched_kthread_stop sched_kthread_stop_ret; do
	echo 1 >"$tracing/events/sched/$e/enable" || echo "error: no trace event $e"
done
echo "clock source $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
echo "clock res_ns $(kt-helper res)"
echo "clock trace $(sed -n 's/.*\[\(.*\)\].*/\1/p' $tracing/trace_clock)"

# tick_runs LABEL KO NAME COMM: tick times and voluntary context switches.
tick_runs() {
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
		sed -n -E "s/^\[ *([0-9]+)\.([0-9]{6})\] $name: (index|tick) ([0-9]+)(, [0-9]+ us late.*)?$/$label tick \4 \1\2/p"
}

# stop_runs LABEL KO NAME: $runs loads, each unloaded at a random point 1-2 s
# after it: the whole rmmod, and kthread_stop() from the trace events.
stop_runs() {
	label=$1 ko=$2 name=$3
	i=0
	while [ $i -lt "$runs" ]; do
		insmod "/modules/$ko.ko" || { echo "error: insmod $ko"; return; }
		# shellcheck disable=SC3028  # busybox ash has RANDOM
		usleep $((1000000 + RANDOM % 1000 * 1000))
		echo >"$tracing/trace"
		timed rmmod "$name"
		[ "$STATUS" = 0 ] || echo "error: rmmod $name: $OUTPUT"
		echo "$label run"
		echo "$label rmmod_us $ELAPSED_US"
		grep -E 'sched_kthread_stop(_ret)?:' "$tracing/trace" |
			sed -n -E "s/.* ([0-9]+)\.([0-9]{6}): (sched_kthread_stop(_ret)?):.*/$label \3 \1\2/p"
		i=$((i + 1))
	done
}

tick_runs periodic kthread-periodic-sample kthread_periodic_sample sample-periodic
tick_runs zeroslack test/bench-zero-slack bench_zero_slack bench-zero-slack
tick_runs msleep test/bug-msleep-stop bug_msleep_stop bug-msleep-stop
stop_runs nothread test/bench-floor-nothread bench_floor_nothread
stop_runs floor test/bench-floor-thread bench_floor_thread
for s in periodic consumer worker; do
	stop_runs "$s" "kthread-$s-sample" "kthread_${s}_sample"
done
stop_runs zeroslack test/bench-zero-slack bench_zero_slack
stop_runs msleep test/bug-msleep-stop bug_msleep_stop
echo "bench done"
