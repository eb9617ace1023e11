#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a statically linked busybox for a Debian architecture
# (amd64, arm64, riscv64, i386, armhf). The host's own busybox-static is
# used for the host's architecture; others come from Debian's busybox-static
# package of that architecture (bookworm, or sid where bookworm has none),
# fetched with a private apt configuration and unpacked into the cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0 DEB_ARCH   (a Debian architecture name, e.g. arm64)"; }
args=()
parse_options '@args[]' -- "$@"
((${#args[@]} == 1)) || usage_error "one DEB_ARCH expected"
arch=${args[0]}
[[ $arch =~ ^[a-z0-9]+$ ]] || usage_error "bad architecture name '$arch'"

static() { ! ldd "$1" >/dev/null 2>&1; }
need dpkg
if [[ $arch == "$(dpkg --print-architecture)" ]]; then
	bb=$(command -v busybox) || die "busybox not found: install busybox-static"
	static "$bb" || die "$bb is dynamically linked: install busybox-static"
	echo "$bb"
	exit 0
fi

dir=$CACHE/busybox/$arch
bb=$dir/bin/busybox
cache_lock "busybox-$arch"
if [[ -x $bb ]]; then
	echo "$bb"
	exit 0
fi
need apt-get file
papt_update_arch "$arch"
mkdir -p "$CACHE/debs/$arch"
start=$SECONDS
got=
for suite in bookworm sid; do
	if (cd "$CACHE/debs/$arch" && papt_arch "$arch" apt-get download "busybox-static/$suite") >&2 2>/dev/null; then
		got=$suite
		break
	fi
done
[[ -n $got ]] || die "no busybox-static for $arch in bookworm or sid"
deb=$(find "$CACHE/debs/$arch" -name "busybox-static_*_$arch.deb" | sort -V | tail -n 1)
[[ -n $deb ]] || die "the busybox-static download for $arch left no .deb"
rm -rf "$dir"
mkdir -p "$dir"
dpkg -x "$deb" "$dir/root"
mkdir -p "$dir/bin"
# sid's package has it in /usr/bin, bookworm's in /bin. Checked before it
# is moved into place: a run stopped half-way leaves no busybox that the
# next run would trust.
for f in "$dir/root/usr/bin/busybox" "$dir/root/bin/busybox"; do
	[[ ! -f $f ]] || cp "$f" "$bb.new"
done
[[ -f $bb.new ]] || die "no busybox binary in $deb"
rm -rf "$dir/root"
file "$bb.new" | grep -q 'statically linked' || die "$bb.new is not statically linked: $(file "$bb.new")"
mv "$bb.new" "$bb"
say "busybox-static for $arch from $got: $(basename "$deb") ($(elapsed "$start"))"
echo "$bb"
