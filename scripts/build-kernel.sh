#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configure (tinyconfig + fragments) and build a kernel with the samples as
# modules in a separate build directory, the samples with W=1. Fails when a requested
# config symbol did not survive olddefconfig, or when the build printed any
# warning about samples/kthread or from modpost. Prints the build directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --kernel DIR [--arch ARCH] [--config FRAGMENT]... [--build DIR] [--sparse]
  --kernel DIR     kernel tree with the series applied
  --arch ARCH      a file tests/arch/ARCH.conf (default: x86_64)
  --config FILE    extra config fragment (tests/configs/base.config and the
                   architecture's CONFIG_FRAGMENTS are always used)
  --build DIR      build directory (default: \$CACHE/build/<tree>-<arch>)
  --sparse         then run sparse on samples/kthread (make C=2) and show it
USAGE
}

kernel=
arch=x86_64
build=
sparse=0
fragments=("$TOP/tests/configs/base.config")
while (($#)); do
	case $1 in
	--kernel) (($# > 1)) || usage_error "--kernel needs a directory"; kernel=$2; shift ;;
	--arch) (($# > 1)) || usage_error "--arch needs a name"; arch=$2; shift ;;
	--config) (($# > 1)) || usage_error "--config needs a file"; fragments+=("$(realpath "$2")"); shift ;;
	--build) (($# > 1)) || usage_error "--build needs a directory"; build=$2; shift ;;
	--sparse) sparse=1 ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done
[[ -n $kernel ]] || usage_error "--kernel is required"
[[ -f $kernel/Makefile && -d $kernel/samples/kthread ]] ||
	die "$kernel is not a kernel tree with the series applied"
archconf=$TOP/tests/arch/$arch.conf
[[ -f $archconf ]] || usage_error "unknown architecture '$arch' (no $archconf)"
# shellcheck source=tests/arch/x86_64.conf
. "$archconf"
for f in "${CONFIG_FRAGMENTS[@]}"; do
	fragments+=("$TOP/tests/configs/$f")
done
for f in "${fragments[@]}"; do
	[[ -f $f ]] || die "no config fragment $f"
done
need make gcc flex bison bc
kernel=$(cd "$kernel" && pwd)
build=${build:-$CACHE/build/$(basename "$kernel")-$arch}
mkdir -p "$build" "$OUT"
build=$(cd "$build" && pwd)
log=$OUT/build-$(basename "$build").log
kmake=(make -C "$kernel" O="$build" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" -j"$JOBS")

# Configure in a scratch file first, and replace .config only when it
# changed, so that a warm build stays incremental.
start=$SECONDS
archfrag=$build/arch.config
printf '%s\n' "$CONFIG_FRAGMENT" >"$archfrag"
fragments+=("$archfrag")
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
say "configured $(basename "$kernel") for $arch: every requested symbol survived"

# The kernel as it is, then the samples again with W=1: W=1 on the whole
# kernel runs kernel-doc on every file and warns about code that is not ours.
scratch=0
[[ -f $build/vmlinux ]] || scratch=1
say "building $(basename "$kernel") for $arch (log: $log)"
if ! run_logged "$log" 3600 "kernel build" "${kmake[@]}" "$(basename "$KIMAGE")" modules; then
	grep -E 'error|Error' "$log" | head -n 20 >&2
	die "kernel build failed: see $log"
fi
rm -f "$build"/samples/kthread/*.o
if ! "${kmake[@]}" W=1 samples/kthread/ modules >"$log.w1" 2>&1; then
	grep -E 'error|Error' "$log.w1" | head -n 20 >&2
	die "building the samples with W=1 failed: see $log.w1"
fi
if grep -E '[Ww]arning|[Ee]rror|WARNING' "$log.w1" >&2 ||
	grep -E '(samples/kthread|modpost).*([Ww]arning|[Ee]rror|WARNING)|^WARNING: modpost' "$log" >&2; then
	die "the build printed warnings for the samples (above; logs: $log, $log.w1)"
fi
for c in "$TOP"/samples-kthread/*.c; do
	ko=$build/samples/kthread/$(basename "${c%.c}").ko
	[[ -f $ko ]] || die "the build made no $ko"
done
say "built in $(elapsed "$start"): $build/$KIMAGE"
if ((scratch)); then
	echo "$((SECONDS - start)) s from scratch with -j$JOBS on $(nproc) CPUs" >"$build/.kthread-build-time"
fi
if ((sparse)); then
	checker=$("$TOP/scripts/get-sparse.sh")
	say "make W=1 C=2 samples/kthread/ (sparse: $checker)"
	"${kmake[@]}" W=1 C=2 CHECK="$checker" samples/kthread/ >"$log.sparse" 2>&1 ||
		die "make C=2 samples/kthread/ failed: see $log.sparse"
	grep -E 'CHECK +samples|[Ww]arning|[Ee]rror' "$log.sparse" | sed 's/^/    /' >&2
	if grep -i -E 'warning|error' "$log.sparse" >/dev/null; then
		die "sparse or W=1 warned about the samples (above)"
	fi
fi
echo "$build"
