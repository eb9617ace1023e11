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
parse_options --build=build:DIR --arch=arch:ARCH -- "$@"
[[ -n $build && -f $build/Module.symvers ]] || usage_error "--build needs a built kernel build directory"
load_arch "$arch" || usage_error "unknown architecture '$arch' (no tests/arch/$arch.conf)"
dir=$OUT/test-modules-$(basename "$build")
rm -rf "$dir"
mkdir -p "$dir"
cp "$TOP"/tests/modules/*.c "$TOP"/tests/modules/Makefile "$dir/"
make -C "$build" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" M="$dir" -j"$JOBS" modules \
	>"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; die "building tests/modules failed"; }
say "built $(find "$dir" -name '*.ko' | wc -l) test modules in $dir"
echo "$dir"
