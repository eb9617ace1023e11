#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run every test: the harness's own tests, the series (up to date,
# deterministic, applies to every supported kernel), checkpatch, the kernel
# build with W=1 and sparse after each patch, and the boot test.
# Ends with "N passed, N failed"; exits 1 when anything failed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--kernel DIR]
  --kernel DIR  test the series on your own kernel git tree (clean, at the
                base you want) instead of Debian's 7.3; the series is applied
                with git am onto it, and the other versions are not tried
USAGE
}

own=
while (($#)); do
	case $1 in
	--kernel) (($# > 1)) || usage_error "--kernel needs a directory"; own=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done

passed=0
failed=0
start=$SECONDS
logs=$OUT/logs
rm -rf "$logs"
mkdir -p "$logs"

# step NAME CMD...: run a step; count the "ok - "/"not ok - " lines it
# prints, or its exit status when it prints none. Returns its status.
step() {
	local name=$1 log rc=0 ok nok
	shift
	log=$logs/$(tr -c 'a-zA-Z0-9.\n-' _ <<<"$name").log
	say "$name"
	"$@" >"$log" 2> >(tee -a "$log.err" >&2) || rc=$?
	grep -E '^(not )?ok - ' "$log" || true
	ok=$(grep -c '^ok - ' "$log" || true)
	nok=$(grep -c '^not ok - ' "$log" || true)
	if ((ok + nok == 0)); then
		if ((rc == 0)); then ok=1; echo "ok - $name"; else nok=1; echo "not ok - $name"; fi
	elif ((rc != 0 && nok == 0)); then
		nok=1
		echo "not ok - $name (exit status $rc)"
	fi
	passed=$((passed + ok))
	failed=$((failed + nok))
	if ((nok)) && [[ -s $log.err ]]; then
		tail -n 5 "$log.err" | sed 's/^/    # /'
	fi
	return "$rc"
}
# skip NAME WHY: a step that cannot run counts as failed.
skip() {
	echo "not ok - $1 (not run: $2)"
	failed=$((failed + 1))
}

step "install the packages the tests need" "$TOP/scripts/install-deps.sh" || true
step "the judge fails what is broken (tests/host/test_judge.py)" \
	python3 "$TOP/tests/host/test_judge.py" || true
shellcheck_all() {
	shellcheck "$TOP"/scripts/*.sh "$TOP"/.ci/run &&
		shellcheck -s sh "$TOP"/tests/guest/init "$TOP"/tests/guest/*.sh "$TOP"/tests/guest/suites/*.sh \
			"$TOP"/tests/guest/extra/*.sh
}
step "shellcheck of every script" shellcheck_all || true

step "patches/ is up to date with samples-kthread/ and Kconfig.patch" \
	"$TOP/scripts/gen-series.sh" --check || true
deterministic() {
	local a b
	a=$(mktemp -d) b=$(mktemp -d)
	"$TOP/scripts/gen-series.sh" --out "$a" &&
		"$TOP/scripts/gen-series.sh" --out "$b" --signoff &&
		"$TOP/scripts/gen-series.sh" --out "$b" &&
		diff -r "$a" "$b"
	local rc=$?
	rm -rf "$a" "$b"
	return $rc
}
step "the series generator is deterministic" deterministic || true

# The suites of tests/guest/suites, comma-separated.
all_suites() {
	find "$TOP/tests/guest/suites" -name '*.sh' -printf '%f\n' | sed 's/\.sh$//' | sort | paste -sd, -
}

# debug_tests TREE BUILD: the debug kernel, stress and fault injection, and
# the deliberate bugs that the harness must catch.
debug_tests() {
	local tree=$1 build=$2 debug testmods dtestmods
	debug=$build-debug
	if ! testmods=$("$TOP/scripts/build-test-modules.sh" --build "$build"); then
		skip "the harness catches the classic mistakes" "tests/modules did not build"
	else
		step "the 100 ms rmmod bound catches an msleep() stop loop" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-msleep-stop --taint 4096 --name bug-msleep-stop || true
		step "a kthread_create_on_cpu() thread parked by hotplug callbacks loses its CPU (why kthread-percpu uses smpboot)" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-percpu-unbound --taint 4096 --name bug-percpu-unbound || true
		step "the kernel catches sleeping in atomic context" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-atomic-sleep --taint any --name bug-atomic-sleep \
			--expect-report 'sleeping function called from invalid context|scheduling while atomic' || true
	fi
	if ! step "the debug kernel (tests/configs/debug.config) builds with W=1 and no warning" \
		"$TOP/scripts/build-kernel.sh" --kernel "$tree" --build "$debug" \
		--config "$TOP/tests/configs/debug.config"; then
		skip "debug boot test" "the debug kernel did not build"
		return
	fi
	step "debug kernel: every suite, stress, kmemleak" \
		"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --timeout 2400 \
		--suites "$(all_suites),stress,kmemleak" --append kt.timescale=10 \
		--name boot-x86_64-debug || true
	if ! dtestmods=$("$TOP/scripts/build-test-modules.sh" --build "$debug"); then
		skip "the debug kernel catches the classic mistakes" "tests/modules did not build"
		return
	fi
	step "KASAN catches kthread_stop() on a thread that already exited" \
		"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --test-modules "$dtestmods" \
		--suites bug-stop-exited --taint any --name bug-stop-exited \
		--expect-report 'KASAN|Oops|general protection' || true
	step "kmemleak catches a leak" \
		"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --test-modules "$dtestmods" \
		--suites bug-leak --taint any --name bug-leak \
		--expect-report 'kmemleak: .*new suspected memory leak' || true
}

tree=
if [[ -n $own ]]; then
	step "git am onto $own" "$TOP/scripts/apply-series.sh" --kernel "$own" && tree=$own
else
	for v in "${KERNEL_VERSIONS[@]}"; do
		if step "plain git am onto Debian's linux-$v" "$TOP/scripts/apply-series.sh" "$v" &&
			[[ $v == 7.3 ]]; then
			tree=$CACHE/work/linux-$v
		fi
	done
fi

if [[ -z $tree ]]; then
	skip "checkpatch" "the series did not apply"
	skip "kernel build" "the series did not apply"
	skip "boot test" "the series did not apply"
else
	step "checkpatch --strict --codespell" \
		"$TOP/scripts/check-series.sh" --kernel "$tree" checkpatch || true
	build=$CACHE/build/$(basename "$tree")-x86_64
	if step "tinyconfig + tests/configs/base.config builds with W=1 and no warning" \
		"$TOP/scripts/build-kernel.sh" --kernel "$tree" --build "$build"; then
		step "each patch builds alone, W=1 and sparse clean" \
			"$TOP/scripts/check-series.sh" --kernel "$tree" --build "$build" bisect || true
		step "boot test (x86_64, TCG): every suite, fault injection, kmemleak" \
			"$TOP/scripts/boot-test.sh" --build "$build" --timeout 1200 \
			--suites "$(all_suites),faults,kmemleak" || true
		debug_tests "$tree" "$build"
	else
		skip "bisect" "the kernel did not build"
		skip "boot test" "the kernel did not build"
	fi
fi

say "tests took $(elapsed "$start")"
echo "$passed passed, $failed failed"
((failed == 0))
