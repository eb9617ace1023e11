#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness's checks fail on the bad inputs that the second harness
# audit found them passing (shared/harness-audit-2026-12-03.md): each case
# feeds a check the input it must fail on (a crafted kernel log, a stand-in
# tool), without booting anything, and requires the failure; most also
# require that the check passes the good input. The guest's helpers run
# under Debian's busybox sh, the guest's shell, with a dmesg that prints
# the crafted log. Prints "ok - ..." / "not ok - ..." a line each; exits 1
# on any failure.
# The patterns and scripts below are for the guest's shell: single quotes
# on purpose.
# shellcheck disable=SC2016
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

usage() { echo "usage: $0"; }
parse_options -- "$@"
BUSYBOX=/bin/busybox
[[ -x $BUSYBOX ]] || die "no $BUSYBOX: install busybox-static (scripts/install-deps.sh)"
need python3 timeout

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
result() { # result OK NAME [DIAG]
	if (($1)); then echo "ok - $2"; else echo "not ok - $2"; failed=1; fi
	[[ -z ${3:-} ]] || while IFS= read -r l; do echo "    # $l"; done <<<"$3"
}

# The guest's lib.sh; what it keeps in /tmp goes to $work (KT_TMP).
cp "$TOP/tests/guest/lib.sh" "$work/lib.sh"
# guest SCRIPT: run SCRIPT (sh) in busybox sh with lib.sh, from a copy of
# tests/guest, dmesg printing $work/dmesg. Prints what it printed.
cp -r "$TOP/tests/guest" "$work/guest"
guest() {
	(cd "$work/guest" && KT_SUITE=${KT_SUITE:-selftest} KT_TMP=$work timeout 60 "$BUSYBOX" sh -c "
		dmesg() { cat '$work/dmesg'; }
		mark() { :; }
		. '$work/lib.sh'
		$1" 2>&1)
}
# The guest's lines with the marker its suite would have.
klog_file() { { echo "[    1.000000] ktap-guest: begin ${KT_SUITE:-selftest}"; cat; } >"$work/dmesg"; }

# 1: kmemleak's scan sees only what came before it: it is the last suite
# of every list in scripts/test.sh, and run.sh refuses it anywhere else.
lists=$(grep -o -- '--suites "[^"]*kmemleak[^"]*"' "$TOP/scripts/test.sh" || true)
bad=$(grep -v 'kmemleak"$' <<<"$lists" || true)
result "$([[ -n $lists && -z $bad ]] && echo 1 || echo 0)" \
	"1: every suite list of scripts/test.sh with kmemleak ends with it" "$bad"
mkdir -p "$work/tests/suites" "$work/tests/extra"
cp "$TOP/tests/guest/run.sh" "$TOP/tests/guest/lib.sh" "$work/tests/"
printf 'plan 1\ncheck "x" true\n' >"$work/tests/extra/kmemleak.sh"
printf 'plan 1\ncheck "y" true\n' >"$work/tests/extra/other.sh"
runsh() { (cd "$work/tests" && KT_TESTS=$work/tests KT_KMSG=/dev/null KT_TAINT=any timeout 60 "$BUSYBOX" sh ./run.sh "$@" 2>&1) || true; }
out=$(runsh kmemleak other)
result "$(grep -q '^not ok 1 kmemleak # kmemleak must be the last suite' <<<"$out" && echo 1 || echo 0)" \
	"1: run.sh refuses kmemleak before another suite" "$out"
out=$(runsh other kmemleak)
result "$(grep -q '^ok 2 kmemleak$' <<<"$out" && echo 1 || echo 0)" "1: run.sh runs kmemleak last" "$out"

# 2: race.sh's "logged no error" counts every error line the sample can
# print: each pr_err() of its source, its format filled in.
name=$(sed -n 's/^name=//p' "$TOP/tests/guest/extra/race.sh")
src=$TOP/samples-kthread/$(tr _ - <<<"$name").c
errs=$(sed -n 's/.*pr_err("\(.*\)\\n".*/\1/p' "$src" | sed -e 's/%pe/-ENOMEM/g' -e 's/%[a-z]*/7/g')
nerr=$(grep -c . <<<"$errs" || true)
while IFS= read -r l; do echo "[    2.000000] $name: $l"; done <<<"$errs" | KT_SUITE=race klog_file
pattern=$(sed -n 's/.*"\$(count "\(.*\)")" 0$/\1/p' "$TOP/tests/guest/extra/race.sh")
out=$(KT_SUITE=race guest "name=$name; count \"$pattern\"")
result "$([[ -n $name && -n $pattern && $nerr -gt 0 && $out == "$nerr" ]] && echo 1 || echo 0)" \
	"2: race.sh's error count sees each of the $nerr error lines of $(basename "$src") (pattern: ${pattern:-none})" \
	"counted $out of:"$'\n'"$errs"

# 3: the grid check fails a loop that falls behind by 0.5 ms a tick (the
# audit's input) over the suite's window, and passes one whose ticks are
# late by up to 3 ms at random without adding up, also when a busy host
# made its last tick 30 ms late. The window is the suite's: its on_grid
# wants MIN logged ticks, every tenth, so (MIN - 1) x 10 ticks.
min=$(sed -n 's/.* on_grid \$name 100 "periodic 100" \([0-9][0-9]*\)$/\1/p' \
	"$TOP/tests/guest/suites/kthread-periodic-sample.sh")
ticks=$(((${min:-1} - 1) * 10))
python3 - "$work" "$ticks" <<'PY'
import random, sys
work, ticks = sys.argv[1], int(sys.argv[2])
random.seed(1)
def log(name, lag_ms, jitter_ms):
    lines, t = ['[    1.000000] ktap-guest: grid'], 10_000_000
    for i in range(0, ticks + 1):
        late = jitter_ms * random.random()
        at = t + i * 100_000 + int((lag_ms * i + late) * 1000)
        if i % 10 == 0:
            lines.append(f'[{at // 1_000_000:5d}.{at % 1_000_000:06d}] {name}: tick {i}, {int(late * 1000)} us late')
    return '\n'.join(lines) + '\n'
open(f'{work}/grid-relative', 'w').write(log('bug_relative_sleep', 0.5, 0.3))
open(f'{work}/grid-absolute', 'w').write(log('kthread_periodic_sample', 0, 3))
# A busy host: the absolute loop's last logged tick 30 ms late, once.
busy = log('kthread_periodic_sample', 0, 3).rstrip('\n').split('\n')
ts, rest = busy[-1][1:].split(']', 1)
at = int(float(ts) * 1_000_000) + 30_000
busy[-1] = f'[{at // 1_000_000:5d}.{at % 1_000_000:06d}]' + rest.replace(rest.split(f'tick {ticks}, ')[1], '30000 us late')
open(f'{work}/grid-busy', 'w').write('\n'.join(busy) + '\n')
PY
for case in relative:bug_relative_sleep:2 absolute:kthread_periodic_sample:0 busy:kthread_periodic_sample:0; do
	IFS=: read -r kind name want <<<"$case"
	cp "$work/grid-$kind" "$work/dmesg"
	out=$(guest "PERIODIC_HELPERS_ONLY=1; . ./suites/kthread-periodic-sample.sh; on_grid $name 100 grid ${min:-1}; echo rc=\$?")
	result "$([[ -n $min ]] && grep -q "^rc=$want\$" <<<"$out" && echo 1 || echo 0)" \
		"3: on_grid returns $want for a $kind loop over the suite's $ticks ticks of 100 ms" "$out"
done

# 4: the isolcpus check counts the preferred thread's lines too.
KT_SUITE=affinity-isolcpus klog_file <<'EOF'
[    2.000000] guide_hp_place: hp-prefer first runs on cpu1
EOF
pattern=$(sed -n 's/.*grep -cE "\(.*\)")" 0$/\1/p' "$TOP/tests/guest/extra/affinity-isolcpus.sh")
out=$(KT_SUITE=affinity-isolcpus guest "name=guide_hp_place; klog | grep -cE \"$pattern\"")
result "$([[ -n $pattern && $out == 1 ]] && echo 1 || echo 0)" \
	"4: affinity-isolcpus.sh counts hp-prefer on the isolated CPU (pattern: ${pattern:-none})" "$out"

# 5: test_judge.py fails when its kunit.py tests cannot run.
if out=$(KUNIT_PY=/nonexistent timeout 120 python3 "$TOP/tests/host/test_judge.py" KunitParseTest 2>&1); then
	result 0 "5: test_judge.py fails when its kunit.py tests are skipped" "$out"
else
	result 1 "5: test_judge.py fails when its kunit.py tests are skipped"
fi

# 6: a fault sweep that never reached a fault point, with one load that
# failed on its own, fails (the audit's stand-in kt-helper).
mkdir -p "$work/bin"
cat >"$work/bin/kt-helper" <<EOF
#!$BUSYBOX sh
n=\$(cat "$work/count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$work/count"
[ "\$n" = 1 ] && echo "injected=0 errno=12 (Cannot allocate memory)" || echo "injected=0 status=0"
EOF
chmod +x "$work/bin/kt-helper"
: >"$work/dmesg"
out=$(PATH=$work/bin:$PATH guest "rmmod() { :; }; loaded() { return 1; }
	fail_each_allocation kthread-periodic-sample && echo passed || echo failed")
result "$(grep -q '^failed$' <<<"$out" && grep -q 'without an injected failure' <<<"$out" && echo 1 || echo 0)" \
	"6: fail_each_allocation fails a sweep whose only failed load had no injected failure" "$out"

# 7: coccicheck must run every script of the tree, or say why it skipped
# one: a stand-in make that ran 50 of 75 and skipped 25 silently fails it.
fake=$work/fake-kernel
mkdir -p "$fake/scripts/coccinelle/x" "$work/fakebin"
for i in $(seq 75); do : >"$fake/scripts/coccinelle/x/s$i.cocci"; done
printf '#!/bin/sh\nexit 0\n' >"$work/fakebin/spatch"
cat >"$work/fakebin/make" <<EOF
#!/bin/sh
case "\$*" in
*COCCI=*) echo './planted.c:5:2-7: WARNING: NULL check before some freeing functions is not needed.' ;;
*) i=1; while [ \$i -le 50 ]; do echo "/usr/bin/spatch -D report --cocci-file $fake/scripts/coccinelle/x/s\$i.cocci"; i=\$((i + 1)); done ;;
esac
EOF
chmod +x "$work/fakebin/spatch" "$work/fakebin/make"
if out=$(PATH=$work/fakebin:$PATH KTHREAD_OUT=$work/out timeout 60 "$TOP/scripts/check-series.sh" --kernel "$fake" coccicheck 2>&1); then
	result 0 "7: the coccicheck step fails a run where 25 of the tree's 75 scripts did not run" "$out"
else
	result "$(grep -q '50 of 75 ran' <<<"$out" && echo 1 || echo 0)" \
		"7: the coccicheck step fails a run where 25 of the tree's 75 scripts did not run" "$out"
fi

# 9: with --cell, the main cell is the x86_64 gcc series cell wherever it
# is named (scripts/test.sh --plan prints the plan and runs nothing).
out=$(timeout 60 "$TOP/scripts/test.sh" --plan --cell debian12-bpo/x86_64/gcc --cell 7.3/x86_64/gcc 2>&1 || true)
result "$(grep -qx 'main cell: 7.3 x86_64 gcc' <<<"$out" && echo 1 || echo 0)" \
	"9: --cell debian12-bpo/x86_64/gcc --cell 7.3/x86_64/gcc keeps 7.3/x86_64/gcc the main cell" "$out"

# 10: a stop is judged against the floor of the same boot (rmmod_ok,
# RMMOD_BOUND: 3x the no-thread floor + its scatter (up to 2x) + 50 ms),
# and the check names state that bound. Stand-ins: insmod does nothing,
# timed reports the floor module's rmmod from FLOORS (five runs; a second
# list for the five of a second measurement) and STOP_US for the module under
# test.
floor_case() { # floor_case STOP_US "FLOORS" ["FLOORS2"]: rmmod_ok's verdict and bound
	rm -f "$work/kt-floor-us" "$work/floor-calls"
	: >"$work/floor.ko"
	guest "FLOOR_KO='$work/floor.ko'
		insmod() { :; }
		timed() {
			STATUS=0 OUTPUT=
			case \"\$*\" in
			*bench_floor_nothread*)
				n=\$(cat '$work/floor-calls' 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >'$work/floor-calls'
				if [ \$n -le 5 ]; then set -- $2; else set -- ${3:-$2}; fi
				i=\$(( (n - 1) % 5 + 1 )); [ \$i -le \$# ] || i=1
				eval ELAPSED_US=\\\${\$i} ;;
			*) ELAPSED_US=$1 ;;
			esac
		}
		if rmmod_ok sample_under_test; then echo verdict=pass; else echo verdict=fail; fi
		echo bound=\$RMMOD_BOUND_US"
}
out=$(floor_case 170000 10000)
result "$(grep -qx 'verdict=fail' <<<"$out" && grep -qx 'bound=80000' <<<"$out" && echo 1 || echo 0)" \
	"10: rmmod_ok fails a stop of 17 floors (170 ms on a steady 10 ms floor: bound 80 ms)" "$out"
out=$(floor_case 30000 10000)
result "$(grep -qx 'verdict=pass' <<<"$out" && echo 1 || echo 0)" \
	"10: rmmod_ok passes a stop of 3 floors (30 ms on a 10 ms floor)" "$out"
out=$(floor_case 160000 10000 40000)
result "$(grep -qx 'verdict=pass' <<<"$out" && grep -qx 'bound=170000' <<<"$out" && echo 1 || echo 0)" \
	"10: a host 4x busier at the stop than at the boot's floor: measured again, 160 ms passes against 3 x 40 + 50" "$out"
out=$(floor_case 160000 10000 12000)
result "$(grep -qx 'verdict=fail' <<<"$out" && echo 1 || echo 0)" \
	"10: ... and a floor measured again no busier does not let 160 ms pass" "$out"
out=$(floor_case 190000 "30000 30000 90000 30000 30000")
result "$(grep -qx 'verdict=pass' <<<"$out" && grep -qx 'bound=200000' <<<"$out" && echo 1 || echo 0)" \
	"10: a floor with one run stalled to 90 ms (median 30): a 190 ms stop passes against 3 x 30 + 60 + 50" "$out"
out=$(floor_case 1000000 "10000 10000 1000000 10000 10000")
result "$(grep -qx 'verdict=fail' <<<"$out" && grep -qx 'bound=100000' <<<"$out" && echo 1 || echo 0)" \
	"10: ... but one run stalled for a second does not let a 1000 ms stop pass: the scatter counts up to 2 floors (3 x 10 + 20 + 50)" "$out"
out=$(floor_case 700000 "40000 50000 165000 40000 30000" "70000 55000 45000 60000 50000")
result "$(grep -qx 'verdict=fail' <<<"$out" && echo 1 || echo 0)" \
	"10: ... and on the busiest floor seen (median 40-55 ms, one run 165 ms) a 700 ms stop, the msleep(1000) control's least, still fails" "$out"
out=$(guest 'timed() { STATUS=0 ELAPSED_US=1000 OUTPUT=; }
	if rmmod_ok x 1000; then echo verdict=pass; else echo verdict=fail; fi')
result "$(grep -qx 'verdict=fail' <<<"$out" && grep -q 'takes a module name and nothing else' <<<"$out" && echo 1 || echo 0)" \
	"10: rmmod_ok refuses a second argument (a bound of the caller's own, which it would not apply)" "$out"
rm -f "$work/kt-floor-us"
out=$(guest 'FLOOR_KO=/nonexistent/bench-floor-nothread.ko; timed() { STATUS=0 ELAPSED_US=1000 OUTPUT=; }
	if rmmod_ok x; then echo verdict=pass; else echo verdict=fail; fi')
result "$(grep -qx 'verdict=fail' <<<"$out" && grep -q 'no floor to judge' <<<"$out" && echo 1 || echo 0)" \
	"10: without the floor module rmmod_ok fails and says why" "$out"
out=$(KT_TIMESCALE=10 guest 'echo "$RMMOD_BOUND"')
result "$([[ $out == "3x the no-thread floor + its scatter (up to 2x) + 500 ms" ]] && echo 1 || echo 0)" \
	"10: on a debug kernel (kt.timescale=10) RMMOD_BOUND states the margin it applies (500 ms)" "$out"
named=$(grep -rnE 'check "[^"]*(within|over) [0-9]+ ?m?s[^"]*" *rmmod_ok|check "[^"]*\$(PROMPT_MS|RMMOD_MS)' \
	"$TOP/tests/guest/suites" "$TOP/tests/guest/extra" || true)
result "$([[ -z $named ]] && echo 1 || echo 0)" "10: no rmmod_ok check is named after a fixed bound instead of RMMOD_BOUND" "$named"
# The host side's step names, and the documents, state the same bound.
bound1=$(guest 'echo "$RMMOD_BOUND"')
stale=$(grep -rnE '[0-9]x the (no-thread )?floor' "$TOP/scripts" "$TOP/tests/README.md" "$TOP/tests/claims.md" |
	grep -vF "$bound1" || true)
result "$([[ -n $bound1 && -z $stale ]] && echo 1 || echo 0)" \
	"10: every step name and document that states the rmmod bound states RMMOD_BOUND ($bound1)" "$stale"


# busy host: a cache lock's waiter raises its holder, scripts/prebuild.sh's
# builds at nice 19 in an autogroup at nice 19, to its own priority (both),
# or on a loaded host a cell waits an hour for a build ahead that barely
# runs (seen: the KCSAN kernel); and once it has the lock, it puts the
# holder's session back, or the builds ahead take the CPUs from the cells
# in front for the rest of the run. "-" where the host has no autogroups.
prio() { echo "$(ps -o ni= -p "$1" | tr -d ' ') $(sed -n 's/.* nice //p' "/proc/$1/autogroup" 2>/dev/null || echo -)"; }
ag0=- ag1=-
[[ ! -r /proc/self/autogroup ]] || ag0=19 ag1=$(nice)
mkdir -p "$work/cache/locks"
setsid bash -c '. "$1/scripts/lib.sh"; CACHE=$2; renice -n 19 -p $$ >/dev/null
	[[ ! -w /proc/$$/autogroup ]] || echo 19 >/proc/$$/autogroup
	(cache_lock held; touch "$2/holding"; sleep 3); sleep 30' _ "$TOP" "$work/cache" >/dev/null 2>&1 &
for _ in $(seq 50); do [[ -e $work/cache/holding ]] && break; sleep 0.1; done
holder=$(cat "$work/cache/locks/held.pid" 2>/dev/null || echo 0)
before=$(prio "$holder")
bash -c '. "$1/scripts/lib.sh"; CACHE=$2; cache_lock held 20' _ "$TOP" "$work/cache" >"$work/waiter" 2>&1 &
waiter=$!
sleep 1
during=$(prio "$holder")
wait "$waiter" || true
after=$(prio "$holder")
kill "$holder" 2>/dev/null || true
diag="holder's nice and its autogroup's: before '$before', waited on '$during', after '$after'"$'\n'$(cat "$work/waiter")
result "$([[ $before == "19 $ag0" && $during == "$(nice) $ag1" ]] && echo 1 || echo 0)" \
	"busy host: a cache lock's waiter raises the holder and its autogroup from nice 19 to its own" "$diag"
result "$([[ $before == "19 $ag0" && $after == "19 $ag0" ]] && echo 1 || echo 0)" \
	"busy host: ... and puts them back to nice 19 once it has the lock" "$diag"


# claims.md cites the checks by their names: every cited name is the name
# of a check in the file it names (a renamed check leaves a claim unbacked).
cited() { # cited TOP: the citations of TOP/tests/claims.md that match no check
	python3 - "$1" <<'PY'
import os, re, sys
top = sys.argv[1]
text = open(f'{top}/tests/claims.md').read()
n, bad = 0, []
for m in re.finditer(r'`((?:suites|extra)/[\w.-]+\.sh): "((?:[^"`]|"(?=[^`]*"`))*)"`', text):
    n += 1
    path = f'{top}/tests/guest/{m.group(1)}'
    if not os.path.exists(path) or f'"{m.group(2)}"' not in open(path).read():
        bad.append(f'{m.group(1)}: "{m.group(2)}"')
print(f'{n} citations, {len(bad)} without their check')
print('\n'.join(bad))
sys.exit(1 if bad or n == 0 else 0)
PY
}
out=$(cited "$TOP" 2>&1) && rc=0 || rc=$?
result "$((rc == 0))" "claims.md: every cited check exists, by name, in the file it names" "$(head -1 <<<"$out")"
mkdir -p "$work/claims/tests"
cp -r "$TOP/tests/guest" "$work/claims/tests/guest"
sed 's/"the grid check fails it: its ticks drift"/"the grid check fails it"/' "$TOP/tests/claims.md" >"$work/claims/tests/claims.md"
out=$(cited "$work/claims" 2>&1) && rc=0 || rc=$?
result "$((rc != 0))" "claims.md: ... and a citation of a renamed check fails that" "$out"
exit "$failed"
