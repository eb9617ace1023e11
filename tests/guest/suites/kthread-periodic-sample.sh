# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-periodic-sample.c
# shellcheck shell=sh
plan 16
mod=kthread-periodic-sample
name=kthread_periodic_sample

mark "periodic 200"
check "insmod period_ms=200 succeeds" insmod_ok $mod period_ms=200
pid=$(klog_value "$name: started thread sample-periodic \(pid ([0-9]+)\), period 200 ms")
check "the thread is started" ge "thread pid" "$pid" 1
check "/proc shows it as sample-periodic" eq "comm" "$(cat "/proc/$pid/comm" 2>/dev/null)" sample-periodic
sleep 2.1
check "it sleeps between ticks" eq "state" \
	"$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)" S

# Tick N must come at start + N * 200 ms: the drift over 10 ticks stays
# within DRIFT_MS (tests/guest/lib.sh), which a loop that sleeps 200 ms
# after its work exceeds (extra/bug-relative-sleep.sh shows it).
check "at least 10 ticks, numbered from 0, without drift" drift $name 200 "periodic 200" 10
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

check "period_ms=9 is refused with EINVAL" insmod_einval $mod period_ms=9
check "the refusal says why" klog_has "$name: period_ms=9 is invalid: it must be from 10 to 60000$"
check "period_ms=60001 is refused with EINVAL" insmod_einval $mod period_ms=60001

bad_values() {
	for v in -1 abc "" 1.5 0x 1000ms; do
		insmod_einval $mod "period_ms=$v" || return 1
	done
	for v in 4294967296 99999999999999999999; do
		insmod_erange $mod "period_ms=$v" || return 1
	done
}
check "period_ms=-1, abc, empty, 1.5, 0x, 1000ms are refused with EINVAL; 2^32, 10^20 with ERANGE" bad_values
