#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every suite in /tests/suites (or those named on the command line) and
# print KTAP: one subtest per suite, then the "kernel" suite that checks
# what all of them left behind, then the clocksource the run ended on.
# The format is KUnit's (Documentation/dev-tools/ktap.rst, lib/kunit/test.c),
# which tools/testing/kunit/kunit.py reads: each suite is a block indented
# four spaces that begins "KTAP version 1", "# Subtest: NAME", then its plan
# (lib.sh's plan), and is followed by its unindented result line.
# KT_TESTS, KT_KMSG: where the tests are and where the markers go
# (tests/host/harness-selftest.sh runs this on the host).
cd "${KT_TESTS:-/tests}" || exit 1
kmsg=${KT_KMSG:-/dev/kmsg}
if [ $# -gt 0 ]; then
	suites=$*
else
	suites=$(for f in suites/*.sh; do basename "$f" .sh; done)
fi
# A run that provokes bugs on purpose (KT_TAINT=any) leaves things behind:
# no "kernel" suite then.
n=0
[ "${KT_TAINT:-0}" = any ] || n=1
for s in $suites; do
	n=$((n + 1))
done
last=$n
[ "${KT_TAINT:-0}" = any ] || last=$((n - 1))
echo "KTAP version 1"
echo "1..$n"
# subtest NAME: the head of a suite's block; the suite's plan follows.
subtest() {
	echo "    KTAP version 1"
	echo "    # Subtest: $1"
}
i=0
for s in $suites; do
	i=$((i + 1))
	echo "ktap-guest: begin $s" >"$kmsg"
	# A sample left out of this build on purpose (scripts/build-oot.sh):
	# its suite is skipped, and the host's judge checks that it was.
	why=$(sed -n "s/^$s //p" /modules/left-out 2>/dev/null)
	if [ -n "$why" ]; then
		echo "ok $i $s # SKIP left out of this build: $why"
		continue
	fi
	# kmemleak's scan sees only what was leaked before it: it runs last.
	if [ "$s" = kmemleak ] && [ "$i" -ne "$last" ]; then
		echo "not ok $i $s # kmemleak must be the last suite of the run"
		continue
	fi
	file=suites/$s.sh
	[ -f "$file" ] || file=extra/$s.sh
	if [ ! -f "$file" ]; then
		echo "not ok $i $s # no such suite"
		continue
	fi
	subtest "$s"
	# shellcheck disable=SC1090  # one of suites/*.sh or extra/*.sh
	if (KT_SUITE=$s; . ./lib.sh; . "./$file"; done_testing); then
		echo "ok $i $s"
	else
		echo "not ok $i $s"
	fi
	echo "ktap-guest: end $s" >"$kmsg"
done
if [ "${KT_TAINT:-0}" != any ]; then
	i=$((i + 1))
	subtest kernel
	if (KT_SUITE=kernel; . ./lib.sh; . ./kernel.sh; done_testing); then
		echo "ok $i kernel"
	else
		echo "not ok $i kernel"
	fi
fi
# The clock of every timestamp and timing bound of the run: the judge fails
# jiffies and refined-jiffies (4 ms steps, no high-resolution timers).
read -r clock </sys/devices/system/clocksource/clocksource0/current_clocksource
echo "# clocksource: ${clock:-unknown}"
