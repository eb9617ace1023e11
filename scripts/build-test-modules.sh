#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test-only modules of tests/modules (deliberate bugs, benchmark
# baseline) out of tree against a kernel build directory. Prints the
# directory that holds the .ko files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0 --build DIR [--arch ARCH]"; }

build=
arch=x86_64
while (($#)); do
	case $1 in
	--build) (($# > 1)) || usage_error "--build needs a directory"; build=$2; shift ;;
	--arch) (($# > 1)) || usage_error "--arch needs a name"; arch=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done
[[ -n $build && -f $build/Module.symvers ]] || usage_error "--build needs a built kernel build directory"
archconf=$TOP/tests/arch/$arch.conf
[[ -f $archconf ]] || usage_error "unknown architecture '$arch'"
# shellcheck source=tests/arch/x86_64.conf
. "$archconf"
dir=$OUT/test-modules-$(basename "$build")
rm -rf "$dir"
mkdir -p "$dir"
cp "$TOP"/tests/modules/*.c "$TOP"/tests/modules/Makefile "$dir/"
make -C "$build" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" M="$dir" -j"$JOBS" modules \
	>"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; die "building tests/modules failed"; }
say "built $(find "$dir" -name '*.ko' | wc -l) test modules in $dir"
echo "$dir"
