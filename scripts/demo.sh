#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The samples, running, as a learner runs them: fetch Debian 12 backports'
# packaged Linux 6.12 (kernel image and headers, no kernel to build), build
# the samples out of tree against its headers with W=1, boot it under QEMU
# and show each sample's threads and kernel log lines. Measured cold on 2
# CPUs (README): 1 min 42 s with the packages installed, about 2 minutes on
# a fresh Debian 12. A sample left out of an older kernel
# (oot/left-out.txt; none today) gets a last line that says so.
#
# --series: the series itself instead: fetch Debian's Linux 7.3 sources (or
# use your tree, --kernel DIR), apply the series, build the kernel and the
# samples with W=1 and sparse, and boot that (9 min 17 s cold).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--series | --kernel DIR]
  (default)     Debian 12 backports' packaged Linux 6.12 and the samples
                built out of tree against its headers (no kernel build)
  --series      Debian's Linux 7.3 sources with the series applied, the
                kernel and the samples built with W=1 and sparse
  --kernel DIR  the same with your own clean kernel git tree (implies --series)
USAGE
}

# The packaged kernel of the default demo (tests/distro/NAME.conf).
DISTRO=debian12-bpo

series=0
own=
parse_options --series!series=1 --kernel=own:DIR -- "$@"
[[ -z $own ]] || series=1
[[ -z $own || -d $own ]] || usage_error "no directory $own"

start=$SECONDS
if ((series)); then
	say "[1/4] the Debian packages for a kernel build (scripts/install-deps.sh --demo-series)"
	"$TOP/scripts/install-deps.sh" --demo-series
	if [[ -n $own ]]; then
		say "[2/4] applying the series to $own"
		tree=$("$TOP/scripts/apply-series.sh" --kernel "$own")
	else
		say "[2/4] downloading Debian's linux-source-7.3 (166 MB) and applying the series"
		tree=$("$TOP/scripts/apply-series.sh" 7.3)
	fi
	git -C "$tree" log --oneline -n "$(find "$TOP/patches" -name '[0-9]*.patch' ! -name '0000-*' | wc -l)" >&2
	say "[3/4] building the kernel and the samples with W=1 and sparse (about 6 minutes on 2 CPUs)"
	build=$("$TOP/scripts/build-kernel.sh" --kernel "$tree" --sparse)
	say "[4/4] booting it under QEMU and running each sample (about 1.5 minutes)"
	"$TOP/scripts/boot-test.sh" --build "$build" --demo --name demo
	say "demo done in $(elapsed "$start")"
	exit 0
fi

load_distro "$DISTRO" || die "no tests/distro/$DISTRO.conf"
say "[1/4] the Debian packages the demo needs (scripts/install-deps.sh --demo)"
"$TOP/scripts/install-deps.sh" --demo
mkdir -p "$OUT"
log=$OUT/demo-fetch.log
step=$SECONDS
say "[2/4] downloading the packaged kernel of $DISTRO_NAME: image, headers, kbuild (120 MB; apt's output: $log)"
run_logged "$log" 1200 "download" "$TOP/scripts/get-distro-kernel.sh" "$DISTRO" ||
	die "fetching the $DISTRO_NAME kernel failed: $(tail -n 3 "$log")"
dir=$(tail -n 1 "$log")
[[ -f $dir/vmlinuz && -f $dir/headers/include/config/kernel.release ]] ||
	die "scripts/get-distro-kernel.sh made no kernel and headers (log: $log)"
release=$(cat "$dir/headers/include/config/kernel.release")
say "  Linux $release downloaded and unpacked in $(elapsed "$step")"
say "[3/4] building the samples out of tree against its headers, as for the kernel you run"
mods=$("$TOP/scripts/build-oot.sh" --kernel-build "$dir/headers" --arch "$ARCH" --cc gcc \
	--out "$CACHE/oot/demo-$DISTRO")
say "[4/4] booting Linux $release under QEMU and running each sample (about a minute)"
"$TOP/scripts/boot-test.sh" --image "$dir/vmlinuz" --modules "$mods" --arch "$ARCH" --demo --name demo
# A sample that needs a newer kernel than this one (oot/left-out.txt).
while read -r sample why; do
	[[ -n $sample ]] || continue
	say "$sample is not in this demo: $why, and this kernel is $release; scripts/demo.sh --series shows it (Linux 7.3)"
done <"$mods/left-out"
say "demo done in $(elapsed "$start")"
