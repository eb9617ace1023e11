# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-periodic-sample.c
# shellcheck shell=sh

# The sample logs "tick N, L us late" every tenth tick, with
# ": K periods skipped" after a stall. extra/periodic-stall.sh and the
# controls (extra/bug-relative-sleep.sh, extra/bug-periodic-catchup.sh)
# use these helpers: they source this file with PERIODIC_HELPERS_ONLY=1.

# periodic_ticks NAME MARK: the tick lines NAME logged since MARK, as
# "TIME_US INDEX LATE_US SKIPPED" in /tmp/periodic-ticks.
periodic_ticks() {
	klog_since "$2" | sed -n -E "s/^\[ *([0-9]+)\.([0-9]{6})\] $1: tick ([0-9]+), ([0-9]+) us late(: ([0-9]+) periods skipped)?$/\1\2 \3 \4 \6/p" \
		>/tmp/periodic-ticks
}

# on_grid NAME PERIOD_MS MARK MIN: the ticks NAME logged since MARK that
# came less than a period late (all but a run after a stall) are at least
# MIN and numbered upwards, and they keep to the grid of the first: a
# tick's offset is its time less t(first) + (N - first N) x PERIOD_MS, and
# the least offset of the last third of them ((n + 1) / 3, at least one)
# may differ from the least of the first third by DRIFT_MS
# (tests/guest/lib.sh) at most. A busy host only ever makes a tick late, and at random: the least
# of a few offsets is the grid's own. A loop that falls behind by its work
# at every tick is late at every tick, and more so at the end. Returns 1
# for too few or misnumbered ticks, 2 for ticks off the grid.
on_grid() {
	periodic_ticks "$1" "$3"
	awk -v p="$2" -v min="$4" -v bound=$((DRIFT_MS * ${KT_TIMESCALE:-1})) '
		NR > 1 && $2 <= prev { print "    # tick " $2 " logged after tick " prev; bad = 1; exit 1 }
		{ prev = $2 }
		$3 < p * 1000 {
			n++
			if (n == 1) { t0 = $1; i0 = $2 }
			d[n] = ($1 - t0) / 1000 - ($2 - i0) * p
			idx[n] = $2
			a = d[n] < 0 ? -d[n] : d[n]
			if (a >= worst) { worst = a; at = $2 }
		}
		END {
			if (bad) exit 1
			if (n < min) { print "    # only " n " ticks on time, want " min; exit 1 }
			k = int((n + 1) / 3); if (k < 1) k = 1
			for (i = 1; i <= k; i++) {
				if (i == 1 || d[i] < first) first = d[i]
				if (i == 1 || d[n - k + i] < last) last = d[n - k + i]
			}
			drift = last - first
			printf "    # %d ticks on time, %d to %d: the least offset of the last %d less the least of the first %d is %.3f ms (bound %d ms); the worst single offset %.3f ms (tick %d)\n", n, i0, idx[n], k, k, drift, bound, worst, at
			if (drift < -bound || drift > bound) exit 2
		}' /tmp/periodic-ticks
}

# late_runs NAME PERIOD_MS MARK: the runs NAME logged since MARK that came
# a period late or more: there is one at least, and no two of them less
# than half a period apart. Sets LATE_RUNS to their number and
# BACK_TO_BACK to the number of those that came less than half a period
# after the one before. (A loop that skips missed periods can run late
# again, after a new stall, but only at the next point of its grid.)
late_runs() {
	periodic_ticks "$1" "$3"
	_lr=$(awk -v p="$2" '$3 >= p * 1000 {
			n++
			if (n > 1 && $1 - t < p * 500) b++
			t = $1
		} END { print n + 0, b + 0 }' /tmp/periodic-ticks)
	LATE_RUNS=${_lr% *} BACK_TO_BACK=${_lr#* }
	diag "$LATE_RUNS runs a period late or more, $BACK_TO_BACK of them back to back"
	ge "runs a period late or more" "$LATE_RUNS" 1 && eq "runs back to back" "$BACK_TO_BACK" 0
}

# stall MS: every CPU stalled for MS ms (tests/modules/stall.c).
stall() {
	if [ ! -f "$MODDIR/test/stall.ko" ]; then
		diag "no $MODDIR/test/stall.ko: this suite needs boot-test.sh --test-modules"
		return 1
	fi
	insmod "$MODDIR/test/stall.ko" "ms=$1" && rmmod stall
}

[ "${PERIODIC_HELPERS_ONLY:-0}" = 1 ] && return 0

plan 16
mod=kthread-periodic-sample
name=kthread_periodic_sample

mark "periodic 100"
check "insmod period_ms=100 succeeds" insmod_ok $mod period_ms=100
pid=$(pid_of sample-periodic)
check "the thread sample-periodic exists and says so" \
	klog_has "$name: thread sample-periodic \(pid ${pid:-none}\) started, period 100 ms$"
check "between ticks it sleeps in TASK_IDLE (I)" wait_until 1 state_is "$pid" I
sleep 10.5
# A loop that sleeps a period after its work fails this
# (extra/bug-relative-sleep.sh): over 100 ticks one that falls behind by
# 0.3 ms a tick does.
check "ticks 0 to 100 on the grid, drift under $((DRIFT_MS * ${KT_TIMESCALE:-1})) ms" on_grid $name 100 "periodic 100" 11

# What it does after a stall: extra/periodic-stall.sh (it needs the
# test-only stall module, booted with the main cell's controls).
check "rmmod within $RMMOD_BOUND" rmmod_ok $name
gone() { [ ! -d "/proc/$pid" ] && klog_has "$name: stopped$"; }
check "the thread is gone, and said it stopped" gone

# A long period: the wait in TASK_IDLE is neither load nor a hung task
# (extra/bug-idle-uninterruptible.sh fails the same checks), and rmmod in
# mid-period is prompt.
check "insmod period_ms=60000 succeeds" insmod_ok $mod period_ms=60000
pid=$(pid_of sample-periodic)
check "it ran tick 0 and sleeps in TASK_IDLE (I)" wait_until 1 state_is "$pid" I
long_wait "$pid" 16
check "the hung-task detector at $HUNG_TASK_S s does not report it in 16 s" not_reported
check "the load average does not count it" not_counted
check "rmmod 17 s into a 60 s period within $RMMOD_BOUND" rmmod_ok $name
check "no sample-periodic thread left" no_thread sample-periodic

check "period_ms=99 is refused with EINVAL" insmod_einval $mod period_ms=99
check "the refusal says why" klog_has "$name: period_ms=99 is invalid: it must be from 100 to 3600000$"
check "period_ms=3600001 is refused with EINVAL" insmod_einval $mod period_ms=3600001
check "period_ms=abc is refused with EINVAL" insmod_einval $mod period_ms=abc
