#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configure (tinyconfig + fragments) and build a kernel with the samples as
# modules in a separate build directory, the samples with W=1, for any
# architecture of tests/arch/ and compiler of tests/cc/. Fails when a
# requested config symbol did not survive olddefconfig, or when the build
# printed any warning about samples/kthread or from modpost. Prints the
# build directory. With --no-samples, a tree without the series is built the
# same way, for the out-of-tree build of the samples (scripts/build-oot.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --kernel DIR [--arch ARCH] [--cc gcc|llvm | --llvm] [--config FRAGMENT]...
          [--build DIR] [--sparse] [--no-samples] [--no-image]
  --kernel DIR     kernel tree with the series applied
  --arch ARCH      a file tests/arch/ARCH.conf (default: x86_64)
  --cc NAME        a file tests/cc/NAME.conf: gcc (default) or llvm (make LLVM=-19)
  --llvm           the same as --cc llvm
  --config FILE    extra config fragment (tests/configs/base.config, the
                   architecture's CONFIG_FRAGMENTS, tests/configs/VERSION.config
                   if there is one, and tests/configs/arch-ARCH.config last
                   are always used)
  --build DIR      build directory (default: \$CACHE/build/<tree>-<arch>[-<cc>])
  --sparse         then run sparse on samples/kthread (make C=2) and show it
  --no-samples     the tree has no series: build the kernel for out-of-tree modules
  --no-image       build the modules (and modpost) but not the bootable image
USAGE
}

kernel=
arch=x86_64
cc=gcc
build=
sparse=0
samples=1
image=1
fragments=("$TOP/tests/configs/base.config")
configs=()
parse_options --kernel=kernel:DIR --arch=arch:ARCH --cc=cc:NAME --llvm!cc=llvm \
	--no-samples!samples=0 --no-image!image=0 '--config=configs[]:FILE' --build=build:DIR \
	--sparse!sparse=1 -- "$@"
for f in "${configs[@]}"; do
	fragments+=("$(realpath "$f")")
done
[[ -n $kernel ]] || usage_error "--kernel is required"
[[ -f $kernel/Makefile ]] || die "$kernel is not a kernel tree"
if ((samples)); then
	[[ -d $kernel/samples/kthread ]] || die "$kernel is not a kernel tree with the series applied"
	fragments+=("$TOP/tests/configs/samples.config")
fi
load_arch "$arch" || usage_error "unknown architecture '$arch' (no tests/arch/$arch.conf)"
load_cc "$cc" || usage_error "unknown compiler '$cc' (no tests/cc/$cc.conf)"
versionconf=$TOP/tests/configs/$(tree_version "$kernel").config
[[ ! -f $versionconf ]] || fragments+=("$versionconf")
for f in "${CONFIG_FRAGMENTS[@]}"; do
	fragments+=("$TOP/tests/configs/$f")
done
# What the architecture needs (its console, its boot), last.
fragments+=("$TOP/tests/configs/arch-$arch.config")
for f in "${fragments[@]}"; do
	[[ -f $f ]] || die "no config fragment $f"
done
need make gcc flex bison bc "${CROSS_COMPILE}gcc" "${CC_NEED[@]}"
kernel=$(cd "$kernel" && pwd)
suffix=$arch
[[ $cc == gcc ]] || suffix+=-$cc
build=${build:-$CACHE/build/$(basename "$kernel")-$suffix}
mkdir -p "$build" "$OUT"
build=$(cd "$build" && pwd)
# One build in a build directory at a time (a cold debug kernel takes 15
# minutes on 2 CPUs beside the boots).
cache_lock "build-$(basename "$build")" 3600
log=$OUT/build-$(basename "$build").log
kmake=(make -C "$kernel" O="$build" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" "${CC_MAKE_ARGS[@]}" -j"$JOBS")

# Configure in a scratch file first, and replace .config only when it
# changed, so that a warm build stays incremental.
start=$SECONDS
cp "$build/.config" "$build/.config.prev" 2>/dev/null || rm -f "$build/.config.prev"
{
	"${kmake[@]}" tinyconfig &&
		"$kernel/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "${fragments[@]}" &&
		"${kmake[@]}" olddefconfig
} >"$log.config" 2>&1 || die "configuring failed: see $log.config"
if [[ -f $build/.config.prev ]] && cmp -s "$build/.config" "$build/.config.prev"; then
	touch -r "$build/.config.prev" "$build/.config"
fi

# Every symbol the fragments ask for must be in the final .config.
lost=()
while IFS= read -r line; do
	case $line in
	CONFIG_*=n) sym=${line%%=*}; grep -q "^$sym=" "$build/.config" && lost+=("$line") ;;
	CONFIG_*=*) grep -qxF "$line" "$build/.config" || lost+=("$line") ;;
	"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *}; grep -q "^$sym=" "$build/.config" && lost+=("$line") ;;
	esac
done < <(cat "${fragments[@]}")
((${#lost[@]} == 0)) || die "olddefconfig dropped: ${lost[*]}"
say "configured $(basename "$kernel") for $arch ($cc): every requested symbol survived"

# The kernel as it is, then the samples again with W=1: W=1 on the whole
# kernel runs kernel-doc on every file and warns about code that is not ours.
scratch=0
[[ -f $build/vmlinux ]] || scratch=1
targets=(modules)
((image == 0)) || targets=("$(basename "$KIMAGE")" modules)
say "building ${targets[*]} of $(basename "$kernel") for $arch with $cc (log: $log)"
if ! run_logged "$log" 3600 "kernel build" "${kmake[@]}" "${targets[@]}"; then
	grep -E 'error|Error' "$log" | head -n 20 >&2
	die "kernel build failed: see $log"
fi
if ((samples)); then
	rm -f "$build"/samples/kthread/*.o
	if ! "${kmake[@]}" W=1 samples/kthread/ modules >"$log.w1" 2>&1; then
		grep -E 'error|Error' "$log.w1" | head -n 20 >&2
		die "building the samples with W=1 failed: see $log.w1"
	fi
	if grep -E '[Ww]arning|[Ee]rror|WARNING' "$log.w1" >&2; then
		die "the samples' W=1 build printed warnings (above; log: $log.w1)"
	fi
fi
if grep -E '(samples/kthread|modpost).*([Ww]arning|[Ee]rror|WARNING)|^WARNING: modpost' "$log" >&2; then
	die "the build printed warnings for the samples or from modpost (above; log: $log)"
fi
if ((samples)); then
	for c in "$TOP"/samples-kthread/*.c; do
		ko=$build/samples/kthread/$(basename "${c%.c}").ko
		[[ -f $ko ]] || die "the build made no $ko"
	done
fi
((image == 0)) || [[ -f $build/$KIMAGE ]] || die "the build made no $build/$KIMAGE"
[[ -f $build/Module.symvers ]] || die "the build made no $build/Module.symvers (modpost did not run)"
say "built in $(elapsed "$start"): $build"
if ((scratch)); then
	echo "$((SECONDS - start)) s from scratch with -j$JOBS on $(nproc) CPUs" >"$build/.kthread-build-time"
fi
if ((sparse)); then
	((samples)) || die "--sparse checks samples/kthread: not with --no-samples"
	checker=$("$TOP/scripts/get-sparse.sh")
	say "make W=1 C=2 samples/kthread/ (sparse: $checker)"
	"${kmake[@]}" W=1 C=2 CHECK="$checker" samples/kthread/ >"$log.sparse" 2>&1 ||
		die "make C=2 samples/kthread/ failed: see $log.sparse"
	grep -E 'CHECK +samples|[Ww]arning|[Ee]rror' "$log.sparse" | sed 's/^/    /' >&2
	# C=2 also checks what "make prepare" builds for some architectures
	# (arm64's vDSO): not ours. Ours must be checked, file by file, and clean.
	for c in "$TOP"/samples-kthread/*.c; do
		# 7.3 names the file relative to the tree, 7.2 by its full path.
		grep -Eq "CHECK +(.*/)?samples/kthread/$(basename "$c")\$" "$log.sparse" ||
			die "sparse did not check samples/kthread/$(basename "$c") (log: $log.sparse)"
	done
	if grep -E 'samples/kthread.*([Ww]arning|[Ee]rror)|^(ERROR|WARNING)' "$log.sparse" >/dev/null; then
		die "sparse or W=1 warned about the samples (above)"
	fi
	say "sparse and W=1: samples/kthread is clean"
fi
echo "$build"
