# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the scripts in this directory. Source it, do not run it.
# shellcheck shell=bash

# shellcheck disable=SC2034  # used by the scripts that source this file
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${KTHREAD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kthread-samples}
JOBS=${JOBS:-$(($(nproc) + 1))}

# The kernel versions the series is checked against, newest first.
KERNEL_VERSIONS=(7.3 7.2 6.12 6.1)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# usage_error MESSAGE: print the calling script's usage line and fail.
usage_error() {
	printf 'error: %s\n' "$1" >&2
	usage >&2
	exit 2
}

# need CMD... : fail with a clear message when a command is missing.
need() {
	local cmd
	for cmd in "$@"; do
		command -v "$cmd" >/dev/null 2>&1 ||
			die "'$cmd' not found: run scripts/install-deps.sh first"
	done
}

# valid_version V: is V one of KERNEL_VERSIONS?
valid_version() {
	local v
	for v in "${KERNEL_VERSIONS[@]}"; do
		[[ $v == "$1" ]] && return 0
	done
	return 1
}

# elapsed START: seconds since START (from $SECONDS).
elapsed() { echo "$((SECONDS - $1))s"; }

# The version of a kernel tree, read from its top-level Makefile ("7.3", "6.12").
tree_version() {
	awk '/^VERSION =/ { v = $3 } /^PATCHLEVEL =/ { p = $3 }
	     END { if (v != "" && p != "") print v "." p }' "$1/Makefile"
}

# The Debian archive this machine's own apt configuration uses (never hard-coded).
debian_mirror() {
	local uri
	uri=$({
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			awk 'tolower($1) == "uris:" { print $2 }'
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
	} | grep -v -e security -e '^$' | head -n 1) || true
	[[ -n $uri ]] || die "no Debian mirror found in /etc/apt/sources.list{,.d}"
	echo "${uri%/}"
}

# papt CMD ARGS...: run apt-get/apt-cache with a private configuration under
# $CACHE/apt that knows bookworm, bookworm-backports, sid and experimental.
# The system's own apt sources and lists are never touched.
papt() { _papt_in "$CACHE/apt" "" "bookworm bookworm-backports sid experimental" "$@"; }

# papt_arch DEB_ARCH CMD ARGS...: the same for another architecture's binary
# packages (bookworm and sid; riscv64 is only in sid), under $CACHE/apt-DEB_ARCH.
papt_arch() {
	local arch=$1
	shift
	_papt_in "$CACHE/apt-$arch" "$arch" "bookworm sid" "$@"
}

# _papt_in DIR DEB_ARCH SUITES CMD ARGS...
_papt_in() {
	local dir=$1 arch=$2 suites=$3 mirror suite
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	local archopts=()
	shift 3
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	if [[ ! -s $dir/sources.list ]]; then
		mirror=$(debian_mirror)
		{
			for suite in $suites; do
				echo "deb [signed-by=$keyring] $mirror $suite main"
			done
			[[ -n $arch ]] || echo "deb-src [signed-by=$keyring] $mirror sid main"
		} >"$dir/sources.list"
	fi
	[[ -z $arch ]] || archopts=(-o APT::Architecture="$arch" -o APT::Architectures="$arch")
	"$@" -q -o Dir::Etc::sourcelist="$dir/sources.list" \
		-o Dir::Etc::sourceparts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache="$dir/cache" \
		-o Debug::NoLocking=1 \
		-o Acquire::http::Timeout=60 -o Acquire::Retries=3 \
		-o APT::Sandbox::User=root "${archopts[@]}"
}

# papt_update: refresh the private package lists once a day at most.
papt_update() { _papt_update ""; }
# papt_update_arch DEB_ARCH: the same for papt_arch DEB_ARCH.
papt_update_arch() { _papt_update "$1"; }
_papt_update() {
	local arch=$1 stamp=$CACHE/apt/updated fd
	[[ -z $arch ]] || stamp=$CACHE/apt-$arch/updated
	mkdir -p "$CACHE/locks"
	exec {fd}>"$CACHE/locks/apt-update${arch:+-$arch}"
	flock -w 600 "$fd" || die "timed out waiting for another apt-get update"
	if [[ -z $(find "$stamp" -mmin -1440 2>/dev/null) ]]; then
		if [[ -z $arch ]]; then
			say "refreshing private package lists (bookworm, backports, sid, experimental)"
			papt apt-get update >&2 ||
				die "apt-get update with the private configuration failed"
		else
			say "refreshing private package lists for $arch (bookworm, sid)"
			papt_arch "$arch" apt-get update >&2 ||
				die "apt-get update with the private configuration for $arch failed"
		fi
		touch "$stamp"
	fi
	exec {fd}>&-
}

# run_logged LOG LIMIT WHAT CMD...: run CMD with its output in LOG, print a
# progress line every 30 s, kill it after LIMIT seconds. Returns CMD's status.
run_logged() {
	local log=$1 limit=$2 what=$3 start=$SECONDS pid rc=0 i=0
	shift 3
	timeout "$limit" "$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if ((++i % 30 == 0)); then
			say "  $what: $(elapsed "$start"), $(tail -n 1 "$log" | cut -c1-70)"
		fi
	done
	wait "$pid" || rc=$?
	if ((rc == 124)); then
		printf 'error: %s timed out after %ss (log: %s)\n' "$what" "$limit" "$log" >&2
	fi
	return "$rc"
}

# cache_lock NAME: hold an exclusive lock on NAME in the cache until this
# process exits, so that two scripts (scripts/test.sh fetches ahead in the
# background) never fill the same cache entry at once. Waits 20 minutes at most.
cache_lock() {
	local fd
	mkdir -p "$CACHE/locks"
	exec {fd}>"$CACHE/locks/$1"
	flock -w 1200 "$fd" || die "timed out waiting for the cache lock $1"
}

# The directory for this checkout's logs and results.
OUT=${KTHREAD_OUT:-$TOP/out}
