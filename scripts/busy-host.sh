#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run a command on a busy host: N busy processes per CPU (default 2), each
# a shell spinning at the normal priority, for as long as the command runs
# (at most --timeout seconds). How the test command is shown to pass on a
# loaded host, and its controls to fail there still:
#   scripts/busy-host.sh -- scripts/test.sh
# Prints the load average before and after. Exits with the command's status.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0 [--per-cpu N] [--timeout SECONDS] -- COMMAND [ARG]..."; }

per_cpu=2
limit=10800
opts=()
while (($#)) && [[ $1 != -- ]]; do
	opts+=("$1")
	shift
done
(($#)) || usage_error "give the command to run after --"
shift
parse_options --per-cpu=per_cpu:N --timeout=limit:SECONDS -- "${opts[@]}"
[[ $per_cpu =~ ^[1-9][0-9]?$ ]] || usage_error "--per-cpu takes a number from 1 to 99"
[[ $limit =~ ^[1-9][0-9]*$ ]] || usage_error "--timeout must be a positive number of seconds"
(($# > 0)) || usage_error "give the command to run after --"
need nproc timeout

n=$(($(nproc) * per_cpu))
pids=()
# shellcheck disable=SC2317 # the EXIT trap calls it
stop_load() {
	((${#pids[@]} == 0)) || kill "${pids[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap stop_load EXIT
for ((i = 0; i < n; i++)); do
	timeout "$limit" bash -c 'while :; do :; done' &
	pids+=($!)
done
say "$n busy processes ($per_cpu per CPU, $(nproc) CPUs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
timeout "$limit" "$@" || rc=$?
say "the command exited with status $rc; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
