#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Apply the series in patches/ with plain "git am" (no three-way merge, so
# no fuzz): onto a work tree of Debian's VERSION at its pristine base, or
# onto your own clean git tree. Prints the tree's path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--patches DIR] [VERSION | --kernel DIR]
  VERSION       one of ${KERNEL_VERSIONS[*]} (default 7.3): a work tree under
                the cache, reset to the pristine base first
  --kernel DIR  your own kernel git tree, which must have no local changes
  --patches DIR the series to apply (default: patches/)
  --run DIR     with VERSION: apply it once in the run whose logs are in
                DIR (scripts/test.sh, scripts/prebuild.sh): the first call
                applies and records its outcome in DIR/applied/; the others
                wait for it, then report that outcome (a second git am would
                touch the files a kernel is being built from); one run
                applies one series
USAGE
}

version=
kernel=
patches=$TOP/patches
versions=()
run=
parse_options --kernel=kernel:DIR --patches=patches:DIR --run=run:DIR '@versions[]' -- "$@"
((${#versions[@]} <= 1)) || usage_error "only one VERSION, please"
version=${versions[0]:-}
[[ -z $version ]] || valid_version "$version" || usage_error "unsupported kernel version '$version'"
[[ -z $kernel || -z $version ]] || usage_error "give a VERSION or --kernel, not both"
need git flock

if [[ -n $run ]]; then
	[[ -n $version ]] || usage_error "--run goes with a VERSION"
	result=$run/applied/$version
	mkdir -p "$run/applied"
	exec {fd}>"$result.lock"
	flock -w 3600 "$fd" || die "timed out waiting for the series to be applied to linux-$version"
	if [[ ! -f $result.rc ]]; then
		rc=0
		"$0" --patches "$patches" "$version" >"$result.out" 2>"$result.log" || rc=$?
		echo "$rc" >"$result.rc"
		cat "$result.log" >&2
	else
		say "the series was applied to linux-$version earlier in this run (log: $result.log)"
	fi
	cat "$result.out"
	exit "$(cat "$result.rc")"
fi
mapfile -t series < <(find "$patches" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | sort)
((${#series[@]})) || die "no patches in $patches"

if [[ -n $kernel ]]; then
	tree=$(cd "$kernel" && pwd)
	git -C "$tree" rev-parse --git-dir >/dev/null 2>&1 || die "$kernel is not a git tree"
	[[ -z $(git -C "$tree" status --porcelain --untracked-files=no) ]] ||
		die "$kernel has local changes: commit or stash them first"
else
	version=${version:-7.3}
	pristine=$("$TOP/scripts/get-kernel.sh" "$version")
	tree=$CACHE/work/linux-$version
	if [[ ! -e $tree/.git ]]; then
		say "creating a work tree of linux-$version"
		rm -rf "$tree"
		mkdir -p "$CACHE/work"
		git -C "$pristine" worktree prune
		git -C "$pristine" worktree add -q --detach "$tree" base
	fi
	git -C "$tree" am --abort >/dev/null 2>&1 || true
	git -C "$tree" checkout -q --detach base
	git -C "$tree" reset -q --hard base
	git -C "$tree" clean -q -fdx
fi

if ! git -C "$tree" -c user.name="kthread samples" -c user.email=kthread-samples@localhost \
	-c am.threeWay=false am -q --no-3way "${series[@]}" >&2; then
	git -C "$tree" am --abort >/dev/null 2>&1 || true
	die "the series does not apply to $tree with plain git am"
fi
say "applied ${#series[@]} patches to $tree"
echo "$tree"
