# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-periodic.c
# shellcheck shell=sh
plan 16
mod=kthread-periodic
name=kthread_periodic

# Ticks since the marker, as "microseconds index" lines.
ticks_since() {
	klog_since "$1" | sed -n -E \
		"s/^\[ *([0-9]+)\.([0-9]{6})\] $name: index ([0-9]+)$/\1\2 \3/p"
}

mark "periodic 200"
check "insmod period_ms=200 succeeds" insmod_ok $mod period_ms=200
pid=$(klog_value "$name: started thread sample-periodic \(pid ([0-9]+)\), period 200 ms")
check "the thread is started" ge "thread pid" "$pid" 1
check "/proc shows it as sample-periodic" eq "comm" "$(cat "/proc/$pid/comm" 2>/dev/null)" sample-periodic
sleep 1.1
check "it sleeps between ticks" eq "state" \
	"$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)" S

# Tick N must come at start + N * 200 ms: check the mean period and that
# no single interval is far off (generous bounds: TCG is slow and noisy).
ticks_ok() {
	ticks_since "periodic 200" >/tmp/ticks
	awk '
		{ t[NR] = $1; idx[NR] = $2 }
		END {
			if (NR < 4) { print "    # only " NR " ticks"; exit 1 }
			for (i = 1; i <= NR; i++)
				if (idx[i] != i - 1) { print "    # tick " i " has index " idx[i]; exit 1 }
			bad = 0
			for (i = 2; i <= NR; i++) {
				d = (t[i] - t[i - 1]) / 1000
				if (d < 150 || d > 300) { print "    # interval " i - 1 ": " d " ms"; bad = 1 }
			}
			mean = (t[NR] - t[1]) / (NR - 1) / 1000
			printf "    # %d ticks, mean period %.3f ms\n", NR, mean
			if (mean < 190 || mean > 215) bad = 1
			exit bad
		}' /tmp/ticks
}
check "at least 4 ticks, 200 ms apart, numbered from 0" ticks_ok
check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
check "the thread logs that it stopped" klog_has "$name: stopped$"
gone() { [ ! -d "/proc/$pid" ]; }
check "the thread is gone" gone
check "no sample-periodic thread left" no_thread sample-periodic

# With the default period of one second, unload in the middle of a sleep:
# the stop must not wait for the rest of the period.
mark "periodic default"
check "insmod with the default period succeeds" insmod_ok $mod
check "the default period is 1000 ms" \
	klog_has "$name: started thread sample-periodic \(pid [0-9]+\), period 1000 ms$"
sleep 1.5
check "rmmod in mid-period within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"

check "period_ms=0 is refused with EINVAL" insmod_einval $mod period_ms=0
check "the refusal says why" klog_has "$name: period_ms=0 is invalid: it must be a number from 1 to 60000$"
check "period_ms=60001 is refused with EINVAL" insmod_einval $mod period_ms=60001

bad_values() {
	for v in -1 abc 4294967296 99999999999999999999 "" 1.5 0x 1000ms; do
		insmod_einval $mod "period_ms=$v" || return 1
	done
}
check "period_ms=-1, abc, 2^32, 10^20, empty, 1.5, 0x, 1000ms are refused with EINVAL" bad_values
