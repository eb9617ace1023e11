# SPDX-License-Identifier: GPL-2.0
# What kthread-periodic-sample's header states about sleeps after
# kthread_stop() (tests/modules/bug-periodic-msleep.c): interruptible
# sleeps return at once, msleep() sleeps on.
# shellcheck shell=sh
plan 4
name=bug_periodic_msleep
check "insmod bug-periodic-msleep" insmod_ok test/bug-periodic-msleep
sleep 0.3
# rmmod waits for the thread's three sleeps: 50 ms and a little.
check "rmmod bug-periodic-msleep" rmmod_ok $name
re="$name: after kthread_stop\(\): msleep_interruptible\(50\) ([0-9]+) us, wait_event_interruptible_timeout\(\) ([0-9]+) us \((-?[0-9]+)\), msleep\(50\) ([0-9]+) us"
line=$(klog | grep -E "$re")
diag "${line#*] }"
field() { echo "$line" | sed -n -E "s/.*$re.*/\\$1/p"; }
at_once() {
	le "msleep_interruptible(50) after kthread_stop() (us)" "$(field 1)" 10000 &&
		le "wait_event_interruptible_timeout(50 ms) after kthread_stop() (us)" "$(field 2)" 10000 &&
		eq "its result (-ERESTARTSYS)" "$(field 3)" -512
}
check "after kthread_stop() interruptible sleeps return at once" at_once
check "after kthread_stop() msleep(50) sleeps 50 ms" ge "msleep(50) (us)" "$(field 4)" 50000
