# SPDX-License-Identifier: GPL-2.0
# A module that loses memory, then is unloaded: the check of the kmemleak
# suite (module_leaks) must find the object, by the bare address of the
# module's code that is gone. Then kmemleak is switched off, and the
# kmemleak suite's "kmemleak is on" (kmemleak_on) must say so.
# shellcheck shell=sh
plan 5
check "insmod bug-leak" insmod_ok test/bug-leak
check "rmmod" rmmod_ok bug_leak
found() {
	_leaks=$(module_leaks) || return 1
	sed 's/^/    # /' /sys/kernel/debug/kmemleak
	[ -n "$_leaks" ]
}
check "the kmemleak check finds the lost buffer" found
check "kmemleak_on passes while kmemleak runs" kmemleak_on
off() {
	echo off >/sys/kernel/debug/kmemleak || return 1
	if kmemleak_on >/dev/null; then
		diag "kmemleak_on still passes with kmemleak off"
		return 1
	fi
	# For the reason it gives: kmemleak refuses the command.
	case $OUTPUT in
	*"Operation not permitted"*) return 0 ;;
	esac
	diag "kmemleak_on failed, but not with EPERM: $OUTPUT"
	return 1
}
check "kmemleak_on fails once kmemleak is off" off
