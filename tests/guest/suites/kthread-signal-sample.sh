# SPDX-License-Identifier: GPL-2.0
# samples/kthread/kthread-signal-sample.c
# shellcheck shell=sh
plan 12
mod=kthread-signal-sample
name=kthread_signal_sample

check "insmod succeeds" insmod_ok $mod
sig=$(pid_of sample-signal)
nosig=$(pid_of sample-nosignal)
check "the threads sample-signal and sample-nosignal exist" klog_has \
	"$name: thread sample-signal \(pid ${sig:-none}\) allows SIGUSR1, thread sample-nosignal \(pid ${nosig:-none}\) no signal$"

# status_field PID FIELD: the value of FIELD in /proc/PID/status.
status_field() { sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status" 2>/dev/null; }
switches() { status_field "$1" voluntary_ctxt_switches; }
asleep() { state_is "$sig" S && state_is "$nosig" S; }
check "both sleep (S)" wait_until 2 asleep
# SIGUSR1 is signal 10: bit 9 of the masks. kthreadd's SIG_IGN is
# inherited for every other signal; allow_signal()'s handler is neither
# SIG_IGN nor SIG_DFL, so /proc counts it as caught.
check "sample-signal catches SIGUSR1 only and ignores the rest" eq "SigCgt SigIgn" \
	"$(status_field "$sig" SigCgt) $(status_field "$sig" SigIgn)" "0000000000000200 fffffffffffffdff"
check "sample-nosignal ignores every signal" eq "SigCgt SigIgn" \
	"$(status_field "$nosig" SigCgt) $(status_field "$nosig" SigIgn)" "0000000000000000 ffffffffffffffff"

# A signal that the thread ignores is dropped before it wakes the thread:
# its count of voluntary context switches does not move.
nosig_switches=$(switches "$nosig")
ignored() {
	kill -USR1 "$nosig" || return 1
	sleep 0.5
	eq "voluntary_ctxt_switches" "$(switches "$nosig")" "$nosig_switches" && state_is "$nosig" S
}
check "kill -USR1 sample-nosignal: it is not even woken" ignored

before=$(switches "$sig")
woken() { klog_has "$name: woken by SIGUSR1 \(1 so far\)$"; }
received() {
	kill -USR1 "$sig" || return 1
	wait_until 2 woken || return 1
	ge "voluntary_ctxt_switches" "$(switches "$sig")" $((before + 1))
}
check "kill -USR1 sample-signal wakes it, and it says so" received
# flush_signals() cleared it: the thread sleeps again instead of finding
# the signal pending in every sleep.
settled() {
	sleep 0.5
	_n=$(switches "$sig")
	sleep 0.5
	state_is "$sig" S && eq "voluntary_ctxt_switches a second later" "$(switches "$sig")" "$_n"
}
check "after flush_signals() it sleeps again (S), not spinning" settled
three() { klog_has "$name: woken by SIGUSR1 \(3 so far\)$"; }
more() { kill -USR1 "$sig" && sleep 0.2 && kill -USR1 "$sig" && wait_until 2 three; }
check "two more signals, two more wakeups" more
check "sample-nosignal was not woken by any of them" eq "its voluntary_ctxt_switches" \
	"$(switches "$nosig")" "$nosig_switches"

check "rmmod within $PROMPT_MS ms" rmmod_ok $name "$PROMPT_MS"
# After kthread_stop() (TIF_NOTIFY_SIGNAL) an interruptible wait returns at
# once, even after flush_signals(): in under half of its 20 ms. The
# uninterruptible one lasts its 20 ms.
waits() {
	klog_has "$name: stopping: signal_pending\(\) 1, 1 after flush_signals\(\)$" || return 1
	_line=$(klog | grep "$name: stopping: msleep_interruptible")
	diag "${_line#*] }"
	_int=$(echo "$_line" | sed -n 's/.*returned after \([0-9]*\) us, \([0-9]*\) ms early.*/\1/p')
	_early=$(echo "$_line" | sed -n 's/.*returned after \([0-9]*\) us, \([0-9]*\) ms early.*/\2/p')
	_unint=$(echo "$_line" | sed -n 's/.*msleep(20) took \([0-9]*\) us$/\1/p')
	le "msleep_interruptible(20) after kthread_stop() (us)" "$_int" 10000 &&
		ge "ms it returned early" "$_early" 20 &&
		ge "msleep(20) after kthread_stop() (us)" "$_unint" 20000
}
check "after kthread_stop(): msleep_interruptible(20) returns at once, msleep(20) takes 20 ms" waits
