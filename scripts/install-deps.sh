#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the scripts need (Debian 12 or newer): the
# common ones below, and the cross compilers, QEMU and compilers that
# tests/arch/*.conf and tests/cc/*.conf name. Only the missing ones are
# installed; nothing happens when all are present.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0"; }
(($# == 0)) || usage_error "no arguments expected"

packages=(
	# kernel build
	bc bison flex gcc make libc6-dev libelf-dev libssl-dev perl python3
	cpio xz-utils kmod
	# trees and patches
	git dpkg ca-certificates
	# checks
	codespell shellcheck python3-ply python3-git coccinelle ocaml-nox b4
	# boot test, fetching other architectures' busybox, locks
	qemu-system-data busybox-static file util-linux
)
for conf in "$TOP"/tests/arch/*.conf "$TOP"/tests/cc/*.conf; do
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
say "installing ${missing[*]}"
start=$SECONDS
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get update -q >&2 ||
	die "apt-get update failed"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive timeout 1800 \
	apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 ||
	die "apt-get install ${missing[*]} failed"
say "packages installed in $(elapsed "$start")"
