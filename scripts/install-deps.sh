#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the scripts need (Debian 12 or newer): the
# common ones below, and the cross compilers, QEMU and compilers that
# tests/arch/*.conf and tests/cc/*.conf name (--demo: only what the demo
# needs, x86_64 and gcc). Only the missing ones are installed; nothing
# happens when all are present. apt's own output goes to a log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--demo]
  --demo  only what scripts/demo.sh needs (x86_64, gcc, no checkers)
USAGE
}
demo=0
while (($#)); do
	case $1 in
	--demo) demo=1 ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done

packages=(
	# kernel build
	bc bison flex gcc make libc6-dev libelf-dev libssl-dev perl python3
	cpio xz-utils kmod
	# the packaged kernels' kbuild (tests/distro) makes module BTF with it
	pahole
	# trees and patches
	git dpkg ca-certificates
	# boot test, fetching other architectures' busybox, locks
	qemu-system-data busybox-static file util-linux
)
confs=("$TOP"/tests/arch/x86_64.conf "$TOP"/tests/cc/gcc.conf)
if ((demo == 0)); then
	# checks, and every architecture and compiler of the matrix
	packages+=(codespell shellcheck python3-ply python3-git coccinelle ocaml-nox b4)
	confs=("$TOP"/tests/arch/*.conf "$TOP"/tests/cc/*.conf)
fi
for conf in "${confs[@]}"; do
	mapfile -t -O "${#packages[@]}" packages < <(
		CROSS_PACKAGES=() QEMU_PACKAGES=() CC_PACKAGES=()
		# shellcheck source=tests/arch/x86_64.conf
		. "$conf"
		printf '%s\n' "${CROSS_PACKAGES[@]}" "${QEMU_PACKAGES[@]}" "${CC_PACKAGES[@]}" | grep . || true
	)
done

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if ((${#missing[@]} == 0)); then
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
