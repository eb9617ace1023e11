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

# parse_options SPEC... -- ARG...: the option parser of every script here.
# A SPEC is one of
#   --name=var:WHAT     takes a value: var=VALUE ("--name needs WHAT")
#   --name=var[]:WHAT   takes a value, appended to the array var
#   --name!var=VALUE    a flag: var=VALUE
#   @var[]              the arguments that are not options, appended to
#                       the array var (without it, any is refused)
# -h and --help call the script's usage() and exit 0; anything else calls
# usage_error. The variables must exist (they are the script's globals).
parse_options() {
	local -A _po_value=() _po_flag=()
	local _po_rest='' _po_target
	while (($#)) && [[ $1 != -- ]]; do
		case $1 in
		@*'[]') _po_rest=${1:1:-2} ;;
		--*!*=*) _po_flag[${1%%!*}]=${1#*!} ;;
		--*=*:*) _po_value[${1%%=*}]=${1#*=} ;;
		*) die "parse_options: bad option spec '$1'" ;;
		esac
		shift
	done
	(($#)) || die "parse_options: no -- before the arguments"
	shift
	while (($#)); do
		[[ -n $1 ]] || usage_error "an empty argument"
		if [[ $1 == -h || $1 == --help ]]; then
			usage
			exit 0
		elif [[ -n ${_po_flag[$1]:-} ]]; then
			_po_target=${_po_flag[$1]}
			printf -v "${_po_target%%=*}" '%s' "${_po_target#*=}"
		elif [[ -n ${_po_value[$1]:-} ]]; then
			(($# > 1)) || usage_error "$1 needs ${_po_value[$1]#*:}"
			_po_target=${_po_value[$1]%%:*}
			if [[ $_po_target == *'[]' ]]; then
				_po_append "${_po_target%'[]'}" "$2"
			else
				printf -v "$_po_target" '%s' "$2"
			fi
			shift
		elif [[ $1 != -* && -n $_po_rest ]]; then
			_po_append "$_po_rest" "$1"
		else
			usage_error "unknown argument '$1'"
		fi
		shift
	done
}
# _po_append ARRAY VALUE
_po_append() {
	local -n _po_array=$1
	_po_array+=("$2")
}

# load_arch ARCH: the variables of tests/arch/ARCH.conf, as globals (those
# an architecture may leave out are reset first). Returns 1, loading
# nothing, when there is no such architecture.
load_arch() {
	[[ $1 =~ ^[a-z0-9_]+$ && -f $TOP/tests/arch/$1.conf ]] || return 1
	CONFIG_FRAGMENTS=() GUEST_ARGS='' TSC_FROM_HOST=0 EXIT_PORT=''
	# shellcheck source=tests/arch/x86_64.conf
	. "$TOP/tests/arch/$1.conf"
}
# load_cc CC: the same for tests/cc/CC.conf.
load_cc() {
	[[ $1 =~ ^[a-z0-9]+$ && -f $TOP/tests/cc/$1.conf ]] || return 1
	CC_MAKE_ARGS=() CC_NEED=() CC_PACKAGES=()
	# shellcheck source=tests/cc/gcc.conf
	. "$TOP/tests/cc/$1.conf"
}
# load_distro NAME: the same for tests/distro/NAME.conf.
load_distro() {
	[[ $1 =~ ^[a-z0-9.-]+$ && -f $TOP/tests/distro/$1.conf ]] || return 1
	# shellcheck source=tests/distro/debian12.conf
	. "$TOP/tests/distro/$1.conf"
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
	local log=$1 limit=$2 what=$3 start=$SECONDS pid rc=0 i=0 last
	shift 3
	timeout "$limit" "$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if ((++i % 30 == 0)); then
			# The log's last line, when it has one that says something.
			last=$(tail -n 1 "$log" | tr -d '\r' | cut -c1-70)
			[[ $last =~ [^[:space:]] ]] || last=
			say "  $what: $(elapsed "$start")${last:+, $last}"
		fi
	done
	wait "$pid" || rc=$?
	if ((rc == 124)); then
		printf 'error: %s timed out after %ss (log: %s)\n' "$what" "$limit" "$log" >&2
	fi
	return "$rc"
}

# cache_lock NAME [SECONDS]: hold an exclusive lock on NAME in the cache
# until this process exits, so that two scripts (scripts/prebuild.sh works
# ahead in the background) never fill the same cache entry or build
# directory at once: the second waits (20 minutes, or SECONDS, at most),
# then finds the work done. Says when it has to wait.
#
# A waiter needs the holder's work now: a holder that runs at a lower
# priority than the waiter (scripts/prebuild.sh runs at nice 19, which a
# busy host starves) is given the waiter's, with everything of its session.
cache_lock() {
	local fd holder mine sid ni ag raised=0 pids p
	mkdir -p "$CACHE/locks"
	exec {fd}>"$CACHE/locks/$1"
	if ! flock -n "$fd"; then
		say "waiting for $1 (another script, or scripts/prebuild.sh, is working on it)"
		holder=$(cat "$CACHE/locks/$1.pid" 2>/dev/null || true)
		mine=$(nice)
		sid=$(ps -o sid= -p "${holder:-0}" 2>/dev/null | tr -d " " || true)
		ni=$(ps -o ni= -p "${holder:-0}" 2>/dev/null | tr -d " " || true)
		# With autogroups (Debian's default) the holder's session is a
		# group with a nice of its own, which prebuild.sh sets to 19: the
		# group must be raised too, or its tasks at nice 0 still starve.
		ag=$(sed -n 's/.* nice //p' "/proc/${holder:-0}/autogroup" 2>/dev/null || true)
		[[ $ag =~ ^-?[0-9]+$ ]] || ag=$mine
		if [[ $holder =~ ^[0-9]+$ && $sid =~ ^[0-9]+$ && $ni =~ ^-?[0-9]+$ ]] &&
			((ni > mine || ag > mine)); then
			# shellcheck disable=SC2046 # a list of pids
			if renice -n "$mine" -p $(ps -eo pid=,sid= | awk -v s="$sid" '$2 == s { print $1 }') >/dev/null 2>&1 &&
				{ ((ag <= mine)) || echo "$mine" >"/proc/$holder/autogroup"; } 2>/dev/null; then
				raised=1
				say "  (its holder, pid $holder, now runs at nice $mine, as this waiter does)"
			else
				say "  (its holder, pid $holder, runs at a lower priority, and this user may not raise it)"
			fi
		fi
		flock -w "${2:-1200}" "$fd" || die "timed out waiting for the cache lock $1"
		# Then the holder's session goes back to its own priority, so
		# that the work ahead does not take the CPUs from the cells in
		# front for the rest of the run.
		if ((raised)); then
			pids=$(ps -eo pid=,sid= | awk -v s="$sid" '$2 == s { print $1 }')
			# shellcheck disable=SC2086 # a list of pids
			[[ -z $pids ]] || renice -n "$ni" -p $pids >/dev/null 2>&1 || true
			for p in $pids; do
				echo "$ag" >"/proc/$p/autogroup" 2>/dev/null && break
			done
		fi
	fi
	echo "$$" >"$CACHE/locks/$1.pid"
}

# cell_paths TREE ARCH CC HOW [OWN_TREE]: where a cell of tests/matrix.txt
# keeps its things, in globals: cell_tree (the kernel tree the series is
# applied to: OWN_TREE for TREE "own"), cell_build (the kernel build
# directory; none for a distro cell), cell_kbuild (what the samples build
# against out of tree), cell_oot (those modules) and cell_res (the name of
# the boot's results under out/).
cell_paths() {
	local t=$1 suffix=$2
	[[ $3 == gcc ]] || suffix+=-$3
	cell_tree=$CACHE/work/linux-$t
	[[ $t != own ]] || cell_tree=$5
	cell_build='' cell_kbuild=''
	case $4 in
	series) cell_build=$CACHE/build/$(basename "$cell_tree")-$suffix ;;
	oot) cell_build=$CACHE/build/linux-$t-$suffix-oot cell_kbuild=$cell_build ;;
	distro) cell_kbuild=$CACHE/distro/$t/headers ;;
	esac
	cell_oot=$CACHE/oot/$t-$suffix
	cell_res=boot-$t-$suffix
}

# The directory for this checkout's logs and results.
OUT=${KTHREAD_OUT:-$TOP/out}
