#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test-only modules of tests/modules (deliberate bugs, benchmark
# baseline) out of tree against a kernel build directory, with the
# compiler the kernel was built with (clang when its .config says so).
# --only builds just the modules named (scripts/boot-test.sh: the floor).
# Prints the directory that holds the .ko files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0 --build DIR [--arch ARCH] [--only NAME,NAME]"; }

build=
arch=x86_64
only=
parse_options --build=build:DIR --arch=arch:ARCH --only=only:NAMES -- "$@"
[[ -n $build && -f $build/Module.symvers ]] || usage_error "--build needs a built kernel build directory"
load_arch "$arch" || usage_error "unknown architecture '$arch' (no tests/arch/$arch.conf)"
cc=gcc
! grep -qx 'CONFIG_CC_IS_CLANG=y' "$build/.config" 2>/dev/null || cc=llvm
load_cc "$cc" || die "no tests/cc/$cc.conf"
if [[ -n $only ]]; then
	[[ $only =~ ^[a-z0-9-]+(,[a-z0-9-]+)*$ ]] || usage_error "--only takes module names separated by commas"
	dir=$OUT/test-modules-only-$(basename "$build")
	srcs=()
	for m in ${only//,/ }; do
		[[ -f $TOP/tests/modules/$m.c ]] || usage_error "no tests/modules/$m.c"
		srcs+=("$TOP/tests/modules/$m.c")
	done
else
	dir=$OUT/test-modules-$(basename "$build")
	srcs=("$TOP"/tests/modules/*.c)
fi
rm -rf "$dir"
mkdir -p "$dir"
cp "${srcs[@]}" "$TOP"/tests/modules/Makefile "$dir/"
make -C "$build" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" "${CC_MAKE_ARGS[@]}" M="$dir" -j"$JOBS" modules \
	>"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; die "building tests/modules failed"; }
say "built $(find "$dir" -name '*.ko' | wc -l) test modules in $dir"
echo "$dir"
