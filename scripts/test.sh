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
usage: $0 [--quick | --cell TREE/ARCH/CC... | --kernel DIR]
  (none)          the whole matrix of tests/matrix.txt (what CI runs)
  --quick         its first cell only: Debian's 7.3, x86_64, gcc
  --cell T/A/C    only this cell of tests/matrix.txt, e.g. 7.3/arm64/gcc
                  (may be given more than once)
  --kernel DIR    test the series on your own kernel git tree (clean, at the
                  base you want) instead, x86_64 and gcc; the series is
                  applied with git am onto it
USAGE
}

own=
quick=0
wanted=()
while (($#)); do
	case $1 in
	--kernel) (($# > 1)) || usage_error "--kernel needs a directory"; own=$2; shift ;;
	--quick) quick=1 ;;
	--cell)
		(($# > 1)) || usage_error "--cell needs TREE/ARCH/CC"
		[[ $2 =~ ^[a-z0-9.-]+/[a-z0-9_]+/[a-z0-9]+$ ]] || usage_error "--cell takes TREE/ARCH/CC, e.g. 7.3/arm64/gcc"
		wanted+=("$2")
		shift
		;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done
(((quick > 0) + (${#wanted[@]} > 0) + (${#own} > 0) <= 1)) ||
	usage_error "give at most one of --quick, --cell and --kernel"

# The cells to run: "TREE ARCH CC HOW".
cells=()
if [[ -n $own ]]; then
	cells=("own x86_64 gcc series")
else
	mapfile -t all < <(sed -e 's/#.*//' "$TOP/tests/matrix.txt" | awk 'NF == 4 { print $1, $2, $3, $4 }')
	((${#all[@]})) || die "no cells in tests/matrix.txt"
	for c in "${all[@]}"; do
		read -r t a k how <<<"$c"
		[[ -f $TOP/tests/arch/$a.conf ]] || die "tests/matrix.txt: no tests/arch/$a.conf"
		[[ -f $TOP/tests/cc/$k.conf ]] || die "tests/matrix.txt: no tests/cc/$k.conf"
		case $how in
		series | oot) valid_version "$t" || die "tests/matrix.txt: unsupported kernel version $t" ;;
		distro) [[ -f $TOP/tests/distro/$t.conf ]] || die "tests/matrix.txt: no tests/distro/$t.conf" ;;
		*) die "tests/matrix.txt: unknown way '$how'" ;;
		esac
	done
	if ((quick)); then
		cells=("${all[0]}")
	elif ((${#wanted[@]})); then
		for w in "${wanted[@]}"; do
			found=
			for c in "${all[@]}"; do
				read -r t a k how <<<"$c"
				[[ $w != "$t/$a/$k" ]] || found=$c
			done
			[[ -n $found ]] || usage_error "no cell $w in tests/matrix.txt"
			cells+=("$found")
		done
	else
		cells=("${all[@]}")
	fi
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
	((nok == 0))
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
	shellcheck "$TOP"/scripts/*.sh "$TOP"/.ci/run "$TOP"/tests/arch/*.conf "$TOP"/tests/cc/*.conf \
		"$TOP"/tests/distro/*.conf &&
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

# planted_checkpatch TREE: the series with one line of patch 8 turned back
# into kmalloc(sizeof(*unused), GFP_KERNEL) must fail check-series.sh's
# checkpatch step, on that patch, for that reason.
planted_checkpatch() {
	local dir out line rc=0
	dir=$(mktemp -d)
	cp "$TOP"/patches/*.patch "$dir/"
	# (Not the first kmalloc_obj() of the patch: 7.3's checkpatch misses
	# ALLOC_WITH_SIZEOF on a statement right after an if block.)
	sed -i 's/^+\tunused = kmalloc_obj(\*unused);$/+\tunused = kmalloc(sizeof(*unused), GFP_KERNEL);/' "$dir"/0008-*.patch
	if ! grep -q 'kmalloc(sizeof(\*unused), GFP_KERNEL)' "$dir"/0008-*.patch; then
		echo "the line to plant the defect in is not in patch 8"
		rm -rf "$dir"
		return 1
	fi
	out=$("$TOP/scripts/check-series.sh" --kernel "$1" --patches "$dir" checkpatch 2>&1) || rc=$?
	rm -rf "$dir"
	# As diagnostics: its "not ok" lines are the expected outcome, not ours.
	while IFS= read -r line; do echo "    # $line"; done <<<"$out"
	((rc != 0)) && grep -q '^not ok - checkpatch .*: 0008-' <<<"$out" && grep -q 'ALLOC_WITH_SIZEOF' <<<"$out"
}

# build_variant TREE BUILD NAME: the kernel of tests/configs/NAME.config
# (debug, kcsan) beside the test kernel BUILD, in BUILD-NAME.
build_variant() {
	locked -s "tree-$(basename "$1")" locked "build-$(basename "$2")-$3" \
		"$TOP/scripts/build-kernel.sh" --kernel "$1" --build "$2-$3" \
		--config "$TOP/tests/configs/$3.config"
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
	step "the judge catches a WARN_ON() and a bare dump_stack() on $a (one boot, both reports required)" \
		"$TOP/scripts/boot-test.sh" --build "$build" --arch "$a" --test-modules "$mods" \
		--suites bug-warn,bug-dump-stack --taint any --name "bug-reports-$a" \
		--expect-report 'WARNING: .*bug_warn_init' --expect-report 'Call [Tt]race:.*bug_dump_stack_init' || true
}

# The suites that race parameter writes against init and exit, and stop
# every thread at every phase: on the test, debug and KCSAN kernels.
RACE_SUITES=race,phases

# debug_tests TREE BUILD: the debug and KCSAN kernels, stress and fault
# injection, and the deliberate bugs that the harness must catch.
debug_tests() {
	local tree=$1 build=$2 debug kcsan testmods dtestmods ktestmods
	debug=$build-debug kcsan=$build-kcsan
	if ! testmods=$("$TOP/scripts/build-test-modules.sh" --build "$build"); then
		skip "the harness catches the classic mistakes" "tests/modules did not build"
	else
		step "the rmmod bound (PROMPT_MS, tests/guest/lib.sh) catches an msleep() stop loop" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-msleep-stop --taint 4096 --name bug-msleep-stop || true
		step "the drift check (tests/guest/lib.sh) catches a loop that sleeps a period after its work" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-relative-sleep --taint 4096 --name bug-relative-sleep || true
		step "a bound thread parked by hotplug callbacks, or left without any, loses its CPU (why kthread-percpu-sample uses smpboot, kthread-affinity-sample stops and re-creates)" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-percpu-unbound,bug-bound-nocb --taint 4096 --name bug-percpu-unbound || true
		step "kthread_bind() after the first wake-up warns and binds nothing (why kthread-affinity-sample binds before)" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-bind-late --taint any --name bug-bind-late \
			--expect-report 'WARNING: kernel/kthread\.c:[0-9]+ at (__kthread_bind_mask|kthread_bind)\+' || true
		step "kmemleak catches a leak" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-leak --taint any --name bug-leak \
			--expect-report 'kmemleak: .*new suspected memory leak' || true
		# One boot for two controls that each check their own report in
		# the guest: kthread-idle-sample's wait in TASK_UNINTERRUPTIBLE (the
		# hung-task detector, and the load average) first, on a clean
		# kernel, then sleeping in atomic context.
		step "the kernel catches sleeping in atomic context; the hung-task and load checks catch a long TASK_UNINTERRUPTIBLE wait" \
			"$TOP/scripts/boot-test.sh" --build "$build" --test-modules "$testmods" \
			--suites bug-idle-uninterruptible,bug-atomic-sleep --taint any --name bug-atomic-sleep \
			--expect-report 'sleeping function called from invalid context|scheduling while atomic|INFO: task bug-idle-d:[0-9]+ blocked for more than' || true
		report_controls "$build" x86_64 "$testmods"
	fi
	if ! step "the debug kernel (tests/configs/debug.config) builds with W=1 and no warning" \
		build_variant "$tree" "$build" debug; then
		skip "debug boot test" "the debug kernel did not build"
	else
		step "debug kernel: every suite, stress, kmemleak, parameter writes racing init and exit, stops at every phase" \
			"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --timeout 2400 \
			--suites "$(all_suites),stress,kmemleak,$RACE_SUITES" --append kt.timescale=10 \
			--name boot-x86_64-debug || true
		if ! dtestmods=$("$TOP/scripts/build-test-modules.sh" --build "$debug"); then
			skip "the debug kernel catches the classic mistakes" "tests/modules did not build"
		else
			step "KASAN catches kthread_stop() on a thread that already exited" \
				"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --test-modules "$dtestmods" \
				--suites bug-stop-exited --taint any --name bug-stop-exited \
				--expect-report 'BUG: KASAN: .*use-after-free in kthread_stop' || true
			step "the race suite catches kthread-park-sample without its parameter lock (WARN, KASAN or a hung task)" \
				"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --test-modules "$dtestmods" \
				--suites bug-park-race --taint any --name bug-park-race --append kt.timescale=10 \
				--expect-report 'WARNING: .*kernel/kthread\.c|BUG: KASAN|blocked for more than [0-9]+ seconds' || true
			step "lockdep catches a consumer that takes an IRQ-context lock with plain spin_lock()" \
				"$TOP/scripts/boot-test.sh" --build "$debug" --memory 2048 --test-modules "$dtestmods" \
				--suites bug-consumer-irq --taint any --name bug-consumer-irq --append kt.timescale=10 \
				--expect-report 'inconsistent lock state' || true
		fi
	fi
	if ! step "the KCSAN kernel (tests/configs/kcsan.config) builds with W=1 and no warning" \
		build_variant "$tree" "$build" kcsan; then
		skip "KCSAN boot test" "the KCSAN kernel did not build"
		return
	fi
	step "KCSAN kernel: every suite, parameter writes racing init and exit, stops at every phase" \
		"$TOP/scripts/boot-test.sh" --build "$kcsan" --memory 1024 --timeout 1800 \
		--suites "$(all_suites),$RACE_SUITES" --append kt.timescale=10 --kcsan-core \
		--name boot-x86_64-kcsan || true
	if ! ktestmods=$("$TOP/scripts/build-test-modules.sh" --build "$kcsan"); then
		skip "KCSAN catches a data race" "tests/modules did not build"
		return
	fi
	step "KCSAN catches an unlocked counter updated from two threads" \
		"$TOP/scripts/boot-test.sh" --build "$kcsan" --test-modules "$ktestmods" \
		--suites bug-data-race --taint any --name bug-data-race --kcsan-core \
		--expect-report 'BUG: KCSAN: data-race in racy_fn' || true
}

# Fetch what later cells need (kernel sources, busybox, sparse, distro
# packages) in the background while the first cells build: downloads and
# unpacking overlap with compiling. The get-* scripts lock their cache
# entries, so a cell that needs one first simply waits for it.
prefetch() {
	local c t a k how seen=" "
	"$TOP/scripts/get-sparse.sh"
	for c in "${cells[@]}"; do
		read -r t a k how <<<"$c"
		(
			# shellcheck source=tests/arch/x86_64.conf
			. "$TOP/tests/arch/$a.conf"
			((BOOT == 0)) || "$TOP/scripts/get-busybox.sh" "$DEB_ARCH"
		)
		[[ $seen != *" $t "* ]] || continue
		seen+="$t "
		case $how in
		series | oot) [[ $t == own ]] || "$TOP/scripts/get-kernel.sh" "$t" ;;
		distro) "$TOP/scripts/get-distro-kernel.sh" "$t" ;;
		esac
	done
}
# settle_prefetch: wait until the fetching ahead is done.
settle_prefetch() {
	[[ -n $prefetch_pid ]] || return 0
	say "waiting for the fetching ahead to finish"
	wait "$prefetch_pid" || true
	[[ $(cat "$logs/prefetch.rc" 2>/dev/null) == 0 ]] ||
		say "fetching ahead failed (see $logs/prefetch.log); the cells fetched for themselves"
	prefetch_pid=
}
if ((${#cells[@]} > 1)); then
	{
		renice -n 19 -p "$BASHPID" >/dev/null
		rc=0
		prefetch || rc=$?
		echo "$rc" >"$logs/prefetch.rc"
	} >"$logs/prefetch.log" 2>&1 &
	prefetch_pid=$!
else
	prefetch_pid=
fi

# The table: one row per cell, one column per stage.
declare -A status times applied
COLUMNS_=(applies build static guest)
# cellstep CELL COLUMN NAME CMD...: a step whose result fills a table entry.
cellstep() {
	local cell=$1 col=$2 name=$3 t0=$SECONDS rc=0
	shift 3
	step "$name" "$@" || rc=$?
	times[$cell.$col]=$((SECONDS - t0))
	if ((rc == 0)); then status[$cell.$col]=ok; else status[$cell.$col]=FAIL; fi
	return "$rc"
}
# notrun CELL COLUMN NAME WHY: counts as failed, shows as "not run".
notrun() {
	skip "$3" "$4"
	status[$1.$2]="not run"
}

# locked [-s] NAME CMD...: run CMD holding the lock NAME (-s: shared), so
# that the background builder (prebuild, below) and the cells never work on
# the same build directory at once (whoever comes second waits, then finds
# the work done: a warm build is incremental), and that no kernel builds
# from a tree while the per-patch check checks out its commits.
locked() {
	local mode=-x lock
	[[ $1 != -s ]] || { mode=-s; shift; }
	lock=$logs/locks/$1
	shift
	mkdir -p "$logs/locks"
	(
		exec 9>"$lock"
		if ! flock -n "$mode" 9; then
			say "waiting for the lock $(basename "$lock") (held by the background builder or a check)"
			flock -w 3600 "$mode" 9 || die "timed out waiting for the lock $lock"
		fi
		"$@"
	)
}

# apply_once VERSION: plain git am of the series onto Debian's VERSION,
# once per run, whoever asks first; prints where it went.
apply_once() {
	locked "apply-$1" _apply_once "$1"
}
_apply_once() {
	local rc=0 result=$logs/applied/$1
	mkdir -p "$logs/applied"
	if [[ ! -f $result.rc ]]; then
		"$TOP/scripts/apply-series.sh" "$1" >"$result.out" 2>"$result.log" || rc=$?
		echo "$rc" >"$result.rc"
		cat "$result.log" >&2
	else
		say "the series was applied to linux-$1 earlier in this run (log: $result.log)"
	fi
	cat "$result.out"
	return "$(cat "$result.rc")"
}

# cell_setup TREE ARCH CC HOW: the paths of a cell, in globals: suffix,
# tree (with the series), build (kernel build directory),
# oot (out-of-tree modules), kbuild (what they build against), res (the
# boot's results), noimage. Sources the architecture's file.
cell_setup() {
	local t=$1 a=$2 k=$3 how=$4
	# shellcheck source=tests/arch/x86_64.conf
	. "$TOP/tests/arch/$a.conf"
	suffix=$a
	[[ $k == gcc ]] || suffix+=-$k
	res=boot-$t-$suffix
	noimage=()
	((BOOT)) || noimage=(--no-image)
	oot=$CACHE/oot/$t-$suffix
	case $t in
	own) tree=$own ;;
	*) tree=$CACHE/work/linux-$t ;;
	esac
	case $how in
	series) build=$CACHE/build/$(basename "$tree")-$suffix ;;
	oot) build=$CACHE/build/linux-$t-$suffix-oot kbuild=$build ;;
	distro) build='' kbuild=$CACHE/distro/$t/headers ;;
	esac
}

# build_cell TREE ARCH CC HOW: build what the cell tests (the series'
# tree must be applied already): the kernel with the samples, or the kernel
# without them and the samples out of tree, or the samples against a
# distribution's headers.
build_cell() {
	cell_setup "$@"
	locked -s "tree-$(basename "$tree")" locked "build-$1-$suffix" _build_cell "$@"
}
_build_cell() {
	local t=$1 a=$2 k=$3 how=$4 src
	case $how in
	series)
		"$TOP/scripts/build-kernel.sh" --kernel "$tree" --arch "$a" --cc "$k" --build "$build" "${noimage[@]}"
		;;
	oot)
		src=$("$TOP/scripts/get-kernel.sh" "$t") &&
			"$TOP/scripts/build-kernel.sh" --kernel "$src" --no-samples --arch "$a" --cc "$k" \
				--build "$build" "${noimage[@]}" &&
			"$TOP/scripts/build-oot.sh" --kernel-build "$build" --arch "$a" --cc "$k" --out "$oot"
		;;
	distro)
		"$TOP/scripts/get-distro-kernel.sh" "$t" &&
			"$TOP/scripts/build-oot.sh" --kernel-build "$kbuild" --arch "$a" --cc "$k" --out "$oot"
		;;
	esac
}

# is_main_cell TREE ARCH CC: the cell that also runs fault injection, the
# debug kernel and the deliberate bugs (the first x86_64 gcc cell).
is_main_cell() {
	[[ $2/$3 == x86_64/gcc && $1 == "${cells[0]%% *}" ]]
}

# prebuild: build the debug kernel and every later cell's kernel ahead, in
# the background at nice 19, while the cells in front boot their guests
# (a boot keeps the CPUs about 40% busy). Only a cache warmer: each cell
# still runs its own build, which then is incremental, and judges that;
# a failure here is left for the cell to find and report. Records how long
# each build took, for the table.
prebuild() {
	local c t a k how t0 rc first=1
	for c in "${cells[@]}"; do
		read -r t a k how <<<"$c"
		t0=$SECONDS
		if ((first)); then
			first=0
			if is_main_cell "$t" "$a" "$k" && [[ $how == series ]]; then
				cell_setup "$t" "$a" "$k" "$how"
				apply_once "$t" >/dev/null || continue
				build_variant "$tree" "$build" debug >/dev/null || true
				build_variant "$tree" "$build" kcsan >/dev/null || true
			fi
			continue
		fi
		rc=0
		if [[ $how == series ]]; then
			apply_once "$t" >/dev/null || continue
		fi
		build_cell "$t" "$a" "$k" "$how" >/dev/null || rc=$?
		echo "$rc $((SECONDS - t0))" >"$logs/prebuilt/$t-$a-$k"
	done
}
# kill_tree PID: end a background job and everything it started.
kill_tree() {
	local child
	for child in $(pgrep -P "$1"); do
		kill_tree "$child"
	done
	kill "$1" 2>/dev/null || true
}
# A test run that ends early leaves nothing running behind it.
trap '[[ -z ${prebuild_pid:-} ]] || kill_tree "$prebuild_pid"; [[ -z ${prefetch_pid:-} ]] || kill_tree "$prefetch_pid"' EXIT
mkdir -p "$logs/prebuilt"
read -r t a k how <<<"${cells[0]}"
if [[ -z $own ]] && { ((${#cells[@]} > 1)) || is_main_cell "$t" "$a" "$k"; }; then
	{
		renice -n 19 -p "$BASHPID" >/dev/null
		ionice -c 3 -p "$BASHPID" 2>/dev/null || true
		prebuild
	} >"$logs/prebuild.log" 2>&1 &
	prebuild_pid=$!
else
	prebuild_pid=
fi

primary=" "
# CI stops a run after 90 minutes and then reports nothing: past this many
# minutes (KT_BUDGET_MIN), the cells not yet started are counted as failed,
# with the reason, so that the run ends with its table and its verdict.
budget_min=${KT_BUDGET_MIN:-80}
[[ $budget_min =~ ^[1-9][0-9]*$ ]] || die "KT_BUDGET_MIN must be a number of minutes"
for c in "${cells[@]}"; do
	read -r t a k how <<<"$c"
	cell="$t/$a/$k"
	cell_setup "$t" "$a" "$k" "$how"
	boot=$BOOT
	label="$cell ($how)"
	if ((SECONDS - start > budget_min * 60)); then
		why="the run had taken over $budget_min minutes (KT_BUDGET_MIN)"
		for col in "${COLUMNS_[@]}"; do
			notrun "$cell" "$col" "$col ($label)" "$why"
		done
		continue
	fi
	say "cell $label"

	# applies: plain git am, once per tree (also for the out-of-tree
	# cells: the series must apply there too).
	case $how in
	series | oot)
		if [[ $t == own ]]; then
			cellstep "$cell" applies "git am onto $own" "$TOP/scripts/apply-series.sh" --kernel "$own" || true
		elif [[ -z ${applied[$t]:-} ]]; then
			cellstep "$cell" applies "plain git am onto Debian's linux-$t" apply_once "$t" || true
			applied[$t]=${status[$cell.applies]}
		else
			status[$cell.applies]=${applied[$t]}
		fi
		;;
	distro) status[$cell.applies]=- ;;
	esac
	if [[ $how == series && ${status[$cell.applies]} != ok ]]; then
		notrun "$cell" build "build ($label)" "the series did not apply"
		notrun "$cell" static "static checks ($label)" "the series did not apply"
		((boot == 0)) || notrun "$cell" guest "guest tests ($label)" "the series did not apply"
		continue
	fi

	# builds clean
	case $how in
	series) what="tinyconfig + fragments builds with W=1 and no warning" ;;
	oot) what="Debian's linux-$t without the series, then the samples out of tree, W=1 and no warning" ;;
	distro)
		# shellcheck source=tests/distro/debian12.conf
		. "$TOP/tests/distro/$t.conf"
		what="the samples out of tree against $DISTRO_NAME's packaged headers, W=1 and no warning"
		;;
	esac
	if ! cellstep "$cell" build "$what ($label)" build_cell "$t" "$a" "$k" "$how"; then
		notrun "$cell" static "static checks ($label)" "the build failed"
		((boot == 0)) || notrun "$cell" guest "guest tests ($label)" "the build failed"
		continue
	fi

	# static checks, guest tests
	case $how in
	series)
		if [[ $primary != *" $t "* ]]; then
			# The tree's first cell: checkpatch, and every patch alone.
			primary+="$t "
			# Both run; either failing fails the step.
			both() {
				local rc=0
				"$TOP/scripts/check-series.sh" --kernel "$tree" checkpatch || rc=1
				locked "tree-$(basename "$tree")" "$TOP/scripts/check-series.sh" --kernel "$tree" \
					--build "$build" --arch "$a" --cc "$k" kerneldoc coccicheck bisect || rc=1
				return "$rc"
			}
			cellstep "$cell" static "checkpatch, kernel-doc, coccicheck, and W=1 + sparse + modpost after each patch ($label)" both || true
			step "the checkpatch step fails a patch with a planted kmalloc(sizeof())" \
				planted_checkpatch "$tree" || true
		else
			cellstep "$cell" static "W=1 + sparse + modpost on samples/kthread ($label)" \
				"$TOP/scripts/check-series.sh" --kernel "$tree" --build "$build" --arch "$a" --cc "$k" sparse || true
		fi
		if ((boot)) && is_main_cell "$t" "$a" "$k"; then
			# The main cell: fault injection and kmemleak too, then
			# the debug kernel and the deliberate bugs.
			cellstep "$cell" guest "guest tests ($label, TCG): every suite, fault injection, kmemleak, races, stops at every phase" \
				"$TOP/scripts/boot-test.sh" --build "$build" --arch "$a" --name "$res" \
				--timeout 1200 --suites "$(all_suites),faults,kmemleak,$RACE_SUITES" || true
			# Its own boot: isolation is set on the kernel command line.
			step "isolcpus=1: unbound and preferred kthreads stay off CPU 1, a bound one runs there (kthread-affinity-sample)" \
				"$TOP/scripts/boot-test.sh" --build "$build" --arch "$a" --name "$res-isolcpus" \
				--suites affinity-isolcpus --append isolcpus=1 || true
			# The kernel's own KTAP parser reads this run's KTAP (and a
			# committed one) as the judge does.
			step "kunit.py parse reads the guest's KTAP as the judge does ($(basename "$tree")'s tools/testing/kunit)" \
				python3 "$TOP/tests/host/kunit_check.py" --kunit "$tree/tools/testing/kunit/kunit.py" \
				"$TOP/tests/host/fixtures/ktap-7.3-x86_64.log" "$OUT/$res/ktap.log" || true
			debug_tests "$tree" "$build"
		elif ((boot)); then
			cellstep "$cell" guest "guest tests ($label, TCG)" \
				"$TOP/scripts/boot-test.sh" --build "$build" --arch "$a" --name "$res" || true
			[[ $k != gcc ]] || report_controls "$build" "$a"
		fi
		;;
	oot | distro)
		if [[ $how == oot ]]; then
			taint=4096
			image=(--build "$build" --modules "$oot")
		else
			taint=$TAINT
			image=(--image "$CACHE/distro/$t/vmlinuz" --modules "$oot")
		fi
		cellstep "$cell" static "out of tree with W=1 + sparse + modpost ($label)" \
			"$TOP/scripts/build-oot.sh" --kernel-build "$kbuild" --arch "$a" --cc "$k" --out "$oot" --sparse || true
		if ((boot)); then
			cellstep "$cell" guest "guest tests ($label, TCG, taint $taint expected)" \
				"$TOP/scripts/boot-test.sh" "${image[@]}" --arch "$a" --taint "$taint" --name "$res" || true
		fi
		;;
	esac
	((boot)) || status[$cell.guest]="- (build only)"
done
settle_prefetch
# Every cell has built for itself: whatever the background builder still
# does is of no use any more.
if [[ -n $prebuild_pid ]]; then
	kill_tree "$prebuild_pid"
	wait "$prebuild_pid" 2>/dev/null || true
	prebuild_pid=
fi

# Every 7.x version takes the series with plain git am, whether or not a
# cell of this run builds it (--quick, --cell): the cover letter says it
# applies to 7.2. (On 6.x it would apply, but could not build: the 6.x
# cells build the samples out of tree, without it.)
if [[ -z $own ]]; then
	for v in "${KERNEL_VERSIONS[@]}"; do
		[[ $v == 7.* && -z ${applied[$v]:-} ]] || continue
		step "plain git am onto Debian's linux-$v" apply_once "$v" || true
	done
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
