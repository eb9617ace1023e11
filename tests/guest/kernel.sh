# SPDX-License-Identifier: GPL-2.0
# What every suite together must leave behind: nothing.
# shellcheck shell=sh
plan 3

tainted=$(cat /proc/sys/kernel/tainted 2>/dev/null)
check "kernel not tainted" eq "taint" "$tainted" 0

check "no module left loaded" eq "/proc/modules" "$(cat /proc/modules)" ""

leftover() {
	_found=
	for _f in /proc/[0-9]*/comm; do
		case $(cat "$_f" 2>/dev/null) in
		sample-*) _found="$_found ${_f%/comm}" ;;
		esac
	done
	eq "sample threads" "$_found" ""
}
check "no sample thread left" leftover
