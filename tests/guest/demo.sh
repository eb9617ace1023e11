#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo: load each sample, do what its header comment suggests, show its
# threads and kernel log lines, unload it.

# run CMD...: show a command, then run it.
run() {
	echo "\$ $*"
	sh -c "$*"
}

threads() {
	echo "\$ ps | grep sample-"
	# shellcheck disable=SC2009  # show ps as a user would see it
	ps | grep '\[sample[-]' || echo "(no sample thread running)"
}

for mod in kthread-create-wake-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample \
	kthread-park-sample kthread-percpu-sample kthread-freezable-sample kthread-exit-sample kthread-sched-sample \
	kthread-idle-sample kthread-signal-sample kthread-affinity-sample; do
	[ -f "/modules/$mod.ko" ] || continue
	name=$(echo "$mod" | tr - _)
	params=/sys/module/$name/parameters
	echo
	echo "### $mod"
	echo "ktap-guest: demo $mod" >/dev/kmsg
	run insmod "/modules/$mod.ko" || continue
	sleep 2.2
	case $mod in
	kthread-consumer-sample)
		run "echo 5 > $params/produce"
		sleep 0.5
		;;
	kthread-park-sample)
		run "echo 1 > $params/parked"
		pid=$(ps | sed -n 's/^ *\([0-9]*\) .*\[sample-park\]$/\1/p')
		run "grep State /proc/$pid/status"
		sleep 1
		run "echo 0 > $params/parked"
		sleep 1
		;;
	kthread-percpu-sample)
		threads
		pid=$(ps | sed -n 's/^ *\([0-9]*\) .*\[sample-cpu\/1\]$/\1/p')
		online=/sys/devices/system/cpu/cpu1/online
		if [ -z "$pid" ] || [ ! -w "$online" ]; then
			echo "(not shown: no sample-cpu/1, or CPU 1 cannot go offline in this kernel (CONFIG_HOTPLUG_CPU))"
		else
			run "grep -E 'State|Cpus_allowed_list' /proc/$pid/status"
			run "echo 0 > $online" ||
				echo "(CPU 1 did not go offline: see the kernel log)"
			# Parked by smpboot with its CPU, not gone: the same pid.
			run "grep -E 'State|Cpus_allowed_list' /proc/$pid/status"
			run "echo 1 > $online" ||
				echo "(CPU 1 did not come back online: see the kernel log)"
			sleep 0.5
			run "grep -E 'State|Cpus_allowed_list' /proc/$pid/status"
		fi
		;;
	kthread-freezable-sample)
		# A freeze without suspending: pm_test's freezer level freezes
		# every freezable task, waits 5 s, thaws them.
		if grep -qw freezer /sys/power/pm_test 2>/dev/null && grep -qw freeze /sys/power/state; then
			run "echo freezer > /sys/power/pm_test"
			run "echo freeze > /sys/power/state" ||
				echo "(the freeze failed: see the kernel log)"
			sleep 1.2
		else
			echo "(the freeze is not shown: this kernel has no freezer level in /sys/power/pm_test (CONFIG_PM_DEBUG, CONFIG_PM_SLEEP_DEBUG) or no freeze in /sys/power/state (CONFIG_SUSPEND))"
		fi
		;;
	kthread-idle-sample)
		pid=$(ps | sed -n 's/^ *\([0-9]*\) .*\[sample-idle\]$/\1/p')
		run "grep State /proc/$pid/status"
		;;
	kthread-signal-sample)
		for t in sample-signal sample-nosignal; do
			pid=$(ps | sed -n "s/^ *\([0-9]*\) .*\[$t\]\$/\1/p")
			run "kill -USR1 $pid"
		done
		sleep 0.2
		;;
	kthread-sched-sample)
		for t in sample-fifo sample-fifo-low sample-nice; do
			pid=$(ps | sed -n "s/^ *\([0-9]*\) .*\[$t\]\$/\1/p")
			echo "$t: $(awk '{ print "policy", $41, "rt_priority", $40, "nice", $19 }' "/proc/$pid/stat")"
		done
		;;
	esac
	threads
	echo "\$ rmmod $mod"
	kt-helper time rmmod "$name" | sed -n 's/^elapsed_us=\([0-9]*\).*/(rmmod took \1 us)/p'
	echo "\$ dmesg | grep $name"
	dmesg | sed -n "/ktap-guest: demo $mod\$/,\$p" | grep "$name:"
done
