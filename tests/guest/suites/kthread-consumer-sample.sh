# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-consumer-sample.c
# shellcheck shell=sh

# Helpers, also for the controls (extra/bug-consumer-*.sh), which source
# this file with CONSUMER_HELPERS_ONLY=1.

# handled NAME TOTAL: module NAME logged that it caught up after TOTAL
# events in all.
handled() { klog_has "$1: idle after $2 events$"; }

# produce_then NAME FILE N TOTAL: write N to FILE, then see module NAME
# catch up after TOTAL events in all. extra/bug-consumer-nowake.sh shows
# this fails for an interrupt that does not call wake_up().
produce_then() { write_ok "$3" "$2" && wait_until 10 handled "$1" "$4"; }

[ "${CONSUMER_HELPERS_ONLY:-0}" = 1 ] && return 0

plan 18
mod=kthread-consumer-sample
name=kthread_consumer_sample
produce=/sys/kernel/debug/$mod/produce

check "insmod events=3 succeeds" insmod_ok $mod events=3
pid=$(pid_of sample-consumer)
check "the thread sample-consumer exists" ge "pid" "$pid" 1
check "the 3 events the interrupt hands over at load are handled" wait_until 10 handled $name 3
check "produce is write-only for root (0200)" eq "mode" "$(mode_of "$produce")" "--w-------"
check "the idle thread sleeps (S)" state_is "$pid" S
# Not scheduled at all while idle: a thread that polled would switch in
# and out (extra/bug-poll.sh).
check "the idle thread is not woken once in a second" not_woken "$pid" 1

check "5 events written, 8 handled in all" produce_then $name "$produce" 5 8

# write_erange VALUE FILE: the write fails with ERANGE (kstrtouint's error).
write_erange() {
	write "$1" "$2"
	case $STATUS:$OUTPUT in
	1:*"out of range"*) return 0 ;;
	esac
	diag "writing '$1' to $2: status $STATUS, not ERANGE: $OUTPUT"
	return 1
}
bad_values() {
	for v in 0 1001 -1 abc "" 1x 0x; do
		write_einval "$v" "$produce" || return 1
	done
	write_erange 4294967296 "$produce" || return 1
	# None of them produced anything: one more event makes 9.
	produce_then "$name" "$produce" 1 9
}
check "0, 1001, -1, abc, empty, 1x, 0x are refused with EINVAL, 2^32 with ERANGE, and change nothing" bad_values

# Every event so far handled, the device empty: 1000 fit, then no more.
fits() { write 1000 "$produce"; [ "$STATUS" = 0 ]; }
check "1000 events (the cap) are accepted once the thread has caught up" wait_until 20 fits
enospc() {
	write "$1" "$produce"
	case $STATUS:$OUTPUT in
	1:*"No space left on device"*) return 0 ;;
	esac
	diag "writing $1 beyond the cap: status $STATUS: $OUTPUT"
	return 1
}
check "beyond the cap, a write is refused with ENOSPC" enospc 1000

sleep 0.2
check "rmmod while busy within $RMMOD_BOUND" rmmod_ok $name
stopped=$(klog_value "$name: stopped: ([0-9]+ handled, [0-9]+ dropped)")
accounted() {
	_h=${stopped%% handled*}
	_d=${stopped#*, }
	_d=${_d%% dropped}
	diag "stopped: $stopped; written: 3 + 5 + 1 + 1000"
	[ -n "$stopped" ] && [ "$_d" -gt 0 ] &&
		eq "handled + dropped" "$((_h + _d))" $((3 + 5 + 1 + 1000))
}
check "every event written was handled or dropped, some dropped" accounted
check "no debugfs directory left" eq "debugfs entry" "$(ls -d /sys/kernel/debug/$mod 2>/dev/null)" ""

check "insmod events=1001 is refused with EINVAL" insmod_einval $mod events=1001

check "insmod without events succeeds" insmod_ok $mod
check "rmmod while idle within $RMMOD_BOUND" rmmod_ok $name

# Writes racing load and unload: a write may find no file, or be refused
# while the module goes (ENOENT, ENXIO). An open file holds no reference
# to the module (debugfs_short_fops): rmmod never fails, it waits for a
# write in progress.
races() {
	mark "consumer races"
	rm -f /tmp/consumer-stop
	(while [ ! -e /tmp/consumer-stop ]; do
		for v in 5 1 0 abc 1000; do echo $v 2>/dev/null >"$produce"; done
	done) &
	_w=$!
	_c=0 _bad=0
	while [ $_c -lt 20 ]; do
		insmod "$MODDIR/$mod.ko" events=$((_c * 50)) || { _bad=1; break; }
		[ $((_c % 2)) = 1 ] && sleep 0.05
		rmmod "$name" || { diag "cycle $_c: rmmod failed"; _bad=1; break; }
		_c=$((_c + 1))
	done
	touch /tmp/consumer-stop
	wait $_w
	diag "$_c load/unload cycles"
	[ $_bad = 0 ] && eq "error lines" "$(klog_since "consumer races" | grep -cE "$name: .*(failed|invalid)")" 0
}
check "writes racing 20 loads and unloads: no error" races
nothing_left() { not_loaded "$name" && no_thread sample-consumer; }
check "no thread and no module left" nothing_left
