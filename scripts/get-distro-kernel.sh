#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch a distribution's packaged kernel and its headers (tests/distro/
# NAME.conf: the meta packages and the suite) with the private apt
# configuration, unpack them into the cache and make the headers usable
# where they are (their Makefiles name /usr/src paths). Prints a directory
# with "headers" (for make -C headers M=...) and "vmlinuz".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: $0 NAME   (a file tests/distro/NAME.conf, e.g. debian12)"
}
names=()
parse_options '@names[]' -- "$@"
((${#names[@]} == 1)) || usage_error "one NAME expected"
name=${names[0]}
load_distro "$name" || usage_error "no tests/distro/$name.conf"
need apt-get apt-cache dpkg sed

dir=$CACHE/distro/$name
cache_lock "distro-$name"
if [[ -f $dir/ready && -e $dir/headers/Makefile && -f $dir/vmlinuz ]]; then
	echo "$dir"
	exit 0
fi
papt_update
start=$SECONDS

# field PKG FIELD: a field of PKG as SUITE has it.
field() { papt apt-cache show "$1/$SUITE" 2>/dev/null | sed -n "s/^$2: //p" | head -n 1; }
# dep PKG PATTERN: the name of the dependency of PKG that matches PATTERN.
dep() { field "$1" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -E -m1 "$2" || true; }

headers=$(dep "$HEADERS_PACKAGE" '^linux-headers-')
image=$(dep "$IMAGE_PACKAGE" '^linux-image-')
[[ -n $headers && -n $image ]] ||
	die "$SUITE has no $HEADERS_PACKAGE/$IMAGE_PACKAGE with a linux-headers-/linux-image- dependency"
version=$(field "$headers" Version)
common=$(dep "$headers" '^linux-headers-.*-common$')
kbuild=$(dep "$headers" '^linux-kbuild-')
[[ -n $common && -n $kbuild ]] || die "$headers: no -common or linux-kbuild dependency"
[[ $(field "$image" Version) == "$version" ]] ||
	die "$image and $headers have different versions in $SUITE"
say "$DISTRO_NAME: $image, $headers, $common, $kbuild ($version)"

debs=$CACHE/debs/$name
rm -rf "$dir" "$debs"
mkdir -p "$dir/root" "$debs"
(cd "$debs" && papt apt-get download "$image/$SUITE" "$headers/$SUITE" "$common/$SUITE" "$kbuild/$SUITE") >&2 ||
	die "downloading the $DISTRO_NAME kernel packages failed"
for deb in "$debs"/*.deb; do
	dpkg -x "$deb" "$dir/root"
done

# The headers name their common part and kbuild by absolute /usr/src and
# /usr/lib paths: point them into the unpacked tree.
hdir=$(find "$dir/root/usr/src" -maxdepth 1 -name "${headers#linux-headers-}" -o -maxdepth 1 -name "$headers" | head -n 1)
[[ -n $hdir && -f $hdir/Makefile ]] || die "no $headers directory with a Makefile in the package"
grep -rlE '(/usr/src|/usr/lib)/linux-' "$hdir/Makefile" "$dir/root/usr/src/$common/Makefile" 2>/dev/null |
	while IFS= read -r f; do
		sed -i -E "s#([ =])(/usr/(src|lib)/linux-)#\\1$dir/root\\2#g" "$f"
	done
find "$dir/root/usr/src" -maxdepth 2 -type l | while IFS= read -r link; do
	target=$(readlink "$link")
	[[ $target != /* ]] || ln -sfn "$dir/root$target" "$link"
done
ln -sfn "$hdir" "$dir/headers"
vmlinuz=$(find "$dir/root/boot" -name 'vmlinuz-*' | head -n 1)
[[ -n $vmlinuz ]] || die "no vmlinuz in $image"
ln -sfn "$vmlinuz" "$dir/vmlinuz"
[[ -f $dir/headers/Module.symvers ]] || die "the headers have no Module.symvers"
echo "$version" >"$dir/ready"
say "$DISTRO_NAME kernel and headers ready in $(elapsed "$start"): $dir"
echo "$dir"
