#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a sparse that Linux 7.x accepts (it must know
# __typeof_unqual__, as scripts/checker-valid.sh checks). Debian 12's sparse
# 0.6.4 does not, so build Debian sid's sparse from source into the cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0"; }
parse_options -- "$@"

# The test of the kernel's scripts/checker-valid.sh.
accepted() {
	local f out
	f=$(mktemp --suffix=.c)
	printf 'static inline int u(const int *q)\n{\n\t__typeof_unqual__(*q) v = *q;\n\treturn v;\n}\n' >"$f"
	out=$("$1" "$f" 2>&1 || true)
	rm -f "$f"
	! grep -q error <<<"$out"
}

if command -v sparse >/dev/null && accepted sparse; then
	command -v sparse
	exit 0
fi
dir=$CACHE/sparse
bin=$dir/bin/sparse
cache_lock sparse
if [[ -x $bin ]] && accepted "$bin"; then
	echo "$bin"
	exit 0
fi

need make gcc tar
papt_update
start=$SECONDS
say "building sparse from Debian sid's source package"
rm -rf "$dir"
mkdir -p "$dir/src" "$dir/bin"
(cd "$dir/src" && papt apt-get source --download-only sparse) >&2 ||
	die "could not download the source package of sparse"
orig=$(find "$dir/src" -name 'sparse_*.orig.tar.*' | head -n 1)
[[ -n $orig ]] || die "no sparse_*.orig.tar.* in the source package"
tar -C "$dir/src" -xf "$orig"
srcdir=$(find "$dir/src" -mindepth 1 -maxdepth 1 -type d | head -n 1)
timeout 600 make -C "$srcdir" -j"$JOBS" sparse \
	HAVE_GTK=no HAVE_LLVM=no HAVE_SQLITE=no HAVE_LIBXML=no >"$dir/build.log" 2>&1 ||
	die "building sparse failed: see $dir/build.log"
cp "$srcdir/sparse" "$bin"
accepted "$bin" || die "the sparse built from $(basename "$orig") does not know __typeof_unqual__"
say "sparse from $(basename "$(find "$dir/src" -name '*.dsc' | head -n 1)" .dsc) built in $(elapsed "$start")"
echo "$bin"
