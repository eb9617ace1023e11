#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the samples out of tree, as modules for a kernel that does not have
# the series: a kernel built by scripts/build-kernel.sh --no-samples, or a
# distribution's kernel headers (scripts/get-distro-kernel.sh). One command:
#
#   scripts/build-oot.sh --kernel-build DIR
#
# copies samples-kthread/ with oot/Kbuild and oot/kthread-compat.h (the
# kthread API of the series' base kernel, force-included for older
# kernels) into a build directory, runs make -C DIR M=... W=1 (and C=2 with
# --sparse) there, and fails on any warning about the samples or from
# modpost. Prints the directory that holds the .ko files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--kernel-build DIR] [--arch ARCH] [--cc gcc|llvm | --llvm] [--out DIR] [--sparse]
  --kernel-build DIR  a built kernel (its O= directory) or a kernel headers
                      directory (default: the running kernel's,
                      /lib/modules/\$(uname -r)/build)
  --arch ARCH         a file tests/arch/ARCH.conf (default: x86_64)
  --cc NAME           a file tests/cc/NAME.conf (default: gcc)
  --out DIR           where to build (default: \$CACHE/oot/<kernel-build name>)
  --sparse            also run sparse on every sample (make C=2)
USAGE
}

kbuild=
arch=x86_64
cc=gcc
out=
sparse=0
parse_options --kernel-build=kbuild:DIR --arch=arch:ARCH --cc=cc:NAME --llvm!cc=llvm \
	--out=out:DIR --sparse!sparse=1 -- "$@"
if [[ -z $kbuild ]]; then
	# The kernel this machine runs, as a learner builds for it.
	# (KT_LIB_MODULES: the README's recipe test, tests/host/readme-recipes.sh,
	# stands a packaged kernel's headers in for the running kernel's.)
	kbuild=${KT_LIB_MODULES:-/lib/modules}/$(uname -r)/build
	[[ -f $kbuild/Makefile ]] ||
		die "no headers for the running kernel $(uname -r) in $kbuild: install them (Debian and Ubuntu: apt install linux-headers-$(uname -r); Fedora: dnf install kernel-devel-$(uname -r)), or give --kernel-build DIR"
fi
[[ -f $kbuild/Makefile && -f $kbuild/Module.symvers ]] ||
	die "$kbuild is not a built kernel or kernel headers directory (no Makefile and Module.symvers)"
load_arch "$arch" || usage_error "unknown architecture '$arch' (no tests/arch/$arch.conf)"
load_cc "$cc" || usage_error "unknown compiler '$cc' (no tests/cc/$cc.conf)"
need make "${CROSS_COMPILE}gcc" "${CC_NEED[@]}"
kbuild=$(cd "$kbuild" && pwd -P)
out=${out:-$CACHE/oot/$(basename "$kbuild")}
cache_lock "oot-$(basename "$out")" 3600
mkdir -p "$OUT"
log=$OUT/oot-$(basename "$kbuild").log

# A fresh copy: M= builds write their objects next to the sources.
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
cp "$TOP"/samples-kthread/*.c "$out/"
cp "$TOP/samples-kthread/Makefile" "$out/samples.mk"
cp "$TOP/oot/Kbuild" "$TOP/oot/kthread-compat.h" "$out/"

# A sample that needs an API older kernels lack, with no honest stand-in in
# kthread-compat.h, is left out (oot/left-out.txt: SAMPLE VERSION REASON);
# $out/left-out names it for the guest, which skips its suite, and for the
# judge, which requires that skip (scripts/boot-test.sh).
release=$(cat "$kbuild/include/config/kernel.release" 2>/dev/null) ||
	die "$kbuild has no include/config/kernel.release: which kernel is it?"
[[ $release =~ ^([0-9]+)\.([0-9]+) ]] || die "cannot read the kernel version in '$release'"
kver=$((BASH_REMATCH[1] * 1000 + BASH_REMATCH[2]))
: >"$out/left-out"
while read -r sample since why; do
	[[ -n $sample && $sample != \#* ]] || continue
	[[ $since =~ ^([0-9]+)\.([0-9]+)$ && -f $out/$sample.c && -n $why ]] ||
		die "oot/left-out.txt: bad line '$sample $since $why'"
	((kver < BASH_REMATCH[1] * 1000 + BASH_REMATCH[2])) || continue
	rm "$out/$sample.c"
	sed -i "/ $sample\.o\$/d" "$out/samples.mk"
	echo "$sample $why" >>"$out/left-out"
	say "left out $sample: it needs Linux $since ($why); its suite will be skipped"
done <"$TOP/oot/left-out.txt"

kmake=(make -C "$kbuild" M="$out" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" "${CC_MAKE_ARGS[@]}" -j"$JOBS" W=1)
if ((sparse)); then
	checker=$("$TOP/scripts/get-sparse.sh")
	kmake+=(C=2 CHECK="$checker")
fi
start=$SECONDS
say "building the samples out of tree against $kbuild ($arch, $cc, W=1$( ((sparse)) && echo ", sparse"))"
if ! run_logged "$log" 600 "out-of-tree build" "${kmake[@]}" modules; then
	grep -E 'error|Error' "$log" | head -n 20 >&2
	die "the out-of-tree build failed: see $log"
fi
if grep -E '[Ww]arning|[Ee]rror|^WARNING' "$log" >&2; then
	die "the out-of-tree build printed warnings (above; log: $log)"
fi
for c in "$TOP"/samples-kthread/*.c; do
	f=$(basename "$c")
	! grep -q "^${f%.c} " "$out/left-out" || continue
	[[ -f $out/${f%.c}.ko ]] || die "the out-of-tree build made no ${f%.c}.ko"
	if ((sparse)) && ! grep -q "CHECK *$out/$f\$" "$log"; then
		die "sparse did not check $f (log: $log)"
	fi
done
say "built out of tree in $(elapsed "$start"): $out"
echo "$out"
