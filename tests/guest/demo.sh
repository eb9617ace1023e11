#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo: for each sample, what to look for (from its header comment),
# then load it, do what the header suggests, show its threads and kernel
# log lines, unload it. Every command whose output is shown is shown.

# run CMD...: show a command, then run it.
run() {
	echo "\$ $*"
	sh -c "$*"
}

threads() {
	echo "\$ ps -o pid,stat,comm | grep sample-"
	# shellcheck disable=SC2009  # show ps as a user would see it
	ps -o pid,stat,comm | grep 'sample[-]' || echo "(no sample thread running)"
	[ "$stat_told" = 1 ] && return 0
	echo "(STAT: S sleeping, interruptible; I idle, a sleep that counts for"
	echo " neither the load average nor the hung-task detector; W no memory of"
	echo " its own, as for every kernel thread)"
	stat_told=1
}

if [ -e /modules/out-of-tree ]; then
	echo "Loading a module built outside the kernel tree, and not signed, taints"
	echo "the kernel (\"loading out-of-tree module taints kernel\", \"module"
	echo "verification failed\"): expected for modules you build yourself."
fi
stat_told=0
for mod in kthread-lifecycle-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample; do
	[ -f "/modules/$mod.ko" ] || continue
	name=$(echo "$mod" | tr - _)
	echo
	echo "### $mod"
	if [ -s "/modules/$mod.look" ]; then
		echo "What to look for:"
		sed 's/^/  /' "/modules/$mod.look"
	fi
	echo "ktap-guest: demo $mod" >/dev/kmsg
	case $mod in
	kthread-lifecycle-sample)
		run insmod "/modules/$mod.ko" job_ms=1500 || continue
		threads
		run rmmod "$name" || echo "(refused while sample-job runs: it holds the module)"
		sleep 2
		;;
	kthread-periodic-sample)
		run insmod "/modules/$mod.ko" period_ms=100 || continue
		sleep 2.2
		;;
	kthread-consumer-sample)
		run insmod "/modules/$mod.ko" || continue
		sleep 0.5
		run "echo 5 > /sys/kernel/debug/kthread-consumer-sample/produce"
		sleep 0.5
		;;
	kthread-worker-sample)
		run insmod "/modules/$mod.ko" delay_ms=500 || continue
		pid=$(ps -o pid,comm | sed -n 's/^ *\([0-9]*\) sample-worker\/0$/\1/p')
		if [ -n "$pid" ]; then
			echo "\$ awk '{ print \"policy\", \$41, \"rt_priority\", \$40 }' /proc/$pid/stat"
			awk '{ print "policy", $41, "rt_priority", $40 }' "/proc/$pid/stat"
			echo "(policy 1 is SCHED_FIFO)"
		fi
		sleep 1
		;;
	esac
	threads
	echo "\$ rmmod $name"
	kt-helper time rmmod "$name" 2>&1 | awk -F'[= ]' '/^elapsed_us=/ { printf "(rmmod took %d ms)\n", $2 / 1000; next } { print }'
	echo "\$ dmesg | grep $name"
	dmesg | sed -n "/ktap-guest: demo $mod\$/,\$p" | grep "$name:"
done
