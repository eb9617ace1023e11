#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run every test: the harness's own tests, the series (up to date,
# deterministic), then the matrix of tests/matrix.txt (kernel tree x
# architecture x compiler): the series applies, the kernel and the samples
# build with W=1 and no warning, the static checks (checkpatch, sparse,
# modpost), and the guest tests in QEMU. Prints the matrix as a table.
# Ends with "N passed, N failed"; exits 1 when anything failed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--quick | --cell TREE/ARCH/CC... | --kernel DIR] [--plan]
  (none)          the whole matrix of tests/matrix.txt (what CI runs)
  --quick         its first cell only: Debian's 7.3, x86_64, gcc
  --cell T/A/C    only this cell of tests/matrix.txt, e.g. 7.3/arm64/gcc
                  (may be given more than once)
  --kernel DIR    test the series on your own kernel git tree (clean, at the
                  base you want) instead, x86_64 and gcc; the series is
                  applied with git am onto it
  --plan          print the cells and which is the main one; run nothing
USAGE
}

own=
quick=0
plan=0
wanted=()
parse_options --kernel=own:DIR --quick!quick=1 '--cell=wanted[]:TREE/ARCH/CC' --plan!plan=1 -- "$@"
for w in "${wanted[@]}"; do
	[[ $w =~ ^[a-z0-9.-]+/[a-z0-9_]+/[a-z0-9]+$ ]] || usage_error "--cell takes TREE/ARCH/CC, e.g. 7.3/arm64/gcc"
done
(((quick > 0) + (${#wanted[@]} > 0) + (${#own} > 0) <= 1)) ||
	usage_error "give at most one of --quick, --cell and --kernel"

# check_cell TREE ARCH CC HOW: a line of tests/matrix.txt names what exists.
check_cell() {
	(load_arch "$2") || die "tests/matrix.txt: no tests/arch/$2.conf"
	(load_cc "$3") || die "tests/matrix.txt: no tests/cc/$3.conf"
	case $4 in
	series | oot) valid_version "$1" || die "tests/matrix.txt: unsupported kernel version $1" ;;
	distro) (load_distro "$1") || die "tests/matrix.txt: no tests/distro/$1.conf" ;;
	*) die "tests/matrix.txt: unknown way '$4'" ;;
	esac
}

# The cells to run: "TREE ARCH CC HOW".
cells=()
if [[ -n $own ]]; then
	cells=("own x86_64 gcc series")
else
	mapfile -t all < <(sed -e 's/#.*//' "$TOP/tests/matrix.txt" | awk 'NF == 4 { print $1, $2, $3, $4 }')
	((${#all[@]})) || die "no cells in tests/matrix.txt"
	for c in "${all[@]}"; do
		# shellcheck disable=SC2086  # the four words of the line
		check_cell $c
	done
	if ((quick)); then
		cells=("${all[0]}")
	elif ((${#wanted[@]})); then
		for w in "${wanted[@]}"; do
			found=
			for c in "${all[@]}"; do
				name=${c% *}
				[[ $w != "${name// //}" ]] || found=$c
			done
			[[ -n $found ]] || usage_error "no cell $w in tests/matrix.txt"
			[[ " ${cells[*]/%/,} " == *" $found, "* ]] || cells+=("$found")
		done
	else
		cells=("${all[@]}")
	fi
fi

# is_main_cell TREE ARCH CC: the cell that also runs fault injection, the
# debug kernel and the deliberate bugs: the first x86_64 gcc cell of the
# series in the run, wherever --cell put it.
main_cell=
for c in "${cells[@]}"; do
	[[ -n $main_cell || $c != *" x86_64 gcc series" ]] || main_cell=${c% series}
done
is_main_cell() {
	[[ -n $main_cell && "$1 $2 $3" == "$main_cell" ]]
}
if ((plan)); then
	printf 'cell: %s\n' "${cells[@]}"
	echo "main cell: ${main_cell:-none}"
	exit 0
fi

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
	# The name made a file name: at most 100 characters, and a hash of
	# the whole name, so that no two steps share a log.
	log=$logs/$(tr -c 'a-zA-Z0-9.\n-' _ <<<"$name" | cut -c1-100)-$(cksum <<<"$name" | cut -d' ' -f1).log
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
	((nok == 0))
}
# skip NAME WHY: a step that cannot run counts as failed.
skip() {
	echo "not ok - $1 (not run: $2)"
	failed=$((failed + 1))
}

step "install the packages the tests need" "$TOP/scripts/install-deps.sh" || true


# Work ahead in the background (scripts/prebuild.sh), from here on: fetch
# what later cells need, and build the main cell's debug and KCSAN kernels
# and every later cell's kernel, while the steps and cells in front run.
# Each runs in a session of its own (setsid), so that stopping it stops
# everything it started, even what it starts while being stopped, and what
# runs in a process group of its own (timeout(1) makes one): all of the
# session.
stop_job() {
	pkill -TERM -s "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
# A test run that ends early leaves nothing running behind it.
trap '[[ -z ${prebuild_pid:-} ]] || stop_job "$prebuild_pid"; [[ -z ${fetch_pid:-} ]] || stop_job "$fetch_pid"' EXIT
fetch_pid='' prebuild_pid=''
if [[ -z $own ]]; then
	if ((${#cells[@]} > 1)); then
		setsid "$TOP/scripts/prebuild.sh" --run "$logs" --fetch "${cells[@]}" >"$logs/prefetch.log" 2>&1 &
		fetch_pid=$!
	fi
	variants=()
	# shellcheck disable=SC2086  # the four words of the line
	! is_main_cell ${cells[0]} || variants=(--variant debug --variant kcsan)
	if ((${#cells[@]} > 1 || ${#variants[@]})); then
		setsid "$TOP/scripts/prebuild.sh" --run "$logs" "${variants[@]}" "${cells[@]}" >"$logs/prebuild.log" 2>&1 &
		prebuild_pid=$!
	fi
fi

step "the judge fails what is broken (tests/host/test_judge.py, but for kunit.py)" \
	python3 "$TOP/tests/host/test_judge.py" --without-kunit || true
step "the harness's checks fail on the audit's bad inputs (tests/host/harness-selftest.sh)" \
	"$TOP/tests/host/harness-selftest.sh" || true
shellcheck_all() {
	shellcheck "$TOP"/scripts/*.sh "$TOP"/.ci/run "$TOP"/tests/arch/*.conf "$TOP"/tests/cc/*.conf \
		"$TOP"/tests/distro/*.conf "$TOP"/tests/host/*.sh &&
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
		"$TOP/scripts/gen-series.sh" --out "$b" --signoff --from 'A Tester <a@example.invalid>' &&
		"$TOP/scripts/gen-series.sh" --out "$b" &&
		diff -r "$a" "$b"
	local rc=$?
	rm -rf "$a" "$b"
	return $rc
}
step "the series generator is deterministic" deterministic || true

# signed_series: the series as a submitter sends it, made with --signoff by
# a throwaway identity: every patch's From: is its Signed-off-by, the first
# adds the MAINTAINERS entry, checkpatch --strict finds nothing but
# FILE_PATH_CHANGES after the MAINTAINERS patch, it applies to 7.3 with git
# am, and b4 send --dry-run would mail it to its recipients.
# The committed preview says it is not ready to send; this one does not.
signed_series() {
	local dir src who='Throwaway Tester <throwaway@example.invalid>' p from rc=0
	dir=$(mktemp -d)
	src=$("$TOP/scripts/get-kernel.sh" 7.3) &&
		"$TOP/scripts/gen-series.sh" --signoff --from "$who" --out "$dir/p" || rc=1
	if ((rc == 0)); then
		grep -q 'NOT READY TO SEND' "$TOP"/patches/0000-cover-letter.patch ||
			{ echo "patches/ (no submitter) does not say it is not ready to send"; rc=1; }
		! grep -q 'NOT READY TO SEND' "$dir"/p/0000-cover-letter.patch ||
			{ echo "the signed series still says it is not ready to send"; rc=1; }
		for p in "$dir"/p/0*.patch; do
			from=$(sed -n 's/^From: //p' "$p" | head -n 1)
			[[ $from == "$who" ]] || { echo "$(basename "$p"): From: $from"; rc=1; }
			[[ $p == */0000-* ]] || grep -qx "Signed-off-by: $who" "$p" ||
				{ echo "$(basename "$p"): no Signed-off-by: $who"; rc=1; }
		done
		grep -q "^+M:	$who\$" "$dir"/p/0001-*.patch ||
			{ echo "patch 1 adds no MAINTAINERS entry for $who"; rc=1; }
		"$TOP/scripts/check-series.sh" --kernel "$src" --patches "$dir/p" --signed checkpatch || rc=1
		# ... which must fail the preview, that nobody signed off (its
		# first patch is enough).
		mkdir "$dir/u" && cp "$TOP"/patches/0001-*.patch "$dir/u/"
		if "$TOP/scripts/check-series.sh" --kernel "$src" --patches "$dir/u" --signed checkpatch >"$dir/unsigned.log" 2>&1 ||
			! grep -q MISSING_SIGN_OFF "$dir/unsigned.log"; then
			echo "not ok - checkpatch --signed fails the unsigned preview (patches/) on MISSING_SIGN_OFF"
			rc=1
		fi
		# git am onto 7.3, then b4 prep and b4 send --dry-run.
		"$TOP/scripts/b4-check.sh" --patches "$dir/p" || rc=1
	fi
	rm -rf "$dir"
	return "$rc"
}
step "a submitter's series (--signoff): From: = Signed-off-by, MAINTAINERS entry, checkpatch clean, git am onto 7.3, b4 send --dry-run" \
	signed_series || true

# The suites of tests/guest/suites, comma-separated.
all_suites() {
	find "$TOP/tests/guest/suites" -name '*.sh' -printf '%f\n' | sed 's/\.sh$//' | sort | paste -sd, -
}

# planted_checkpatch TREE: the series with the first pr_info() of patch 1
# turned into printk(KERN_INFO ...) must fail check-series.sh's checkpatch
# step, on that patch, for that reason.
planted_checkpatch() {
	local dir out line rc=0
	dir=$(mktemp -d)
	cp "$TOP"/patches/*.patch "$dir/"
	sed -i '0,/^+\tpr_info(/s//+\tprintk(KERN_INFO /' "$dir"/0001-*.patch
	if ! grep -q '^+	printk(KERN_INFO ' "$dir"/0001-*.patch; then
		echo "the line to plant the defect in is not in patch 1"
		rm -rf "$dir"
		return 1
	fi
	out=$("$TOP/scripts/check-series.sh" --kernel "$1" --patches "$dir" checkpatch 2>&1) || rc=$?
	rm -rf "$dir"
	# As diagnostics: its "not ok" lines are the expected outcome, not ours.
	while IFS= read -r line; do echo "    # $line"; done <<<"$out"
	((rc != 0)) && grep -q '^not ok - checkpatch .*: 0001-' <<<"$out" && grep -q 'PREFER_PR_LEVEL' <<<"$out"
}

# report_controls BUILD ARCH [TESTMODS]: once per architecture, one short
# boot that loads a module whose init calls WARN_ON() and one whose init
# calls dump_stack() (tests/modules/bug-warn.c, bug-dump-stack.c): each
# architecture prints its reports its own way ("Call trace:" on arm), and
# the judge must catch both there (a trace is named by its first module
# frame). tests/host/test_judge.py fails a run on each alone, from real logs.
reported=" "
report_controls() {
	local build=$1 a=$2 mods=${3:-}
	[[ $reported != *" $a "* ]] || return 0
	reported+="$a "
	if [[ -z $mods ]] && ! mods=$("$TOP/scripts/build-test-modules.sh" --build "$build" --arch "$a"); then
		skip "the judge catches a WARN_ON() and a dump_stack() on $a" "tests/modules did not build"
		return 0
	fi
	control "$build" "$mods" "the judge catches a WARN_ON() and a bare dump_stack() on $a (one boot, both reports required)" \
		bug-warn,bug-dump-stack --arch "$a" --taint any --name "bug-reports-$a" \
		--expect-report 'WARNING: .*bug_warn_init' --expect-report 'Call [Tt]race:.*bug_dump_stack_init'
}

# The suites that race parameter writes against init and exit, and stop
# every thread at every phase: on the test, debug and KCSAN kernels.
RACE_SUITES=race,phases

# control BUILD MODS NAME SUITES [BOOT-TEST ARGS...]: a boot of the
# test-only modules MODS (tests/modules) that must show what it names.
control() {
	local build=$1 mods=$2 name=$3 suites=$4
	shift 4
	step "$name" "$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$mods" \
		--suites "$suites" --name "${suites%%,*}" "$@" || true
}

# controls BUILD: the classic mistakes, each in a test-only module, that
# the test kernel's checks must catch.
controls() {
	local build=$1 mods
	if ! mods=$("$TOP/scripts/build-test-modules.sh" --build "$build"); then
		skip "the harness catches the classic mistakes" "tests/modules did not build"
		return
	fi
	control "$build" "$mods" "the rmmod bound (rmmod_ok, tests/guest/lib.sh: 3x the no-thread floor + its scatter (up to 2x) + 50 ms) catches an msleep() stop loop" \
		bug-msleep-stop --taint 4096
	control "$build" "$mods" "the grid check (on_grid, suites/kthread-periodic-sample.sh) catches a loop that sleeps a period after its work" \
		bug-relative-sleep --taint 4096
	control "$build" "$mods" "kthread-periodic-sample skips the periods a stall took and keeps its grid; the stall check (late_runs) catches a loop that catches up back to back; after kthread_stop() interruptible sleeps return at once and msleep() sleeps on" \
		periodic-stall,bug-periodic-catchup,bug-periodic-msleep --taint 4096
	control "$build" "$mods" "the guide's hotplug facts: a bound thread runs off its CPU during a slow offline and a CPU check keeps its per-CPU work off (fails without it: bug-bound-nocb); a sleeping bound thread keeps its CPU, a woken one loses it; a preferred one is moved back; hand-made park/unpark loses the CPU" \
		guide-hotplug,bug-bound-nocb,bug-percpu-unbound --taint 4096
	# Its own boot: isolation is set on the kernel command line.
	control "$build" "$mods" "isolcpus=1: unbound and preferred kthreads stay off CPU 1, a bound one runs there (tests/modules/guide-hp-place.c)" \
		affinity-isolcpus --append isolcpus=1 --taint 4096
	control "$build" "$mods" "the lifecycle checks catch a self-ending job that never drops its module reference, and one that holds none (rmmod succeeds while it runs)" \
		bug-lifecycle-noput,bug-lifecycle-noref --taint any
	control "$build" "$mods" "the delivery check (produce_then) catches an interrupt that never calls wake_up()" \
		bug-consumer-nowake --taint 4096
	control "$build" "$mods" "a kthread_worker given sched_set_fifo() only after its first work was queued runs that work at SCHED_NORMAL (why kthread-worker-sample sets the policy first)" \
		bug-worker-fifo-late --taint 4096
	control "$build" "$mods" "kthread_destroy_worker() with a delayed work pending warns (why kthread-worker-sample cancels it first)" \
		bug-worker-nocancel --taint any \
		--expect-report 'WARNING: kernel/kthread\.c:[0-9]+ at kthread_destroy_worker\+'
	control "$build" "$mods" "kthread_bind() after the first wake-up warns and binds nothing (why a thread is bound before its first wake-up)" \
		bug-bind-late --taint any \
		--expect-report 'WARNING: kernel/kthread\.c:[0-9]+ at (__kthread_bind_mask|kthread_bind)\+'
	control "$build" "$mods" "the idle check (not_woken) catches a thread that polls" \
		bug-poll --taint 4096
	control "$build" "$mods" "fault injection catches an init whose error path leaves a thread behind, and one that ignores a failed kmalloc()" \
		bug-unwind --taint 4096
	control "$build" "$mods" "kmemleak catches a leak, and the kmemleak suite's \"kmemleak is on\" fails once it is off" \
		bug-leak --taint any --expect-report 'kmemleak: .*new suspected memory leak'
	# One boot for two controls that each check their own report in the
	# guest: first, on a clean kernel, a long wait in TASK_UNINTERRUPTIBLE
	# where kthread-periodic-sample waits in TASK_IDLE (the hung-task
	# detector, and the load average), then sleeping in atomic context.
	control "$build" "$mods" "the kernel catches sleeping in atomic context; the hung-task and load checks catch a long TASK_UNINTERRUPTIBLE wait" \
		bug-idle-uninterruptible,bug-atomic-sleep --taint any --name bug-atomic-sleep \
		--expect-report 'sleeping function called from invalid context|scheduling while atomic|INFO: task bug-idle-d:[0-9]+ blocked for more than'
	control "$build" "$mods" "the guide's task states, signals, freezing, parking and scheduling policy hold (test-only modules)" \
		guide-states --taint 4096 --expect-report 'INFO: task sample-st-(unint|never):[0-9]+ blocked for more than'
	report_controls "$build" x86_64 "$mods"
}

# debug_kernel CELL...: the debug kernel (tests/configs/debug.config) of
# the main cell: every suite under its checks, and the mistakes only its
# checks (KASAN, lockdep) catch.
debug_kernel() {
	local debug=$cell_build-debug mods
	if ! step "the debug kernel (tests/configs/debug.config) builds with W=1 and no warning" \
		"$TOP/scripts/build-cell.sh" --kernel "$own" --variant debug "$@"; then
		skip "debug boot test" "the debug kernel did not build"
		return
	fi
	step "debug kernel: every suite, stress, debugfs writes racing init and exit, stops at every phase, then kmemleak" \
		"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --timeout 2400 \
		--suites "$(all_suites),stress,$RACE_SUITES,kmemleak" --append kt.timescale=10 \
		--name boot-x86_64-debug || true
	if ! mods=$("$TOP/scripts/build-test-modules.sh" --build "$debug"); then
		skip "the debug kernel catches the classic mistakes" "tests/modules did not build"
		return
	fi
	control "$debug" "$mods" "KASAN catches kthread_stop() on a thread that already exited" \
		bug-stop-exited --memory 2048 --taint any \
		--expect-report 'BUG: KASAN: .*use-after-free in kthread_stop'
	control "$debug" "$mods" "lockdep catches a consumer that takes an IRQ-context lock with plain spin_lock()" \
		bug-consumer-irq --memory 2048 --taint any --append kt.timescale=10 \
		--expect-report 'inconsistent lock state'
}

# kcsan_kernel CELL...: the KCSAN kernel (tests/configs/kcsan.config) of the
# main cell: every suite and the races, and a data race it must catch.
kcsan_kernel() {
	local kcsan=$cell_build-kcsan mods
	if ! step "the KCSAN kernel (tests/configs/kcsan.config) builds with W=1 and no warning" \
		"$TOP/scripts/build-cell.sh" --kernel "$own" --variant kcsan "$@"; then
		skip "KCSAN boot test" "the KCSAN kernel did not build"
		return
	fi
	step "KCSAN kernel: every suite, debugfs writes racing init and exit, stops at every phase" \
		"$TOP/scripts/boot-test.sh" --build "$kcsan" --memory 1024 --timeout 1800 \
		--suites "$(all_suites),$RACE_SUITES" --append kt.timescale=10 --kcsan-core \
		--name boot-x86_64-kcsan || true
	if ! mods=$("$TOP/scripts/build-test-modules.sh" --build "$kcsan"); then
		skip "KCSAN catches a data race" "tests/modules did not build"
		return
	fi
	control "$kcsan" "$mods" "KCSAN catches an unlocked counter updated from two threads" \
		bug-data-race --taint any --kcsan-core --expect-report 'BUG: KCSAN: data-race in racy_fn'
}

# The table: one row per cell, one column per stage.
declare -A status times applied
COLUMNS_=(applies build static guest)
# cellstep COLUMN NAME CMD...: a step of the current cell ($cell) whose
# result fills its table entry.
cellstep() {
	local col=$1 name=$2 t0=$SECONDS rc=0
	shift 2
	step "$name" "$@" || rc=$?
	times[$cell.$col]=$((SECONDS - t0))
	if ((rc == 0)); then status[$cell.$col]=ok; else status[$cell.$col]=FAIL; fi
	return "$rc"
}
# notrun COLUMN... -- WHY: the current cell's columns that cannot run
# count as failed, and show as "not run".
declare -A COLUMN_NAMES=([applies]=applies [build]=build [static]="static checks" [guest]="guest tests")
notrun() {
	local col why=${*: -1}
	for col in "${@:1:$#-2}"; do
		[[ $col != guest ]] || ((BOOT)) || continue
		skip "${COLUMN_NAMES[$col]} ($label)" "$why"
		status[$cell.$col]="not run"
	done
}

# applies TREE: the "applies" column: plain git am, once per tree (the
# series must apply to the out-of-tree cells' trees too).
applies() {
	if [[ $1 == own ]]; then
		cellstep applies "git am onto $own" "$TOP/scripts/apply-series.sh" --kernel "$own" || true
	elif [[ -z ${applied[$1]:-} ]]; then
		cellstep applies "plain git am onto Debian's linux-$1" \
			"$TOP/scripts/apply-series.sh" --run "$logs" "$1" || true
		applied[$1]=${status[$cell.applies]}
	else
		status[$cell.applies]=${applied[$1]}
	fi
}

# series_cell TREE ARCH CC: the series applied, the kernel built with it,
# the static checks (all of them on the tree's first cell), the guest
# tests; on the main cell, everything else that needs a kernel.
primary=" "
series_cell() {
	local t=$1 a=$2 k=$3
	applies "$t"
	if [[ ${status[$cell.applies]} != ok ]]; then
		notrun build static guest -- "the series did not apply"
		return
	fi
	if ! cellstep build "tinyconfig + fragments builds with W=1 and no warning ($label)" \
		"$TOP/scripts/build-cell.sh" --kernel "$own" "$t" "$a" "$k" series; then
		notrun static guest -- "the build failed"
		return
	fi
	if [[ $primary != *" $t "* ]]; then
		primary+="$t "
		cellstep static "checkpatch, kernel-doc, coccicheck, and W=1 + sparse + modpost after each patch ($label)" \
			"$TOP/scripts/check-series.sh" --kernel "$cell_tree" --build "$cell_build" --arch "$a" --cc "$k" \
			checkpatch kerneldoc coccicheck bisect sparse || true
		step "the checkpatch step fails a patch with a planted printk(KERN_INFO ...)" \
			planted_checkpatch "$cell_tree" || true
		if [[ $t != own ]]; then
			step "make SPHINXDIRS=core-api htmldocs builds the guide, and no warning names it (linux-$t)" \
				"$TOP/scripts/check-htmldocs.sh" --kernel "$CACHE/src/linux-$t" || true
			step "the htmldocs check fails a guide with a planted broken reference and bad markup" \
				"$TOP/scripts/check-htmldocs.sh" --kernel "$CACHE/src/linux-$t" --selftest || true
		fi
	else
		cellstep static "W=1 + sparse + modpost on samples/kthread ($label)" \
			"$TOP/scripts/check-series.sh" --kernel "$cell_tree" --build "$cell_build" --arch "$a" --cc "$k" \
			sparse || true
	fi
	((BOOT)) || return 0
	if ! is_main_cell "$t" "$a" "$k"; then
		cellstep guest "guest tests ($label, TCG)" \
			"$TOP/scripts/boot-test.sh" --build "$cell_build" --arch "$a" --name "$cell_res" || true
		[[ $k != gcc ]] || report_controls "$cell_build" "$a"
		return
	fi
	# The main cell: fault injection and kmemleak too.
	cellstep guest "guest tests ($label, TCG): every suite, fault injection, races, stops at every phase, then kmemleak" \
		"$TOP/scripts/boot-test.sh" --build "$cell_build" --arch "$a" --name "$cell_res" \
		--timeout 1200 --suites "$(all_suites),faults,$RACE_SUITES,kmemleak" || true
	# The kernel's own KTAP parser reads this run's KTAP (and a committed
	# one) as the judge does.
	step "kunit.py parse reads the guest's KTAP as the judge does ($(basename "$cell_tree")'s tools/testing/kunit)" \
		python3 "$TOP/tests/host/kunit_check.py" --kunit "$cell_tree/tools/testing/kunit/kunit.py" \
		"$TOP/tests/host/fixtures/ktap-7.3-x86_64.log" "$OUT/$cell_res/ktap.log" || true
	# ... and on the judge's own crafted and failing logs (a skip fails).
	step "kunit.py and the judge agree on crafted, failing and old-layout logs (test_judge.py KunitParseTest)" \
		env KUNIT_PY="$cell_tree/tools/testing/kunit/kunit.py" \
		python3 "$TOP/tests/host/test_judge.py" KunitParseTest || true
	controls "$cell_build"
	debug_kernel "$t" "$a" "$k" series
	kcsan_kernel "$t" "$a" "$k" series
}

# oot_cell TREE ARCH CC HOW: Debian's TREE without the series (oot), or a
# distribution's packaged kernel (distro): the samples built out of tree
# against it, checked, loaded into it.
oot_cell() {
	local t=$1 a=$2 k=$3 how=$4 what taint image
	if [[ $how == oot ]]; then
		applies "$t"
		what="Debian's linux-$t without the series, then the samples out of tree, W=1 and no warning"
		taint=4096
		image=(--build "$cell_build")
	else
		status[$cell.applies]=-
		load_distro "$t"
		what="the samples out of tree against $DISTRO_NAME's packaged headers, W=1 and no warning"
		taint=$TAINT
		image=(--image "$CACHE/distro/$t/vmlinuz" --floor-build "$cell_kbuild")
	fi
	if ! cellstep build "$what ($label)" "$TOP/scripts/build-cell.sh" "$t" "$a" "$k" "$how"; then
		notrun static guest -- "the build failed"
		return
	fi
	cellstep static "out of tree with W=1 + sparse + modpost ($label)" \
		"$TOP/scripts/build-oot.sh" --kernel-build "$cell_kbuild" --arch "$a" --cc "$k" --out "$cell_oot" --sparse || true
	((BOOT)) || return 0
	cellstep guest "guest tests ($label, TCG, taint $taint expected)" \
		"$TOP/scripts/boot-test.sh" "${image[@]}" --modules "$cell_oot" --arch "$a" --taint "$taint" \
		--name "$cell_res" || true
}

# CI stops a run after 90 minutes and then reports nothing: past this many
# minutes (KT_BUDGET_MIN), the cells not yet started are counted as failed,
# with the reason, so that the run ends with its table and its verdict.
budget_min=${KT_BUDGET_MIN:-80}
[[ $budget_min =~ ^[1-9][0-9]*$ ]] || die "KT_BUDGET_MIN must be a number of minutes"
for c in "${cells[@]}"; do
	read -r t a k how <<<"$c"
	cell="$t/$a/$k"
	label="$cell ($how)"
	load_arch "$a"
	cell_paths "$t" "$a" "$k" "$how" "$own"
	if ((SECONDS - start > budget_min * 60)); then
		notrun "${COLUMNS_[@]}" -- "the run had taken over $budget_min minutes (KT_BUDGET_MIN)"
		continue
	fi
	say "cell $label"
	case $how in
	series) series_cell "$t" "$a" "$k" ;;
	oot | distro) oot_cell "$t" "$a" "$k" "$how" ;;
	esac
	((BOOT)) || status[$cell.guest]="- (build only)"
done
if [[ -n $fetch_pid ]]; then
	say "waiting for the fetching ahead to finish"
	wait "$fetch_pid" || say "fetching ahead failed (see $logs/prefetch.log); the cells fetched for themselves"
	fetch_pid=
fi
# Every cell has built for itself: whatever the background builder still
# does is of no use any more.
if [[ -n $prebuild_pid ]]; then
	stop_job "$prebuild_pid"
	prebuild_pid=
fi

# Every 7.x version takes the series with plain git am, whether or not a
# cell of this run builds it (--quick, --cell): the cover letter says it
# applies to 7.2. (On 6.x it would apply, but could not build: the 6.x
# cells build the samples out of tree, without it.)
if [[ -z $own ]]; then
	for v in "${KERNEL_VERSIONS[@]}"; do
		[[ $v == 7.* && -z ${applied[$v]:-} ]] || continue
		step "plain git am onto Debian's linux-$v" "$TOP/scripts/apply-series.sh" --run "$logs" "$v" || true
	done
fi

# The README's recipes, run as written (tests/host/readme-recipes.sh): in a
# whole run only (not --quick, --cell or --kernel).
planted_recipes() {
	local dir out rc=0
	dir=$(mktemp -d)
	# An out-of-range period in the own-machine recipe, and a shell block
	# with no recipe name (the backquotes are markdown: SC2016).
	# shellcheck disable=SC2016
	sed '/^```sh recipe=own-machine$/,/^```$/s/period_ms=500/period_ms=5/' "$TOP/README.md" >"$dir/README.md"
	# shellcheck disable=SC2016
	printf '\n```sh\necho never run\n```\n' >>"$dir/README.md"
	if ! grep -q 'kthread-periodic-sample.ko period_ms=5$' "$dir/README.md"; then
		echo "the line to plant the defect in is not in README.md's own-machine recipe"
		rm -rf "$dir"
		return 1
	fi
	out=$("$TOP/tests/host/readme-recipes.sh" --readme "$dir/README.md" own-machine 2>&1) || rc=$?
	rm -rf "$dir"
	while IFS= read -r line; do echo "    # $line"; done <<<"$out"
	((rc != 0)) &&
		grep -q '^not ok - README own-machine: its sudo lines run as written' <<<"$out" &&
		grep -q '^not ok - every shell block of README.md is a recipe' <<<"$out" &&
		grep -q 'not ok - readme-recipe: README: sudo insmod' <<<"$out"
}
if ((quick == 0 && ${#wanted[@]} == 0)) && [[ -z $own ]]; then
	step "the README's recipes run as written: the demo, htmldocs, your own machine, your own tree (two ways), sending" \
		"$TOP/tests/host/readme-recipes.sh" || true
	step "the recipe test fails a README with a planted broken recipe (period_ms=5) and a shell block with no recipe name" \
		planted_recipes || true
fi

# The matrix as a table; a red cell is anything but ok or "-".
entry() {
	local s=${status[$1.$2]:-"not run"} t=${times[$1.$2]:-} bg=() ahead=
	if [[ $2 == build && -f $logs/prebuilt/${1//\//-} ]]; then
		read -r -a bg <"$logs/prebuilt/${1//\//-}"
		((bg[0] != 0)) || { t=$((bg[1] + t)) ahead=+; }
	fi
	if [[ $s == ok && -n $t ]]; then
		printf 'ok %dm%02ds%s' $((t / 60)) $((t % 60)) "$ahead"
	else
		printf '%s' "$s"
	fi
}
{
	echo
	printf '%-24s %-8s %-8s %-14s %-14s %-14s %s\n' "tree/arch/cc" how applies "builds clean" \
		"static checks" "guest tests" ""
	red=0
	for c in "${cells[@]}"; do
		read -r t a k how <<<"$c"
		cell="$t/$a/$k"
		mark=
		for col in "${COLUMNS_[@]}"; do
			s=${status[$cell.$col]:-"not run"}
			[[ $s == ok || $s == - || $s == "- (build only)" ]] || mark="<-- FAILED"
		done
		[[ -z $mark ]] || red=$((red + 1))
		printf '%-24s %-8s %-8s %-14s %-14s %-14s %s\n' "$cell" "$how" "$(entry "$cell" applies)" \
			"$(entry "$cell" build)" "$(entry "$cell" static)" "$(entry "$cell" guest)" "$mark"
	done
	echo
	echo "matrix: ${#cells[@]} cells, $red with a failure; times are each stage's wall clock"
	if compgen -G "$logs/prebuilt/*" >/dev/null; then
		echo "(+: built ahead in the background at nice 19 while earlier cells booted:"
		echo " the wall time of that build, plus the cell's own incremental check)"
	fi
} | tee "$OUT/matrix.txt"

say "tests took $(elapsed "$start")"
echo "$passed passed, $failed failed"
((failed == 0))
