#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Static checks of the series in a kernel tree where it is applied:
#   checkpatch  checkpatch.pl --strict --codespell on every patch
#   kerneldoc   scripts/kernel-doc -none -Wall on every sample
#   coccicheck  make coccicheck MODE=report M=samples/kthread
#   bisect      after each patch in turn: samples/kthread as that patch
#               leaves it, built against the tree's build directory
#               (make M=) with W=1 and a sparse the tree accepts (C=2),
#               then modpost; no warning of any kind. Only samples/ changes
#               in the series, and samples/Kconfig and samples/Makefile
#               only in patch 1, which the in-tree build of the last patch
#               checks; the tree itself stays at its HEAD, so a kernel may
#               build from it meanwhile.
#   sparse      make W=1 C=2 samples/kthread/ in the tree at its HEAD, then
#               modpost (for another architecture or compiler than the one
#               that ran bisect)
# Each check first proves on a planted defect that it can fail, then prints
# "ok - ..." or "not ok - ..." lines; exits 1 on a failure.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --kernel DIR [--build DIR] [--arch ARCH] [--cc NAME] [--patches DIR] [--signed]
          checkpatch|kerneldoc|coccicheck|bisect|sparse...
  --kernel DIR   the tree with the series applied (as scripts/apply-series.sh leaves it)
  --build DIR    its configured, built build directory (needed by bisect and sparse)
  --patches DIR  the series checkpatch reads (default: patches/)
  --signed       the series was made with gen-series.sh --signoff: a missing
                 Signed-off-by is an error too; only FILE_PATH_CHANGES is
                 allowed, and not in a patch that touches MAINTAINERS
  --arch ARCH    the build's tests/arch/ARCH.conf (default: x86_64)
  --cc NAME      the build's tests/cc/NAME.conf (default: gcc)
USAGE
}

kernel=
build=
arch=x86_64
cc=gcc
patches=$TOP/patches
checks=()
signed=0
parse_options --kernel=kernel:DIR --build=build:DIR --arch=arch:ARCH --cc=cc:NAME \
	--patches=patches:DIR --signed!signed=1 '@checks[]' -- "$@"
for c in "${checks[@]}"; do
	case $c in
	checkpatch | kerneldoc | coccicheck | bisect | sparse) ;;
	*) usage_error "unknown check '$c'" ;;
	esac
done
[[ -n $kernel ]] || usage_error "--kernel is required"
((${#checks[@]})) || usage_error "name at least one check"
load_arch "$arch" || usage_error "unknown architecture '$arch' (no tests/arch/$arch.conf)"
load_cc "$cc" || usage_error "unknown compiler '$cc' (no tests/cc/$cc.conf)"
kernel=$(cd "$kernel" && pwd)
mkdir -p "$OUT"
failed=0
indent() { sed 's/^/    # /'; }
result() { # result OK NAME
	if (($1)); then echo "ok - $2"; else echo "not ok - $2"; failed=1; fi
}
# verdict NAME FINDINGS: "ok - NAME" when a check found nothing, else
# "not ok - NAME" and what it found.
verdict() {
	if [[ -n $2 ]]; then
		result 0 "$1"
		indent <<<"$2"
	else
		result 1 "$1"
	fi
}

# checkpatch_types [--all]: the message types in checkpatch --terse
# --show-types output on stdin ("FILE:LINE: WARNING:TYPE: message"), one a
# line, sorted and unique (--all: one per message).
checkpatch_types() {
	local types
	types=$(sed -n -E 's/.*(^|: )(ERROR|WARNING|CHECK):([A-Z0-9_]+):.*/\3/p')
	[[ -n $types ]] || return 0
	if [[ ${1:-} == --all ]]; then echo "$types"; else sort -u <<<"$types"; fi
}

run_checkpatch() {
	local dict=/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt
	# spdxcheck.py needs Debian's python3-ply and python3-git, not another
	# python3 that may come first in PATH.
	local PATH=/usr/bin:$PATH
	local cp=("$kernel/scripts/checkpatch.pl" --strict --codespell --codespellfile "$dict"
		--show-types --no-summary --terse)
	local p out types bad allowed
	# A checker that cannot find anything proves nothing: it must see
	# this typo and this trailing space, and the type parser must read
	# both types out of its output, or the check below proves nothing.
	[[ -f $dict ]] || die "codespell's dictionary $dict is missing: install codespell"
	out=$(printf '%s\n' '--- a/samples/x.c' '+++ b/samples/x.c' '@@ -0,0 +1,2 @@' \
		'+/* we recieve data */' '+int planted; ' |
		(cd "$kernel" && "${cp[@]}" --no-tree - 2>&1) || true)
	types=$(checkpatch_types <<<"$out")
	grep -qx TYPO_SPELLING <<<"$types" ||
		die "checkpatch --codespell did not flag a known typo (types: ${types:-none}): $out"
	grep -qx TRAILING_WHITESPACE <<<"$types" ||
		die "checkpatch's message types were not parsed from a planted error (types: ${types:-none}): $out"
	for p in "$patches"/[0-9][0-9][0-9][0-9]-*.patch; do
		[[ $(basename "$p") == 0000-* ]] && continue
		out=$( (cd "$kernel" && "${cp[@]}" "$p" 2>&1) || true)
		if grep -q -e Traceback -e 'No module named' <<<"$out"; then
			result 0 "checkpatch runs completely: $(basename "$p")"
			indent <<<"$out"
			continue
		fi
		types=$(checkpatch_types <<<"$out")
		# Every message must have been parsed.
		if [[ $(grep -cE '(ERROR|WARNING|CHECK):' <<<"$out") != $(checkpatch_types --all <<<"$out" | wc -l) ]]; then
			result 0 "checkpatch's output parsed completely: $(basename "$p")"
			indent <<<"$out"
			continue
		fi
		# Allowed, and explained in the cover letter: FILE_PATH_CHANGES
		# on the patches after the one with the MAINTAINERS entry, and,
		# in a preview made without --signoff, no Signed-off-by.
		allowed=(-e FILE_PATH_CHANGES)
		((signed)) || allowed+=(-e MISSING_SIGN_OFF)
		if ((signed)) && grep -q '^ MAINTAINERS *|' "$p"; then allowed=(-e NONE); fi
		bad=$(grep -v -x "${allowed[@]}" <<<"$types" || true)
		if [[ -n $bad ]]; then
			result 0 "checkpatch --strict --codespell: $(basename "$p")"
			indent <<<"$out"
		else
			result 1 "checkpatch --strict --codespell: $(basename "$p")"
		fi
	done
}

# run_kerneldoc: scripts/kernel-doc -none -Wall on every sample. It exits 0
# whatever it finds, so its output is the verdict: it must be empty.
run_kerneldoc() {
	local kdoc=$kernel/scripts/kernel-doc out planted
	[[ -x $kdoc ]] || die "$kdoc is missing"
	planted=$(mktemp --suffix=.c)
	printf '%s\n' '/**' ' * planted() - a function' ' */' 'int planted(int a)' '{' '	return a;' '}' >"$planted"
	out=$("$kdoc" -none -Wall "$planted" 2>&1 || true)
	rm -f "$planted"
	grep -q "parameter 'a' not described" <<<"$out" ||
		die "kernel-doc -Wall did not report an undescribed parameter: ${out:-no output}"
	out=$(cd "$kernel" && "$kdoc" -none -Wall samples/kthread/*.c 2>&1) ||
		{ result 0 "scripts/kernel-doc runs"; indent <<<"$out"; return; }
	verdict "scripts/kernel-doc -none -Wall samples/kthread/*.c" "$out"
}

# run_coccicheck: every Coccinelle script of the tree in report mode. It
# exits 0 whether or not it found something, and prints the same when it
# checked nothing: count the scripts it ran and read its reports.
run_coccicheck() {
	local planted log ran reports total skipped nskipped
	need spatch
	planted=$(mktemp -d)
	printf '%s\n' '#include <linux/slab.h>' 'void planted_free(void *p);' \
		'void planted_free(void *p)' '{' '	if (p)' '		kfree(p);' '}' >"$planted/planted.c"
	log=$(make -C "$kernel" coccicheck MODE=report M="$planted" \
		COCCI="$kernel/scripts/coccinelle/free/ifnullfree.cocci" 2>&1 || true)
	rm -rf "$planted"
	grep -q '^\./planted\.c:[0-9]*:.*WARNING: NULL check before some freeing functions' <<<"$log" ||
		die "coccicheck did not report a planted 'if (p) kfree(p)': $(tail -n 5 <<<"$log")"
	log=$OUT/coccicheck-$(basename "$kernel").log
	if ! make -C "$kernel" coccicheck MODE=report M=samples/kthread J="$JOBS" >"$log" 2>&1 ||
		grep -q 'No OCaml compiler found\|coccicheck failed' "$log"; then
		result 0 "make coccicheck runs (log: $log)"
		tail -n 5 "$log" | indent
		return
	fi
	# Every script of the tree either ran or was skipped, and said why
	# (it needs a newer Coccinelle, or has no report mode); at least 90%
	# of them ran.
	total=$(find "$kernel/scripts/coccinelle" -name '*.cocci' | wc -l)
	ran=$(grep -c '^/usr/bin/spatch .*--cocci-file' "$log" || true)
	skipped=$(sed -n -e 's|^Skipping coccinelle SmPL patch: .*/||p' \
		-e "s|^warning: Skipping .*/\([^/]*\) as it does not match mode 'report'|\1 (no report mode)|p" "$log" |
		paste -sd, -)
	nskipped=$(grep -c -e '^Skipping coccinelle SmPL patch: ' \
		-e "^warning: Skipping .* as it does not match mode 'report'" "$log" || true)
	if ((ran + nskipped != total || ran * 10 < total * 9)); then
		result 0 "make coccicheck ran the tree's scripts ($ran of $total ran, $nskipped skipped${skipped:+: $skipped}; log: $log)"
		return
	fi
	reports=$(grep -E '^\./[^ ]+:[0-9]+:' "$log" || true)
	verdict "make coccicheck MODE=report M=samples/kthread ($ran of the tree's $total scripts${skipped:+; skipped: $skipped})" "$reports"
}

# Set up sparse and the make command for bisect and sparse: SPARSE, KMAKE.
setup_sparse() {
	[[ -n $build && -f $build/.config ]] || die "bisect and sparse need --build with a configured build directory"
	SPARSE=$("$TOP/scripts/get-sparse.sh")
	if [[ $("$kernel/scripts/checker-valid.sh" "$SPARSE" 2>&1) != 1 ]]; then
		result 0 "scripts/checker-valid.sh accepts $SPARSE"
		return 1
	fi
	result 1 "scripts/checker-valid.sh accepts $SPARSE"
	# A checker that cannot find anything proves nothing.
	local probe
	probe=$(mktemp --suffix=.c)
	printf '%s\n' '#define __user __attribute__((noderef, address_space(__user)))' \
		'int f(int __user *p);' 'int f(int __user *p) { return *p; }' >"$probe"
	if ! "$SPARSE" "$probe" 2>&1 | grep -q 'dereference of noderef expression'; then
		rm -f "$probe"
		die "$SPARSE does not report a __user dereference: it checks nothing"
	fi
	rm -f "$probe"
	KMAKE=(make -C "$kernel" O="$build" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE"
		"${CC_MAKE_ARGS[@]}" -j"$JOBS" W=1)
	planted_build
}

# build_warnings LOG: the warning and error lines of a build log (compiler,
# sparse, modpost) wherever they point: a warning in a header that a sample
# includes names the header, not the sample. Only the vDSO is left out,
# which C=2 also checks on some architectures when "make prepare" builds it.
build_warnings() {
	grep -E '([Ww]arning|[Ee]rror)[:(]|^(WARNING|ERROR)' "$1" |
		grep -Ev '(^|/)arch/[a-z0-9]+/(kernel/)?vdso[0-9]*/' || true
}

# planted_build: one module per kind of warning that the build checks must
# see, built the same way (W=1, C=2 with this sparse, modpost); build_warnings
# must report each, or those checks prove nothing.
planted_build() {
	local dir kind log
	dir=$(mktemp -d)
	for kind in w1 sparse modpost; do
		rm -rf "${dir:?}"/*
		{
			echo '#include <linux/module.h>'
			case $kind in
			w1) echo 'static const int planted_unused = 1;' ;;  # -Wunused-const-variable, W=1 only
			sparse) echo 'int planted_global;' ;;               # sparse: "should it be static?"
			esac
			[[ $kind == modpost ]] || echo 'MODULE_DESCRIPTION("planted");'
			echo 'MODULE_LICENSE("GPL");'
		} >"$dir/planted_$kind.c"
		echo "obj-m += planted_$kind.o" >"$dir/Makefile"
		log=$OUT/planted-build-$kind-$arch-$cc.log
		"${KMAKE[@]}" C=2 CHECK="$SPARSE" M="$dir" modules >"$log" 2>&1 ||
			die "the planted $kind module did not build (log: $log)"
		# Its own warning, naming the planted file: not any other line.
		build_warnings "$log" | grep -q "planted_$kind" ||
			die "a planted $kind warning was not seen in the build log: the build checks prove nothing (log: $log)"
	done
	rm -rf "$dir"
}

# check_made WHAT LOG DIR PREFIX: "ok" when the build in LOG ran sparse on
# every sample of DIR, named PREFIX/FILE (after any directory), and nothing
# warned.
check_made() {
	local what=$1 log=$2 dir=$3 prefix=$4 f missing=
	for f in "$dir"/*.c; do
		f=$(basename "$f")
		[[ $f != *.mod.c ]] || continue
		grep -Eq "CHECK +(.*/)?${prefix//./\\.}${f//./\\.}\$" "$log" || missing+=" $prefix$f"
	done
	if [[ -n $missing ]]; then
		result 0 "$what: sparse checked every file (not:$missing)"
	elif build_warnings "$log" | indent | grep .; then
		result 0 "$what builds with no warning (W=1, C=2, modpost)"
	else
		result 1 "$what builds with no warning (W=1, C=2, modpost)"
	fi
}

# check_here WHAT LOG: compile every sample of the tree again with W=1 and
# sparse, then modpost.
check_here() {
	# Compile every sample again: W=1 warns only when it compiles.
	rm -f "$build"/samples/kthread/*.o
	{
		"${KMAKE[@]}" C=2 CHECK="$SPARSE" samples/kthread/ &&
			"${KMAKE[@]}" modules
	} >"$2" 2>&1 || { result 0 "$1 builds (log: $2)"; return; }
	# 7.3 names the file relative to the tree, 7.2 by its full path.
	check_made "$1" "$2" "$kernel/samples/kthread" samples/kthread/
}

run_bisect() {
	local commits c n=0 subject dir log
	setup_sparse || return 0
	mapfile -t commits < <(git -C "$kernel" rev-list --reverse base..HEAD)
	((${#commits[@]})) || die "no commits between base and HEAD in $kernel"
	dir=$(mktemp -d)
	for c in "${commits[@]}"; do
		n=$((n + 1))
		subject=$(git -C "$kernel" log -1 --format=%s "$c")
		log=$OUT/bisect-$(basename "$kernel")-$arch-$cc-$n.log
		rm -rf "${dir:?}/samples"
		git -C "$kernel" archive "$c" samples/kthread | tar -x -C "$dir"
		if ! "${KMAKE[@]}" C=2 CHECK="$SPARSE" M="$dir/samples/kthread" modules >"$log" 2>&1; then
			result 0 "patch $n: $subject builds (log: $log)"
			continue
		fi
		# Relative to M=.
		check_made "patch $n: $subject" "$log" "$dir/samples/kthread" ""
	done
	rm -rf "$dir"
}

run_sparse() {
	setup_sparse || return 0
	check_here "samples/kthread for $arch with $cc" "$OUT/sparse-$(basename "$kernel")-$arch-$cc.log"
}

# Each check on its own: one that stops (die) does not stop the others.
status=0
for c in "${checks[@]}"; do
	(
		case $c in
		checkpatch) run_checkpatch ;;
		kerneldoc) run_kerneldoc ;;
		coccicheck) run_coccicheck ;;
		bisect) run_bisect ;;
		sparse) run_sparse ;;
		esac
		exit "$failed"
	) || status=1
done
exit "$status"
