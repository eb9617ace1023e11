#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The samples, running: fetch Debian's Linux 7.3 (or use your tree), apply
# the series, build the kernel and the samples with W=1 and sparse, boot it
# under QEMU and show each sample's kernel log lines and threads.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--kernel DIR]
  --kernel DIR  apply the series to your own clean kernel git tree instead
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

start=$SECONDS
"$TOP/scripts/install-deps.sh" --demo
if [[ -n $own ]]; then
	tree=$("$TOP/scripts/apply-series.sh" --kernel "$own")
else
	tree=$("$TOP/scripts/apply-series.sh" 7.3)
fi
git -C "$tree" log --oneline -n "$(find "$TOP/patches" -name '[0-9]*.patch' ! -name '0000-*' | wc -l)" >&2
build=$("$TOP/scripts/build-kernel.sh" --kernel "$tree" --sparse)
"$TOP/scripts/boot-test.sh" --build "$build" --demo --name demo
say "demo done in $(elapsed "$start")"
