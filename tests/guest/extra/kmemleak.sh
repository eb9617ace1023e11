# SPDX-License-Identifier: GPL-2.0
# Run last: after every sample was loaded and unloaded (and its loads failed
# at every fault point), kmemleak must find nothing that a sample allocated.
# shellcheck shell=sh
plan 2
leaks=/sys/kernel/debug/kmemleak

check "kmemleak is on" test -w $leaks

# Objects younger than 5 s are not reported: wait, then scan twice.
scan() {
	sleep 6
	echo scan >$leaks && echo scan >$leaks && cat $leaks >/tmp/leaks
}
ours() {
	scan || { diag "scanning failed"; return 1; }
	# A sample's frames: by name while loaded, by module address after.
	awk '
		/^unreferenced object/ { obj = $0; n++ }
		/kthread_[a-z_]+\]|sample|\[<ffffffffc/ { if (obj != "") { print obj; mine++; obj = "" } }
		END { printf "# %d unreferenced objects, %d from a sample\n", n, mine; exit mine > 0 }
	' /tmp/leaks | sed 's/^/    /'
}
check "no leak from a sample module" ours
