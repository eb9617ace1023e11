#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the scripts need (Debian 12 or newer): by
# default everything scripts/test.sh needs, with the cross compilers, QEMU
# and compilers that tests/arch/*.conf and tests/cc/*.conf name. --demo:
# only what scripts/demo.sh needs to build the samples out of tree against
# a packaged kernel and boot it (x86_64, gcc); --demo-series: that, and
# what building a kernel from Debian's sources takes (scripts/demo.sh
# --series). Only the missing ones are installed; nothing happens when all
# are present. apt's own output goes to a log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--demo | --demo-series] [--list]
  --demo         only what scripts/demo.sh needs (x86_64, gcc, a packaged
                 kernel: no kernel build, no checkers)
  --demo-series  what scripts/demo.sh --series needs (also a kernel build)
  --list         print the packages, one a line, and install nothing
USAGE
}
mode=all
list=0
parse_options --demo!mode=demo --demo-series!mode=demo-series --list!list=1 -- "$@"

# The demo: the samples built out of tree against a packaged kernel's
# headers, and that kernel booted.
packages=(
	# out-of-tree build (W=1 runs the perl kernel-doc, whose Pod::Usage
	# is not in perl-base); libc6-dev also for the guest's static kt-helper
	gcc make libc6-dev perl
	# the packaged kernels' kbuild (tests/distro): module BTF is made with
	# pahole, and its objtool and resolve_btfids link libelf
	pahole libelf1
	# fetching and unpacking packaged kernels and busybox (private apt
	# configuration), locks
	dpkg ca-certificates util-linux
	# the initramfs, the guest's shell, the judge
	cpio busybox-static python3
)
if [[ $mode != demo ]]; then
	# building a kernel from Debian's linux-source: trees and patches, the
	# kernel's own build dependencies
	packages+=(git xz-utils bc bison flex libelf-dev libssl-dev kmod)
fi
arches=(x86_64) ccs=(gcc)
if [[ $mode == all ]]; then
	# checks, and every architecture and compiler of the matrix
	packages+=(file codespell shellcheck python3-ply python3-git coccinelle ocaml-nox b4)
	# the guide, built with the kernel's own make htmldocs (Sphinx 5.3)
	packages+=(python3-sphinx python3-yaml patch)
	mapfile -t arches < <(basename -s .conf "$TOP"/tests/arch/*.conf)
	mapfile -t ccs < <(basename -s .conf "$TOP"/tests/cc/*.conf)
fi
for a in "${arches[@]}"; do
	load_arch "$a" || die "no tests/arch/$a.conf"
	packages+=("${CROSS_PACKAGES[@]}" "${QEMU_PACKAGES[@]}")
done
for k in "${ccs[@]}"; do
	load_cc "$k" || die "no tests/cc/$k.conf"
	packages+=("${CC_PACKAGES[@]}")
done

mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
if ((list)); then
	printf '%s\n' "${packages[@]}"
	exit 0
fi
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if ((${#missing[@]} == 0)); then
	say "the Debian packages needed are installed"
	exit 0
fi

sudo=()
if ((EUID != 0)); then
	need sudo
	sudo=(sudo)
fi
mkdir -p "$OUT"
log=$OUT/apt.log
start=$SECONDS
say "installing ${#missing[@]} Debian packages: ${missing[*]} (apt's output: $log)"
say "apt-get update"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get update -q >"$log" 2>&1 ||
	die "apt-get update failed: $(tail -n 3 "$log")"
say "apt-get install (downloads and unpacks; about a minute for the whole matrix)"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive timeout 1800 \
	apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1 ||
	die "apt-get install ${missing[*]} failed: $(tail -n 3 "$log")"
say "packages installed in $(elapsed "$start")"
