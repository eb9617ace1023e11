#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the guide with the kernel's own "make SPHINXDIRS=core-api htmldocs"
# in a scratch copy of a kernel tree (hard links where possible; the given
# tree is never written): Documentation.patch applied, the guide copied
# in, samples-kthread/*.c copied to samples/kthread/. Fails on any Sphinx
# or docutils warning or error that names kthread.rst, and when the build
# made no core-api/kthread.html. --selftest plants a broken cross-reference
# and bad markup in a copy of the guide and requires the check to fail.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --kernel DIR [--rst FILE] [--selftest] [--keep]
  --kernel DIR  a 7.3 kernel source tree (read only)
  --rst FILE    the guide to build (default: Documentation/core-api/kthread.rst
                of this repository)
  --selftest    plant errors in a copy of the guide: the check must fail
  --keep        keep the scratch directory (its path is printed)
USAGE
}

kernel=
rst=$TOP/Documentation/core-api/kthread.rst
selftest=0
keep=0
parse_options --kernel=kernel:DIR --rst=rst:FILE --selftest!selftest=1 \
	--keep!keep=1 -- "$@"
[[ -n $kernel ]] || usage_error "--kernel is required"
[[ -f $kernel/Makefile && -f $kernel/Documentation/core-api/index.rst ]] ||
	die "$kernel is not a kernel tree"
[[ -f $rst ]] || die "no such file: $rst"
need make python3 sphinx-build patch timeout
python3 -c 'import yaml' 2>/dev/null ||
	die "python3-yaml is missing: run scripts/install-deps.sh first"

BUILD_LIMIT=${HTMLDOCS_TIMEOUT:-900}
work=$(mktemp -d "${TMPDIR:-/tmp}/check-htmldocs.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if ((keep)); then
		say "scratch directory kept: $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# make_tree DEST: a copy of $kernel that can be patched without touching it.
make_tree() {
	local dest=$1 entry
	mkdir -p "$dest"
	for entry in "$kernel"/* "$kernel"/.[!.]*; do
		[[ -e $entry && $(basename "$entry") != .git ]] || continue
		cp -al "$entry" "$dest/" 2>/dev/null || cp -a "$entry" "$dest/"
	done
	# The files the build is given are real copies, not links.
	rm -rf "$dest/Documentation/core-api" "$dest/samples/kthread"
	cp -a "$kernel/Documentation/core-api" "$dest/Documentation/core-api"
	patch -d "$dest" -p1 -s --no-backup-if-mismatch \
		<"$TOP/Documentation.patch" || die "Documentation.patch does not apply"
	if compgen -G "$TOP/samples-kthread/*.c" >/dev/null; then
		mkdir -p "$dest/samples/kthread"
		cp "$TOP"/samples-kthread/*.c "$dest/samples/kthread/"
	fi
}

# check_build RST NAME: build with RST as the guide; print ok/not ok lines.
# Returns 0 when every check passed.
check_build() {
	local guide=$1 name=$2 tree=$work/$2 log=$work/$2.log start=$SECONDS
	local failed=0 hits html
	make_tree "$tree"
	cp "$guide" "$tree/Documentation/core-api/kthread.rst"
	say "$name: make SPHINXDIRS=core-api htmldocs (log: $log)"
	if run_logged "$log" "$BUILD_LIMIT" "htmldocs ($name)" \
		make -C "$tree" O="$tree/out" SPHINXDIRS=core-api htmldocs; then
		echo "ok - $name: htmldocs build finished in $(elapsed "$start")"
	else
		echo "not ok - $name: htmldocs build failed after $(elapsed "$start") (log: $log)"
		failed=1
	fi
	hits=$(grep -E 'kthread\.rst' "$log" |
		grep -iE 'warning|error|critical|severe' || true)
	if [[ -z $hits ]]; then
		echo "ok - $name: no warning or error names kthread.rst"
	else
		echo "not ok - $name: warnings or errors name kthread.rst"
		sed -e "s|$tree/||" -e 's/^/#   /' <<<"$hits" | head -n 20
		failed=1
	fi
	html=$tree/out/Documentation/output/core-api/kthread.html
	if [[ -s $html ]]; then
		echo "ok - $name: core-api/kthread.html was built"
		((keep == 0)) || say "the guide as HTML: $html"
	else
		echo "not ok - $name: no core-api/kthread.html"
		failed=1
	fi
	return "$failed"
}

if ((selftest)); then
	bad=$work/kthread-bad.rst
	cp "$rst" "$bad"
	cat >>"$bad" <<'PLANT'

Planted errors
==============

See :doc:`no-such-document-selftest` and ``an unterminated literal.

 * a list item indented wrongly
  that continues badly
PLANT
	out=$(check_build "$bad" selftest) && rc=0 || rc=$?
	printf '%s\n' "$out" | sed 's/^\(not \)\?ok - /# (planted) &/'
	if ((rc != 0)) && grep -q 'no-such-document-selftest' <<<"$out" &&
		grep -q 'unterminated\|Inline literal' <<<"$out"; then
		echo "ok - selftest: the check fails on a planted broken reference and bad markup"
		exit 0
	fi
	echo "not ok - selftest: the check did not catch the planted errors"
	exit 1
fi

check_build "$rst" guide
