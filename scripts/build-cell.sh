#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build what a cell of tests/matrix.txt tests, where scripts/test.sh and
# its background builder (scripts/prebuild.sh) both find it
# (cell_paths in scripts/lib.sh):
#   series  the kernel with the samples, from the tree the series was
#           applied to (scripts/apply-series.sh) first
#   oot     Debian's sources without the series, then the samples out of
#           tree against that build
#   distro  the samples out of tree against the distribution's packaged
#           headers (tests/distro/TREE.conf)
# With --variant NAME (a series cell), the kernel of tests/configs/NAME.config
# (debug, kcsan) instead, beside the cell's own, in its build directory
# with -NAME appended.
# Two calls for one cell (or one variant) never build at once: the second
# waits, then finds the work done.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--kernel DIR] [--variant NAME] TREE ARCH CC HOW
  TREE ARCH CC HOW  a line of tests/matrix.txt, e.g. 7.3 arm64 gcc series
  --kernel DIR      the tree of the cell "own x86_64 gcc series" (scripts/test.sh --kernel)
  --variant NAME    a series cell's kernel with tests/configs/NAME.config
USAGE
}

own=
variant=
cell=()
parse_options --kernel=own:DIR --variant=variant:NAME '@cell[]' -- "$@"
((${#cell[@]} == 4)) || usage_error "give TREE ARCH CC HOW"
read -r tree arch cc how <<<"${cell[*]}"
load_arch "$arch" || usage_error "unknown architecture '$arch'"
load_cc "$cc" || usage_error "unknown compiler '$cc'"
[[ $tree != own || -n $own ]] || usage_error "the tree 'own' needs --kernel DIR"
cell_paths "$tree" "$arch" "$cc" "$how" "$own"
cache_lock "cell-$(basename "$cell_tree")-$arch-$cc${variant:+-$variant}" 3600
noimage=()
((BOOT)) || noimage=(--no-image)
if [[ -n $variant ]]; then
	[[ $how == series ]] || usage_error "--variant is for a series cell"
	[[ $variant =~ ^[a-z0-9]+$ && -f $TOP/tests/configs/$variant.config ]] ||
		usage_error "no tests/configs/$variant.config"
	"$TOP/scripts/build-kernel.sh" --kernel "$cell_tree" --arch "$arch" --cc "$cc" \
		--build "$cell_build-$variant" --config "$TOP/tests/configs/$variant.config" >/dev/null
	exit 0
fi

case $how in
series)
	"$TOP/scripts/build-kernel.sh" --kernel "$cell_tree" --arch "$arch" --cc "$cc" \
		--build "$cell_build" "${noimage[@]}" >/dev/null
	;;
oot)
	valid_version "$tree" || usage_error "unsupported kernel version '$tree'"
	src=$("$TOP/scripts/get-kernel.sh" "$tree")
	"$TOP/scripts/build-kernel.sh" --kernel "$src" --no-samples --arch "$arch" --cc "$cc" \
		--build "$cell_build" "${noimage[@]}" >/dev/null
	"$TOP/scripts/build-oot.sh" --kernel-build "$cell_kbuild" --arch "$arch" --cc "$cc" \
		--out "$cell_oot" >/dev/null
	;;
distro)
	"$TOP/scripts/get-distro-kernel.sh" "$tree" >/dev/null
	"$TOP/scripts/build-oot.sh" --kernel-build "$cell_kbuild" --arch "$arch" --cc "$cc" \
		--out "$cell_oot" >/dev/null
	;;
*) usage_error "unknown HOW '$how' (series, oot or distro)" ;;
esac
