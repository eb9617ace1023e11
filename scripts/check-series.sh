#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Static checks of the series in a kernel tree where it is applied:
#   checkpatch  checkpatch.pl --strict --codespell on every patch
#   bisect      after each patch in turn: make W=1 C=2 samples/kthread/ with a
#               sparse the tree accepts, then modpost; no warning of any kind
#   sparse      the same at the tree's HEAD only (for another architecture
#               or compiler than the one that ran bisect)
# Each check prints "ok - ..." or "not ok - ..." lines; exits 1 on a failure.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --kernel DIR [--build DIR] [--arch ARCH] [--cc NAME] [--patches DIR] checkpatch|bisect|sparse...
  --kernel DIR   the tree with the series applied (as scripts/apply-series.sh leaves it)
  --build DIR    its configured, built build directory (needed by bisect and sparse)
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
while (($#)); do
	case $1 in
	--kernel) (($# > 1)) || usage_error "--kernel needs a directory"; kernel=$2; shift ;;
	--build) (($# > 1)) || usage_error "--build needs a directory"; build=$2; shift ;;
	--arch) (($# > 1)) || usage_error "--arch needs a name"; arch=$2; shift ;;
	--cc) (($# > 1)) || usage_error "--cc needs a name"; cc=$2; shift ;;
	--patches) (($# > 1)) || usage_error "--patches needs a directory"; patches=$2; shift ;;
	checkpatch | bisect | sparse) checks+=("$1") ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done
[[ -n $kernel ]] || usage_error "--kernel is required"
((${#checks[@]})) || usage_error "name at least one check"
[[ -f $TOP/tests/arch/$arch.conf ]] || usage_error "unknown architecture '$arch'"
[[ $cc =~ ^[a-z0-9]+$ && -f $TOP/tests/cc/$cc.conf ]] || usage_error "unknown compiler '$cc'"
kernel=$(cd "$kernel" && pwd)
mkdir -p "$OUT"
failed=0
indent() { sed 's/^/    # /'; }
result() { # result OK NAME
	if (($1)); then echo "ok - $2"; else echo "not ok - $2"; failed=1; fi
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
	local p out types bad
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
		# Allowed, and explained in the cover letter: no Signed-off-by
		# unless --signoff, and no MAINTAINERS entry for the directory.
		bad=$(grep -v -x -e MISSING_SIGN_OFF -e FILE_PATH_CHANGES <<<"$types" || true)
		if [[ -n $bad ]]; then
			result 0 "checkpatch --strict --codespell: $(basename "$p")"
			indent <<<"$out"
		else
			result 1 "checkpatch --strict --codespell: $(basename "$p")"
		fi
	done
}

# Set up sparse and the make command for bisect and sparse: SPARSE, KMAKE.
setup_sparse() {
	[[ -n $build && -f $build/.config ]] || die "bisect and sparse need --build with a configured build directory"
	# shellcheck source=tests/arch/x86_64.conf
	. "$TOP/tests/arch/$arch.conf"
	# shellcheck source=tests/cc/gcc.conf
	. "$TOP/tests/cc/$cc.conf"
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
}

# check_here WHAT LOG: compile every sample again with W=1 and sparse, then
# modpost; "ok" when sparse checked each file and nothing warned.
check_here() {
	local what=$1 log=$2 f missing=
	# Compile every sample again: W=1 warns only when it compiles.
	rm -f "$build"/samples/kthread/*.o
	{
		"${KMAKE[@]}" C=2 CHECK="$SPARSE" samples/kthread/ &&
			"${KMAKE[@]}" modules
	} >"$log" 2>&1 || { result 0 "$what builds (log: $log)"; return; }
	for f in "$kernel"/samples/kthread/*.c; do
		f=samples/kthread/$(basename "$f")
		# 7.3 names the file relative to the tree, 7.2 by its full path.
		grep -Eq "CHECK +(.*/)?$f\$" "$log" || missing+=" $f"
	done
	if [[ -n $missing ]]; then
		result 0 "$what: sparse checked every file (not:$missing)"
	# C=2 also checks what "make prepare" builds for some architectures
	# (arm64's vDSO): not ours. Ours, and modpost, must be silent.
	elif grep -E 'samples/kthread.*([Ww]arning|[Ee]rror)|^(WARNING|ERROR)|modpost.*([Ww]arning|[Ee]rror)' "$log" |
		indent | grep .; then
		result 0 "$what builds with no warning (W=1, C=2, modpost)"
	else
		result 1 "$what builds with no warning (W=1, C=2, modpost)"
	fi
}

run_bisect() {
	local head commits c n=0 subject
	setup_sparse || return 0
	head=$(git -C "$kernel" rev-parse HEAD)
	mapfile -t commits < <(git -C "$kernel" rev-list --reverse base..HEAD)
	((${#commits[@]})) || die "no commits between base and HEAD in $kernel"
	for c in "${commits[@]}"; do
		n=$((n + 1))
		subject=$(git -C "$kernel" log -1 --format=%s "$c")
		git -C "$kernel" checkout -q --detach "$c"
		check_here "patch $n: $subject" "$OUT/bisect-$(basename "$kernel")-$arch-$cc-$n.log"
	done
	git -C "$kernel" checkout -q --detach "$head"
	"${KMAKE[@]}" modules >"$OUT/bisect-$(basename "$kernel")-$arch-$cc-final.log" 2>&1 ||
		die "rebuilding the modules at the last patch failed"
}

run_sparse() {
	setup_sparse || return 0
	check_here "samples/kthread for $arch with $cc" "$OUT/sparse-$(basename "$kernel")-$arch-$cc.log"
}

for c in "${checks[@]}"; do
	case $c in
	checkpatch) run_checkpatch ;;
	bisect) run_bisect ;;
	sparse) run_sparse ;;
	esac
done
exit "$failed"
