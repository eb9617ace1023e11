#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Work ahead of scripts/test.sh, in the background at nice 19, while its
# cells in front boot their guests (a boot keeps the CPUs about 40% busy):
# build the variant kernels of the first cell (--variant) and everything
# every later cell builds (scripts/build-cell.sh); or, with --fetch, only
# fetch what the cells need (kernel sources, busybox, sparse, distribution
# packages), so that downloads and unpacking overlap with compiling.
# Only a cache warmer: each cell still runs its own build, which then is
# incremental, and judges it; a failure here is left for the cell to find
# and report. How long each build took goes to RUN/prebuilt/TREE-ARCH-CC
# ("STATUS SECONDS"), for test.sh's table.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --run DIR [--fetch] [--variant NAME]... CELL...
  CELL            "TREE ARCH CC HOW", a line of tests/matrix.txt
  --run DIR       the run's log directory (scripts/apply-series.sh --run)
  --fetch         only fetch what every CELL needs
  --variant NAME  build the first CELL's kernel with tests/configs/NAME.config
USAGE
}

run=
fetch=0
variants=()
cells=()
parse_options --run=run:DIR --fetch!fetch=1 '--variant=variants[]:NAME' '@cells[]' -- "$@"
[[ -n $run ]] || usage_error "--run is required"
((${#cells[@]})) || usage_error "name at least one CELL"
for c in "${cells[@]}"; do
	[[ $c =~ ^[a-z0-9.-]+\ [a-z0-9_]+\ [a-z0-9]+\ (series|oot|distro)$ ]] ||
		usage_error "a CELL is \"TREE ARCH CC HOW\", not '$c'"
done
renice -n 19 -p $$ >/dev/null
ionice -c 3 -p $$ 2>/dev/null || true
# scripts/test.sh starts this in a session of its own (setsid), and with
# the scheduler's autogroups (Debian's default) a session is a group that
# gets its fair share whatever its tasks' nice: the group itself must be
# niced too, or the builds ahead take half the CPUs from the cells in front
# (seen: the first kernel took 672 s instead of 364 s).
if [[ -w /proc/$$/autogroup ]]; then
	echo 19 >"/proc/$$/autogroup" 2>/dev/null || true
fi

# fetch_ahead: what the cells download. The get-* scripts lock their cache
# entries: a cell that needs one first waits for it.
fetch_ahead() {
	local c t a k how seen=" "
	"$TOP/scripts/get-sparse.sh"
	for c in "${cells[@]}"; do
		read -r t a k how <<<"$c"
		load_arch "$a" || die "no tests/arch/$a.conf"
		((BOOT == 0)) || "$TOP/scripts/get-busybox.sh" "$DEB_ARCH"
		[[ $seen != *" $t "* ]] || continue
		seen+="$t "
		case $how in
		series | oot) [[ $t == own ]] || "$TOP/scripts/get-kernel.sh" "$t" ;;
		distro) "$TOP/scripts/get-distro-kernel.sh" "$t" ;;
		esac
	done
}
if ((fetch)); then
	fetch_ahead
	exit 0
fi

first=1
for c in "${cells[@]}"; do
	read -r t a k how <<<"$c"
	t0=$SECONDS
	was_first=$first
	first=0
	if [[ $how == series && $t != own ]] &&
		! "$TOP/scripts/apply-series.sh" --run "$run" "$t" >/dev/null; then
		continue
	fi
	if ((was_first)); then
		for v in "${variants[@]}"; do
			say "building the $v kernel of $t/$a/$k ahead"
			"$TOP/scripts/build-cell.sh" --variant "$v" "$t" "$a" "$k" "$how" || true
		done
		continue
	fi
	say "building $t/$a/$k ($how) ahead"
	rc=0
	"$TOP/scripts/build-cell.sh" "$t" "$a" "$k" "$how" || rc=$?
	mkdir -p "$run/prebuilt"
	echo "$rc $((SECONDS - t0))" >"$run/prebuilt/$t-$a-$k"
done
