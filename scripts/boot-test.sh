#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a built kernel under QEMU (TCG) with a busybox initramfs holding the
# sample modules and the guest tests (tests/guest/), then judge the KTAP
# they print and the kernel log (tests/host/judge.py).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --build DIR | --image FILE --modules DIR  [--arch ARCH] [--suites A,B]
          [--timeout SECONDS] [--smp N] [--memory MiB] [--taint N] [--name NAME] [--demo]
  --build DIR      kernel build directory from scripts/build-kernel.sh (its
                   image and its samples/kthread/*.ko)
  --image FILE     boot this kernel image instead (e.g. Debian's vmlinuz)
  --modules DIR    take the sample modules from DIR (e.g. scripts/build-oot.sh's)
  --arch ARCH      a file tests/arch/ARCH.conf (default: x86_64)
  --taint N        the taint the kernel must show at the end (default 0;
                   4096 for out-of-tree modules, 12288 if also unsigned)
  --suites A,B     run only these suites of tests/guest/suites (default: all)
  --timeout N      give up on the guest after N seconds (default: 600)
  --name NAME      name of the results directory under out/ (default: boot-ARCH)
  --demo           show the samples running instead of testing them
USAGE
}

build=
image=
moddir=
taint=0
arch=x86_64
suites=
limit=600
smp=2
memory=
name=
demo=0
while (($#)); do
	case $1 in
	--build) (($# > 1)) || usage_error "--build needs a directory"; build=$2; shift ;;
	--image) (($# > 1)) || usage_error "--image needs a file"; image=$2; shift ;;
	--modules) (($# > 1)) || usage_error "--modules needs a directory"; moddir=$2; shift ;;
	--taint) (($# > 1)) || usage_error "--taint needs a number"; taint=$2; shift ;;
	--arch) (($# > 1)) || usage_error "--arch needs a name"; arch=$2; shift ;;
	--suites) (($# > 1)) || usage_error "--suites needs a list"; suites=$2; shift ;;
	--timeout) (($# > 1)) || usage_error "--timeout needs seconds"; limit=$2; shift ;;
	--smp) (($# > 1)) || usage_error "--smp needs a number"; smp=$2; shift ;;
	--memory) (($# > 1)) || usage_error "--memory needs MiB"; memory=$2; shift ;;
	--name) (($# > 1)) || usage_error "--name needs a name"; name=$2; shift ;;
	--demo) demo=1 ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done
[[ -n $build || (-n $image && -n $moddir) ]] ||
	usage_error "give --build, or --image and --modules"
[[ $taint =~ ^[0-9]+$ ]] || usage_error "--taint must be a number"
[[ $limit =~ ^[1-9][0-9]*$ ]] || usage_error "--timeout must be a positive number of seconds"
[[ $smp =~ ^[1-9][0-9]*$ ]] || usage_error "--smp must be a positive number"
[[ -z $memory || $memory =~ ^[1-9][0-9]*$ ]] || usage_error "--memory must be a positive number of MiB"
[[ $suites =~ ^[a-z0-9,-]*$ ]] || usage_error "--suites takes suite names separated by commas"
for s in ${suites//,/ }; do
	[[ -f $TOP/tests/guest/suites/$s.sh ]] || usage_error "no suite '$s' in tests/guest/suites"
done
archconf=$TOP/tests/arch/$arch.conf
[[ -f $archconf ]] || usage_error "unknown architecture '$arch' (no $archconf)"
# shellcheck source=tests/arch/x86_64.conf
. "$archconf"
((BOOT)) || die "$arch is a build-only architecture (BOOT=0 in $archconf)"
memory=${memory:-$MEMORY}
cc=${CROSS_COMPILE}gcc
need "$QEMU" cpio python3 "$cc"
image=${image:-$build/$KIMAGE}
moddir=${moddir:-$build/samples/kthread}
[[ -f $image ]] || die "no kernel image $image: run scripts/build-kernel.sh first"
busybox=$("$TOP/scripts/get-busybox.sh" "$DEB_ARCH") || die "no static busybox for $DEB_ARCH"

name=${name:-boot-$arch}
res=$OUT/$name
rm -rf "$res"
mkdir -p "$res/initramfs"/{bin,dev,proc,sys,tmp,modules,tests}
root=$res/initramfs
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
"$cc" -static -O2 -Wall -Wextra -Werror -o "$root/bin/kt-helper" "$TOP/tests/guest/kt-helper.c" ||
	die "could not build tests/guest/kt-helper.c statically with $cc (libc6-dev for $DEB_ARCH missing? run scripts/install-deps.sh)"
cp "$TOP/tests/guest/init" "$root/init"
cp -r "$TOP/tests/guest/run.sh" "$TOP/tests/guest/lib.sh" "$TOP/tests/guest/kernel.sh" \
	"$TOP/tests/guest/demo.sh" "$TOP/tests/guest/suites" "$root/tests/"
mods=("$moddir"/*.ko)
[[ -f ${mods[0]} ]] || die "no sample modules in $moddir"
cp "${mods[@]}" "$root/modules/"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$res/initramfs.cpio"

append="console=$CONSOLE panic=-1 log_buf_len=1M printk.devkmsg=on kt.tty=$TEST_TTY kt.taint=$taint"
[[ -z $GUEST_ARGS ]] || append+=" $GUEST_ARGS"
[[ -z ${EXIT_PORT:-} ]] || append+=" kt.exitport=$EXIT_PORT"
[[ -z $suites ]] || append+=" kt.suites=$suites"
((demo == 0)) || append+=" kt.mode=demo"
qemu=("$QEMU" "${QEMU_ARGS[@]}" -accel tcg -smp "$smp" -m "$memory"
	-kernel "$image" -initrd "$res/initramfs.cpio" -append "$append"
	-display none -monitor none -no-reboot
	-serial "file:$res/console.log" "${KTAP_ARGS[@]//@KTAP@/$res/ktap.log}")
printf '%q ' "${qemu[@]}" >"$res/qemu-command"
say "booting $(basename "${build:-$image}") under $QEMU (TCG, -smp $smp), timeout ${limit}s (console: $res/console.log)"
start=$SECONDS
status=0
run_logged "$res/qemu.log" "$limit" "boot test" "${qemu[@]}" || status=$?
say "QEMU exited with status $status after $(elapsed "$start")"
echo "$((SECONDS - start))" >"$res/seconds"

# isa-debug-exit turns the guest's 0 into (0 << 1) | 1; without it the
# guest powers off and QEMU exits 0 (a timeout is 124).
expect=(--expect-status 0)
[[ -z ${EXIT_PORT:-} ]] || expect=(--expect-status 1)
if ((demo)); then
	cat "$res/ktap.log"
	echo
	expect+=(--demo)
fi
python3 "$TOP/tests/host/judge.py" --ktap "$res/ktap.log" --console "$res/console.log" \
	--qemu-status "$status" "${expect[@]}" | tee "$res/judge.txt"
