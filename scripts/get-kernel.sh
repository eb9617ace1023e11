#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's linux-source package for a kernel version into the cache and
# make it a git repository with one pristine commit, tagged "base".
# Prints the tree's path on stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: $0 [--list] [VERSION]   (VERSION: ${KERNEL_VERSIONS[*]}; default: newest available)"
}

list=0
version=
versions=()
parse_options --list!list=1 '@versions[]' -- "$@"
((${#versions[@]} <= 1)) || usage_error "only one VERSION, please"
version=${versions[0]:-}
[[ -z $version ]] || valid_version "$version" || usage_error "unsupported kernel version '$version'"

need apt-get dpkg tar git xz
papt_update

available() {
	local v=$1 cand
	cand=$(papt apt-cache policy "linux-source-$v" 2>/dev/null | awk '/Candidate:/ { print $2 }')
	[[ -n $cand && $cand != "(none)" ]] && echo "$cand"
}

if ((list)); then
	for v in "${KERNEL_VERSIONS[@]}"; do
		printf '%-5s %s\n' "$v" "$(available "$v" || echo 'not available')"
	done
	exit 0
fi

if [[ -z $version ]]; then
	for v in "${KERNEL_VERSIONS[@]}"; do
		if available "$v" >/dev/null; then
			version=$v
			break
		fi
	done
	[[ -n $version ]] || die "no linux-source package found in the private apt lists"
fi

tree=$CACHE/src/linux-$version
cache_lock "linux-$version"
# No automatic gc in these repositories (nor in their work trees): after
# the first commit or git am, git would repack the whole kernel in a
# detached process that inherits this script's cache lock and holds it for
# many minutes. (Set again here for trees made before this rule.)
if git -C "$tree" rev-parse -q --verify base >/dev/null 2>&1; then
	git -C "$tree" config gc.auto 0
	echo "$tree"
	exit 0
fi

pkgver=$(available "$version") || die "linux-source-$version is not in the archive"
start=$SECONDS
debs=$CACHE/debs
mkdir -p "$debs" "$CACHE/src"
deb=$(find "$debs" -name "linux-source-${version}_${pkgver//:/%3a}_all.deb" | head -n 1)
if [[ -z $deb ]]; then
	say "downloading linux-source-$version $pkgver"
	(cd "$debs" && papt apt-get download "linux-source-$version=$pkgver") >&2 ||
		die "download of linux-source-$version failed"
	deb=$(find "$debs" -name "linux-source-${version}_*_all.deb" -newer "$CACHE/apt/updated" | head -n 1)
	[[ -n $deb ]] || deb=$(find "$debs" -name "linux-source-${version}_*_all.deb" | head -n 1)
fi
[[ -n $deb ]] || die "no linux-source-$version package in $debs"

tmp=$(mktemp -d "$CACHE/src/.linux-$version.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "unpacking $(basename "$deb")"
dpkg -x "$deb" "$tmp/deb"
tarball=$(find "$tmp/deb/usr/src" -name 'linux-source-*.tar.*' | head -n 1)
[[ -n $tarball ]] || die "no source tarball inside $deb"
tar -C "$tmp" -xf "$tarball"
rm -rf "$tmp/deb"
src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'linux-source-*' | head -n 1)
[[ -f $src/Makefile ]] || die "unexpected tarball layout in $tarball"

say "creating the pristine git base for linux-$version (this takes ~30 s)"
git -C "$src" init -q
git -C "$src" config gc.auto 0
# Debian's top-level .gitignore ends with "/*": add everything explicitly.
git -C "$src" add -f -A
git -C "$src" -c user.name=kthread-samples -c user.email=kthread-samples@localhost \
	commit -q --no-verify -m "Linux $(tree_version "$src") from Debian linux-source-$version $pkgver"
git -C "$src" tag base
echo "$pkgver" >"$src/.git/debian-package-version"
rm -rf "$tree"
mv "$src" "$tree"
say "linux-$version ready in $(elapsed "$start"): $tree"
echo "$tree"
