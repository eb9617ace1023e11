# SPDX-License-Identifier: GPL-2.0
# What every suite together must leave behind: nothing.
# shellcheck shell=sh
plan 3

# The host says which taint to expect with kt.taint= (out-of-tree modules
# taint with O, 4096; unsigned ones on a signing kernel with E, 8192):
# exactly that, and no other bit.
expected=0
read -r _cmdline </proc/cmdline
for _arg in $_cmdline; do
	case $_arg in
	kt.taint=*) expected=${_arg#kt.taint=} ;;
	esac
done
tainted=$(cat /proc/sys/kernel/tainted 2>/dev/null)
check "kernel taint is exactly $expected" eq "taint" "$tainted" "$expected"

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
