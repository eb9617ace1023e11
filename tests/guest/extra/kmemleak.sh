# SPDX-License-Identifier: GPL-2.0
# Run last: after every sample was loaded and unloaded (and, in the faults
# suite, failed to load at every fault point), kmemleak must find nothing
# that a module allocated. The bug-leak suite shows this check finds a leak.
# shellcheck shell=sh
plan 2
check "kmemleak is on" kmemleak_on
none() {
	_leaks=$(module_leaks) || { diag "scanning failed"; return 1; }
	diag "$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak) unreferenced objects in all"
	[ -z "$_leaks" ] && return 0
	echo "$_leaks" | sed 's/^/    # /'
	sed 's/^/    # /' /sys/kernel/debug/kmemleak | head -n 200
	return 1
}
check "no leak from a module" none
