#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark (not a test: it prints figures, it does not judge them).
# In one boot of the 7.3 test kernel: the stop latency of every looping
# sample (kthread_stop() and rmmod, median and worst at random points)
# against two floors measured in the same boot, a thread that only sleeps
# in schedule() and a module with no thread, as ratios; kthread-periodic-
# sample against itself without timer slack and against the classic
# tutorial's msleep(1000) loop: tick accuracy (mean period, drift, jitter)
# and the idle cost (context switches per tick). It prints the guest's
# clock and refuses a guest without high-resolution timers. Then the build
# and boot times of the normal and debug kernels.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--runs N] [--ticks N] [--cold-builds]
  --runs N       stop-latency runs per module (default 20, at least 20)
  --ticks N      tick periods measured per module (default 30, at least 30)
  --cold-builds  also time both kernels built from scratch (about 10 min)
USAGE
}

runs=20
ticks=30
cold=0
parse_options --runs=runs:N --ticks=ticks:N --cold-builds!cold=1 -- "$@"
if ! [[ $runs =~ ^[0-9]{1,4}$ ]] || ((runs < 20)); then
	usage_error "--runs must be a number of at least 20"
fi
if ! [[ $ticks =~ ^[0-9]{1,4}$ ]] || ((ticks < 30)); then
	usage_error "--ticks must be a number of at least 30"
fi

"$TOP/scripts/install-deps.sh"
tree=$("$TOP/scripts/apply-series.sh" 7.3)
normal=$CACHE/build/linux-7.3-x86_64
debug=$CACHE/build/linux-7.3-x86_64-debug
if ((cold)); then
	normal=$CACHE/build/bench-cold-x86_64
	debug=$CACHE/build/bench-cold-x86_64-debug
	rm -rf "$normal" "$debug"
fi
"$TOP/scripts/build-kernel.sh" --kernel "$tree" --build "$normal" >/dev/null
"$TOP/scripts/build-kernel.sh" --kernel "$tree" --build "$debug" \
	--config "$TOP/tests/configs/debug.config" >/dev/null
testmods=$("$TOP/scripts/build-test-modules.sh" --build "$normal")

# 3 tick rows of ticks + 2 s, 10 stop rows of runs x about 2.5 s.
limit=$((3 * (3 * (ticks + 3) + 10 * runs * 3) + 300))
say "benchmark boot: $runs stop runs for each of 10 modules, $ticks ticks for 3 (about $(((3 * (ticks + 2) + 25 * runs) / 60 + 1)) min)"
"$TOP/scripts/boot-test.sh" --build "$normal" --bench --test-modules "$testmods" \
	--taint 4096 --timeout "$limit" --name bench --append "kt.runs=$runs kt.ticks=$ticks" >/dev/null
"$TOP/scripts/boot-test.sh" --build "$normal" --suites kthread-lifecycle-sample \
	--name bench-normal-boot >/dev/null
"$TOP/scripts/boot-test.sh" --build "$debug" --suites kthread-lifecycle-sample \
	--append kt.timescale=10 --name bench-debug-boot >/dev/null

machine="$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), QEMU TCG -smp 2"
echo "Benchmark: scripts/benchmark.sh --runs $runs --ticks $ticks"
echo "Machine: $machine; guest kernel: Linux $(tree_version "$tree") x86_64, the test kernel (tinyconfig + tests/configs/base.config + faults.config)"
echo
python3 "$TOP/tests/host/bench.py" "$OUT/bench/ktap.log"
echo
# boot_line NAME: time from QEMU start to /init and in all.
boot_line() {
	local res=$OUT/$1 init
	init=$(sed -n -E 's/^\[ *([0-9]+\.[0-9]+)\] Run \/init as init process.*/\1/p' "$res/console.log" | head -n 1)
	printf '%s s to /init (kernel clock), %s s for the whole run' "${init:-?}" "$(cat "$res/seconds")"
}
echo "| kernel | build | boot |"
echo "|---|---|---|"
unknown="not built from scratch here yet (--cold-builds)"
printf '| test kernel | %s | %s |\n' \
	"$(cat "$normal/.kthread-build-time" 2>/dev/null || echo "$unknown")" "$(boot_line bench-normal-boot)"
printf '| debug kernel (+ debug.config: KASAN, lockdep, kmemleak...) | %s | %s |\n' \
	"$(cat "$debug/.kthread-build-time" 2>/dev/null || echo "$unknown")" "$(boot_line bench-debug-boot)"
