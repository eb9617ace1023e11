# SPDX-License-Identifier: GPL-2.0
# A module that loses memory, then is unloaded: the check of the kmemleak
# suite (module_leaks) must find the object, by the bare address of the
# module's code that is gone.
# shellcheck shell=sh
plan 3
check "insmod bug-leak" insmod_ok test/bug-leak
check "rmmod" rmmod_ok bug_leak 1000
found() {
	_leaks=$(module_leaks) || return 1
	sed 's/^/    # /' /sys/kernel/debug/kmemleak
	[ -n "$_leaks" ]
}
check "the kmemleak check finds the lost buffer" found
