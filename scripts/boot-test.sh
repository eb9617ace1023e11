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
          [--timeout SECONDS] [--smp N] [--memory MiB] [--name NAME] [--demo | --bench]
          [--test-modules DIR] [--floor-build DIR] [--taint N|any] [--expect-report REGEX]
          [--append ARGS]
  --build DIR      kernel build directory from scripts/build-kernel.sh (its
                   image and its samples/kthread/*.ko)
  --image FILE     boot this kernel image instead (e.g. Debian's vmlinuz)
  --modules DIR    take the sample modules from DIR (e.g. scripts/build-oot.sh's)
  --arch ARCH      a file tests/arch/ARCH.conf (default: x86_64)
  --suites A,B     run these suites of tests/guest/suites or tests/guest/extra
                   (default: every suite in tests/guest/suites)
  --timeout N      give up on the guest after N seconds (default: 600)
  --name NAME      name of the results directory under out/ (default: boot-ARCH)
  --demo           show the samples running instead of testing them
  --bench          run the benchmark's guest side (tests/guest/bench.sh)
  --test-modules DIR  also put DIR/*.ko (tests/modules, built) in /modules/test
  --floor-build DIR  a test boot judges every stop against the floor, rmmod of
                   tests/modules/bench-floor-nothread.ko in the same boot: when
                   --test-modules has none, it is built against DIR, a kernel
                   build or headers directory (default: --build's). Loading it
                   taints with O: 4096 is added to --taint
  --taint N|any    the taint the guest must end with (default 0; 4096 for
                   out-of-tree modules, 12288 if also unsigned; "any" also
                   skips the final "nothing left behind" suite)
  --expect-report REGEX  the run provokes a bug: require a matching kernel report
                   (given more than once: a report matching each REGEX)
  --kcsan-core     a KCSAN kernel: list, instead of failing on, KCSAN reports
                   that name no module (races inside the core kernel)
  --recipe FILE    the guest part of a README recipe (tests/host/readme-recipes.sh):
                   FILE's lines, each run by the suite extra/readme-recipe.sh
  --append ARGS    more kernel command line (kt.runs=N kt.ticks=N for --bench)
USAGE
}

build=
image=
moddir=
arch=x86_64
suites=
limit=600
smp=2
memory=
name=
mode='test'
testmods=
floorbuild=
recipe=
taint=0
reports=()
kcsan_core=0
extra=
parse_options --build=build:DIR --image=image:FILE --modules=moddir:DIR --arch=arch:ARCH \
	--suites=suites:A,B --timeout=limit:SECONDS --smp=smp:N --memory=memory:MiB --name=name:NAME \
	--demo!mode=demo --bench!mode=bench --test-modules=testmods:DIR --floor-build=floorbuild:DIR --recipe=recipe:FILE --taint=taint:N \
	'--expect-report=reports[]:REGEX' --append=extra:ARGS --kcsan-core!kcsan_core=1 -- "$@"
[[ -n $build || (-n $image && -n $moddir) ]] ||
	usage_error "give --build, or --image and --modules"
[[ $limit =~ ^[1-9][0-9]*$ ]] || usage_error "--timeout must be a positive number of seconds"
[[ $smp =~ ^[1-9][0-9]*$ ]] || usage_error "--smp must be a positive number"
[[ -z $memory || $memory =~ ^[1-9][0-9]*$ ]] || usage_error "--memory must be a positive number of MiB"
[[ $suites =~ ^[a-z0-9,-]*$ ]] || usage_error "--suites takes suite names separated by commas"
for s in ${suites//,/ }; do
	[[ -f $TOP/tests/guest/suites/$s.sh || -f $TOP/tests/guest/extra/$s.sh ]] ||
		usage_error "no suite '$s' in tests/guest/suites or tests/guest/extra"
done
[[ $taint =~ ^([0-9]+|any)$ ]] || usage_error "--taint takes a number or 'any'"
[[ -z $testmods || -d $testmods ]] || usage_error "no directory $testmods"
[[ -z $recipe || -f $recipe ]] || usage_error "no recipe file $recipe"
floorbuild=${floorbuild:-$build}
[[ $mode != test || -f $testmods/bench-floor-nothread.ko || -n $floorbuild ]] ||
	usage_error "a test boot with --image needs --floor-build DIR (or --test-modules) for its floor module"
load_arch "$arch" || usage_error "unknown architecture '$arch' (no tests/arch/$arch.conf)"
((BOOT)) || die "$arch is a build-only architecture (BOOT=0 in tests/arch/$arch.conf)"
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
	"$TOP/tests/guest/demo.sh" "$TOP/tests/guest/bench.sh" "$TOP/tests/guest/suites" "$TOP/tests/guest/extra" "$root/tests/"
mods=("$moddir"/*.ko)
[[ -f ${mods[0]} ]] || die "no sample modules in $moddir"
cp "${mods[@]}" "$root/modules/"
# Samples that an out-of-tree build left out on purpose (scripts/build-oot.sh):
# the guest skips their suites, the judge requires exactly those skips.
leftout=()
if [[ -s $moddir/left-out ]]; then
	cp "$moddir/left-out" "$root/modules/left-out"
	leftout=(--left-out "$moddir/left-out")
fi
# The demo says what to look for before each sample: the paragraph of the
# sample's own header comment that starts "What to look for".
if [[ $mode == demo ]]; then
	# Modules from --modules are built out of tree: the demo explains the
	# taint they cause.
	[[ $moddir == "${build:+$build/samples/kthread}" ]] || : >"$root/modules/out-of-tree"
	for m in "${mods[@]}"; do
		src=$TOP/samples-kthread/$(basename "$m" .ko).c
		[[ -f $src ]] || continue
		awk '/^ \*\/$/ || /^ \*$/ { if (p) exit; next }
		     /What to look for/ { p = 1; sub(/.*What to look for[^:]*: */, "") }
		     p { sub(/^ \* ?/, ""); print }' "$src" | fmt -w 72 >"$root/modules/$(basename "$m" .ko).look"
	done
fi
if [[ -n $testmods ]]; then
	mkdir -p "$root/modules/test"
	cp "$testmods"/*.ko "$root/modules/test/" || die "no test modules in $testmods"
fi
# The floor that the guest's stop bounds are multiples of (tests/guest/lib.sh:
# rmmod_ok): in every test boot. It is out of tree: the kernel ends tainted O.
if [[ $mode == test ]]; then
	if [[ ! -f $root/modules/test/bench-floor-nothread.ko ]]; then
		say "building the floor module (tests/modules/bench-floor-nothread.c) against $floorbuild"
		floordir=$("$TOP/scripts/build-test-modules.sh" --build "$floorbuild" --arch "$arch" --only bench-floor-nothread) ||
			die "the floor module did not build against $floorbuild"
		mkdir -p "$root/modules/test"
		cp "$floordir/bench-floor-nothread.ko" "$root/modules/test/"
	fi
	[[ $taint == any ]] || taint=$((taint | 4096))
fi
[[ -z $recipe ]] || cp "$recipe" "$root/tests/recipe.sh"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$res/initramfs.cpio"

append="console=$CONSOLE panic=-1 log_buf_len=4M printk.devkmsg=on kt.tty=$TEST_TTY kt.taint=$taint"
[[ -z $GUEST_ARGS ]] || append+=" $GUEST_ARGS"
if [[ ${TSC_FROM_HOST:-0} == 1 ]]; then
	tsc_khz=$(awk '/^cpu MHz/ { printf "%d", $4 * 1000; exit }' /proc/cpuinfo)
	[[ $tsc_khz =~ ^[1-9][0-9]{5,}$ ]] || die "no host TSC frequency in /proc/cpuinfo ('$tsc_khz')"
	append+=" tsc_early_khz=$tsc_khz tsc=reliable"
fi
[[ -z ${EXIT_PORT:-} ]] || append+=" kt.exitport=$EXIT_PORT"
[[ -z $suites ]] || append+=" kt.suites=$suites"
[[ $mode == test ]] || append+=" kt.mode=$mode"
[[ -z $extra ]] || append+=" $extra"
qemu=("$QEMU" "${QEMU_ARGS[@]}" -accel tcg -smp "$smp" -m "$memory"
	-kernel "$image" -initrd "$res/initramfs.cpio" -append "$append"
	-display none -monitor none -no-reboot
	-serial "file:$res/console.log" "${KTAP_ARGS[@]//@KTAP@/$res/ktap.log}")
printf '%q ' "${qemu[@]}" >"$res/qemu-command"
say "booting $(basename "${build:-$image}") under $QEMU (TCG, -smp $smp), timeout ${limit}s (console: $res/console.log)"
start=$SECONDS
status=0
run_logged "$res/qemu.log" "$limit" "boot test" "${qemu[@]}" || status=$?
finished=0
[[ -z ${EXIT_PORT:-} ]] || finished=1
if [[ $mode == demo && $status == "$finished" ]]; then
	say "the virtual machine finished after $(elapsed "$start")"
elif [[ -n ${EXIT_PORT:-} && $status == 1 ]]; then
	say "the guest finished after $(elapsed "$start") (QEMU status 1: the guest's 0 through isa-debug-exit)"
else
	say "QEMU exited with status $status after $(elapsed "$start")"
fi
echo "$((SECONDS - start))" >"$res/seconds"

# isa-debug-exit turns the guest's 0 into (0 << 1) | 1; without it the
# guest powers off and QEMU exits 0 (a timeout is 124).
expect=(--expect-status 0)
[[ -z ${EXIT_PORT:-} ]] || expect=(--expect-status 1)
if [[ $mode == demo ]]; then
	cat "$res/ktap.log"
	echo
fi
[[ $mode == test ]] || expect+=(--demo)
for r in "${reports[@]}"; do
	expect+=(--expect-report "$r")
done
((kcsan_core == 0)) || expect+=(--kcsan-core)
expect+=("${leftout[@]}")
judge=(python3 "$TOP/tests/host/judge.py" --ktap "$res/ktap.log" --console "$res/console.log"
	--qemu-status "$status" "${expect[@]}")
if [[ $mode == demo ]]; then
	# The demo shows the samples, not the harness: one line when all is well.
	if "${judge[@]}" >"$res/judge.txt"; then
		say "the demo ran to its end, and the kernel logged no warning, oops or other report"
	else
		cat "$res/judge.txt"
		die "the demo did not run cleanly: see above, and $res/console.log"
	fi
else
	"${judge[@]}" | tee "$res/judge.txt"
fi
