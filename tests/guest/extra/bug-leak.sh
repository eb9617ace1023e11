# SPDX-License-Identifier: GPL-2.0
# A module that loses memory: kmemleak must find it, and name the module.
# shellcheck shell=sh
plan 3
leaks=/sys/kernel/debug/kmemleak
check "insmod bug-leak" insmod_ok test/bug-leak
# Objects younger than 5 s are not reported: wait, then scan twice.
found() {
	sleep 6
	echo scan >$leaks && echo scan >$leaks || return 1
	cat $leaks | tee /tmp/leaks | sed 's/^/    # /'
	grep -q "bug_leak" /tmp/leaks
}
check "kmemleak reports the lost buffer, allocated by bug_leak" found
check "rmmod" rmmod_ok bug_leak 1000
