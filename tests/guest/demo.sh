#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo: load each sample, show what it prints and its threads, unload.
cd /modules || exit 1
for ko in *.ko; do
	mod=${ko%.ko}
	name=$(echo "$mod" | tr - _)
	echo
	echo "### $mod"
	echo "ktap-guest: demo $mod" >/dev/kmsg
	echo "\$ insmod $ko"
	insmod "$ko" || continue
	sleep 3.2
	echo "\$ ps | grep sample-"
	# shellcheck disable=SC2009  # show ps as a user would see it
	ps | grep '\[sample[-]' || echo "(no sample thread running)"
	echo "\$ rmmod $mod"
	kt-helper time rmmod "$name" | sed -n 's/^elapsed_us=\([0-9]*\).*/(rmmod took \1 us)/p'
	echo "\$ dmesg | grep $name"
	dmesg | sed -n "/ktap-guest: demo $mod\$/,\$p" | grep "$name:"
done
