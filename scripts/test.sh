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
		[[ $2 =~ ^[a-z0-9.]+/[a-z0-9_]+/[a-z0-9]+$ ]] || usage_error "--cell takes TREE/ARCH/CC, e.g. 7.3/arm64/gcc"
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
		shellcheck -s sh "$TOP"/tests/guest/init "$TOP"/tests/guest/*.sh "$TOP"/tests/guest/suites/*.sh
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
if ((${#cells[@]} > 1)); then
	{
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

primary=" "
for c in "${cells[@]}"; do
	read -r t a k how <<<"$c"
	cell="$t/$a/$k"
	# shellcheck source=tests/arch/x86_64.conf
	. "$TOP/tests/arch/$a.conf"
	boot=$BOOT
	label="$cell ($how)"
	say "cell $label"

	# applies: plain git am, once per tree (also for the out-of-tree
	# cells: the series must apply there too).
	tree=
	case $how in
	series | oot)
		if [[ -z ${applied[$t]:-} ]]; then
			if [[ $t == own ]]; then
				cellstep "$cell" applies "git am onto $own" "$TOP/scripts/apply-series.sh" --kernel "$own" || true
			else
				cellstep "$cell" applies "plain git am onto Debian's linux-$t" "$TOP/scripts/apply-series.sh" "$t" || true
			fi
			applied[$t]=${status[$cell.applies]}
		else
			status[$cell.applies]=${applied[$t]}
		fi
		if [[ $t == own ]]; then tree=$own; else tree=$CACHE/work/linux-$t; fi
		;;
	distro) status[$cell.applies]=- ;;
	esac

	# builds clean, static checks, guest tests
	suffix=$a
	[[ $k == gcc ]] || suffix+=-$k
	res=boot-${t}-$suffix
	noimage=()
	((boot)) || noimage=(--no-image)
	case $how in
	series)
		build=$CACHE/build/$(basename "$tree")-$suffix
		if [[ ${status[$cell.applies]} != ok ]]; then
			notrun "$cell" build "build ($label)" "the series did not apply"
			notrun "$cell" static "static checks ($label)" "the series did not apply"
			((boot == 0)) || notrun "$cell" guest "guest tests ($label)" "the series did not apply"
		elif cellstep "$cell" build "tinyconfig + fragments builds with W=1 and no warning ($label)" \
			"$TOP/scripts/build-kernel.sh" --kernel "$tree" --arch "$a" --cc "$k" --build "$build" "${noimage[@]}"; then
			if [[ $primary != *" $t "* ]]; then
				# The tree's first cell: checkpatch, and every patch alone.
				primary+="$t "
				both() {
					"$TOP/scripts/check-series.sh" --kernel "$tree" checkpatch
					"$TOP/scripts/check-series.sh" --kernel "$tree" --build "$build" --arch "$a" --cc "$k" bisect
				}
				cellstep "$cell" static "checkpatch, and W=1 + sparse + modpost after each patch ($label)" both || true
			else
				cellstep "$cell" static "W=1 + sparse + modpost on samples/kthread ($label)" \
					"$TOP/scripts/check-series.sh" --kernel "$tree" --build "$build" --arch "$a" --cc "$k" sparse || true
			fi
			if ((boot)); then
				cellstep "$cell" guest "guest tests ($label, TCG)" \
					"$TOP/scripts/boot-test.sh" --build "$build" --arch "$a" --name "$res" || true
			fi
		else
			notrun "$cell" static "static checks ($label)" "the kernel did not build"
			((boot == 0)) || notrun "$cell" guest "guest tests ($label)" "the kernel did not build"
		fi
		;;
	oot | distro)
		oot=$CACHE/oot/$t-$suffix
		if [[ $how == oot ]]; then
			build=$CACHE/build/linux-$t-$suffix-oot
			taint=4096
			kbuild=$build
			buildit() {
				local src
				src=$("$TOP/scripts/get-kernel.sh" "$t") &&
					"$TOP/scripts/build-kernel.sh" --kernel "$src" --no-samples --arch "$a" --cc "$k" \
						--build "$build" "${noimage[@]}" &&
					"$TOP/scripts/build-oot.sh" --kernel-build "$build" --arch "$a" --cc "$k" --out "$oot"
			}
			what="Debian's linux-$t without the series, then the samples out of tree, W=1 and no warning"
		else
			# shellcheck source=tests/distro/debian12.conf
			. "$TOP/tests/distro/$t.conf"
			taint=$TAINT
			kbuild=$CACHE/distro/$t/headers
			buildit() {
				"$TOP/scripts/get-distro-kernel.sh" "$t" &&
					"$TOP/scripts/build-oot.sh" --kernel-build "$kbuild" --arch "$a" --cc "$k" --out "$oot"
			}
			what="the samples out of tree against $DISTRO_NAME's packaged headers, W=1 and no warning"
		fi
		if cellstep "$cell" build "$what ($label)" buildit; then
			cellstep "$cell" static "out of tree with W=1 + sparse + modpost ($label)" \
				"$TOP/scripts/build-oot.sh" --kernel-build "$kbuild" --arch "$a" --cc "$k" --out "$oot" --sparse || true
			if ((boot)); then
				if [[ $how == oot ]]; then
					image=(--build "$build" --modules "$oot")
				else
					image=(--image "$CACHE/distro/$t/vmlinuz" --modules "$oot")
				fi
				cellstep "$cell" guest "guest tests ($label, TCG, taint $taint expected)" \
					"$TOP/scripts/boot-test.sh" "${image[@]}" --arch "$a" --taint "$taint" --name "$res" || true
			fi
		else
			notrun "$cell" static "static checks ($label)" "the build failed"
			((boot == 0)) || notrun "$cell" guest "guest tests ($label)" "the build failed"
		fi
		;;
	esac
	((boot)) || status[$cell.guest]="- (build only)"
done
if [[ -n $prefetch_pid ]]; then
	wait "$prefetch_pid" 2>/dev/null || true
	[[ $(cat "$logs/prefetch.rc" 2>/dev/null) == 0 ]] ||
		say "fetching ahead failed (see $logs/prefetch.log); the cells fetched for themselves"
fi

# The matrix as a table; a red cell is anything but ok or "-".
entry() {
	local s=${status[$1.$2]:-"not run"} t=${times[$1.$2]:-}
	if [[ $s == ok && -n $t ]]; then
		printf 'ok %dm%02ds' $((t / 60)) $((t % 60))
	else
		printf '%s' "$s"
	fi
}
{
	echo
	printf '%-22s %-8s %-8s %-14s %-14s %-14s %s\n' "tree/arch/cc" how applies "builds clean" \
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
		printf '%-22s %-8s %-8s %-14s %-14s %-14s %s\n' "$cell" "$how" "$(entry "$cell" applies)" \
			"$(entry "$cell" build)" "$(entry "$cell" static)" "$(entry "$cell" guest)" "$mark"
	done
	echo
	echo "matrix: ${#cells[@]} cells, $red with a failure; times are each stage's wall clock"
} | tee "$OUT/matrix.txt"

say "tests took $(elapsed "$start")"
echo "$passed passed, $failed failed"
((failed == 0))
