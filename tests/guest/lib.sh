# SPDX-License-Identifier: GPL-2.0
# KTAP helpers for the guest test suites (busybox sh). A suite declares its
# plan, runs its cases with "check", and ends with "done_testing". Output is
# a KTAP subtest (Documentation/dev-tools/ktap.rst), indented four spaces.
# shellcheck shell=sh

KT_NR=0
KT_FAILED=0
KT_PLAN=0
MODDIR=/modules

plan() {
	KT_PLAN=$1
	echo "    KTAP version 1"
	echo "    1..$1"
}

diag() { echo "    # $*"; }

# check NAME CMD [ARG]...: one test case, passed when CMD succeeds.
check() {
	# Variables are global in sh: keep the case name where no test
	# function would use it.
	KT_CASE=$1
	shift
	KT_NR=$((KT_NR + 1))
	if "$@"; then
		echo "    ok $KT_NR $KT_CASE"
	else
		echo "    not ok $KT_NR $KT_CASE"
		KT_FAILED=$((KT_FAILED + 1))
	fi
}

# done_testing: the suite's status, failed when a case failed or the plan
# was not met.
done_testing() {
	if [ "$KT_NR" -ne "$KT_PLAN" ]; then
		diag "planned $KT_PLAN tests but ran $KT_NR"
		return 1
	fi
	[ "$KT_FAILED" -eq 0 ]
}

# The kernel log since this suite began (run.sh writes the marker).
klog() { dmesg | sed -n "/ktap-guest: begin $KT_SUITE\$/,\$p"; }

# mark TEXT: a marker in the kernel log, to look only at what follows it.
mark() { echo "ktap-guest: $*" >/dev/kmsg; }
klog_since() { dmesg | sed -n "/ktap-guest: $1\$/,\$p"; }

# klog_has ERE: the suite's log has a matching line.
klog_has() {
	klog | grep -Eq "$1" && return 0
	diag "no kernel log line matches: $1"
	return 1
}

# klog_value ERE: the first sed group \1 of the last matching log line.
klog_value() { klog | sed -n -E "s/.*$1.*/\1/p" | tail -n 1; }

# eq WHAT GOT WANT
eq() {
	[ "$2" = "$3" ] && return 0
	diag "$1: got '$2', want '$3'"
	return 1
}

# le WHAT GOT MAX / ge WHAT GOT MIN: integer bounds.
le() {
	[ -n "$2" ] && [ "$2" -le "$3" ] && return 0
	diag "$1: got '$2', want at most $3"
	return 1
}
ge() {
	[ -n "$2" ] && [ "$2" -ge "$3" ] && return 0
	diag "$1: got '$2', want at least $3"
	return 1
}

# timed CMD [ARG]...: run CMD; sets ELAPSED_US and STATUS, keeps its output
# in OUTPUT. Returns 0 whatever CMD returned.
timed() {
	OUTPUT=$(kt-helper time "$@" 2>&1)
	_last=$(echo "$OUTPUT" | tail -n 1)
	ELAPSED_US=$(echo "$_last" | sed -n 's/^elapsed_us=\([0-9]*\) status=.*/\1/p')
	STATUS=$(echo "$_last" | sed -n 's/.* status=\([0-9]*\)$/\1/p')
	OUTPUT=$(echo "$OUTPUT" | sed '$d')
	return 0
}

# loaded MODNAME: is the module in /proc/modules?
loaded() { grep -q "^$1 " /proc/modules; }
not_loaded() {
	loaded "$1" || return 0
	diag "module $1 is still loaded"
	return 1
}

# threads_named COMM: pids of the tasks called COMM. "read" is a shell
# builtin: a "cat" per task would cost a fork each, seconds under TCG.
threads_named() {
	for _f in /proc/[0-9]*/comm; do
		read -r _c <"$_f" 2>/dev/null || continue
		[ "$_c" = "$1" ] && { _p=${_f#/proc/}; echo "${_p%/comm}"; }
	done
	return 0
}
no_thread() {
	_left=$(threads_named "$1")
	[ -z "$_left" ] && return 0
	diag "thread $1 still exists: pid $_left"
	return 1
}

# wait_until SECONDS CMD [ARG]...: poll CMD every 50 ms.
wait_until() {
	_tries=$(($1 * 20))
	shift
	while [ "$_tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
		_tries=$((_tries - 1))
	done
	"$@"
}

# insmod_ok MODULE [PARAM]...: load; sets ELAPSED_US, STATUS, OUTPUT.
insmod_ok() {
	_ko=$MODDIR/$1.ko
	shift
	timed insmod "$_ko" "$@"
	[ "$STATUS" = 0 ] && return 0
	diag "insmod $_ko $*: status $STATUS: $OUTPUT"
	return 1
}

# PROMPT_MS: how long a prompt stop may take: an rmmod, or parking a
# thread. The samples take about 20 ms under TCG, but a busy host adds
# tens of ms at times (up to 117 ms seen, in some 1500 unloads); a thread that
# waits out the rest of a 1 s period takes about 500 ms.
# shellcheck disable=SC2034 # used by the suites
PROMPT_MS=200

# An architecture where module unloading itself is slow under emulation
# (32-bit arm under TCG: 170-550 ms for any module) sets its own bound
# for every rmmod with kt.rmmod_ms= on the kernel command line
# (GUEST_ARGS in tests/arch/ARCH.conf). A debug kernel scales the suites'
# bounds with kt.timescale= instead (init exports KT_TIMESCALE).
KT_RMMOD_MS=
read -r _cmdline </proc/cmdline
for _arg in $_cmdline; do
	case $_arg in
	kt.rmmod_ms=*) KT_RMMOD_MS=${_arg#kt.rmmod_ms=} ;;
	esac
done

# rmmod_ok MODNAME MAX_MS: unload within MAX_MS milliseconds, times the
# run's kt.timescale, or within the architecture's kt.rmmod_ms.
rmmod_ok() {
	_max=${KT_RMMOD_MS:-$(($2 * ${KT_TIMESCALE:-1}))}
	timed rmmod "$1"
	diag "rmmod $1 took $((ELAPSED_US / 1000)).$(printf '%03d' $((ELAPSED_US % 1000))) ms (bound: $_max ms)"
	if [ "$STATUS" != 0 ]; then
		diag "rmmod $1: status $STATUS: $OUTPUT"
		return 1
	fi
	le "rmmod $1 time (us)" "$ELAPSED_US" $((_max * 1000))
}

# insmod_einval MODULE PARAM...: the load is refused with EINVAL and
# nothing stays loaded.
insmod_einval() {
	_mod=$1
	shift
	timed insmod "$MODDIR/$_mod.ko" "$@"
	if [ "$STATUS" = 0 ]; then
		diag "insmod $_mod $* succeeded"
		rmmod "$(echo "$_mod" | tr - _)"
		return 1
	fi
	case $OUTPUT in
	*"Invalid argument"*) ;;
	*) diag "insmod $_mod $*: not EINVAL: $OUTPUT"; return 1 ;;
	esac
	not_loaded "$(echo "$_mod" | tr - _)"
}

# state PID: the one-letter state of a task (S, R, P, D...).
state() { sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null; }
state_is() {
	_st=$(state "$1")
	[ "$_st" = "$2" ] && return 0
	diag "task $1: state '$_st', want '$2'"
	return 1
}

# stat_field PID N: field N of /proc/PID/stat (comm must have no spaces).
stat_field() { awk -v n="$2" '{ print $n }' "/proc/$1/stat" 2>/dev/null; }

# mode_of FILE: its permission bits as ls shows them (-rw-r--r--).
# shellcheck disable=SC2012  # busybox has no portable stat format
mode_of() { ls -l "$1" 2>/dev/null | cut -c1-10; }

# count ERE: how many lines of the suite's log match.
count() { klog | grep -cE "$1" || true; }

# write VALUE FILE: write VALUE to FILE; sets STATUS (0 or 1) and OUTPUT.
write() {
	OUTPUT=$( (echo "$1" >"$2") 2>&1) && STATUS=0 || STATUS=1
	return 0
}
write_ok() {
	write "$1" "$2"
	[ "$STATUS" = 0 ] && return 0
	diag "writing '$1' to $2 failed: $OUTPUT"
	return 1
}
write_einval() {
	write "$1" "$2"
	if [ "$STATUS" = 0 ]; then
		diag "writing '$1' to $2 succeeded"
		return 1
	fi
	case $OUTPUT in
	*"Invalid argument"*) return 0 ;;
	esac
	diag "writing '$1' to $2: not EINVAL: $OUTPUT"
	return 1
}

# pid_of COMM: the pid of the one task called COMM.
pid_of() {
	_pids=$(threads_named "$1")
	# shellcheck disable=SC2086  # split the list of pids
	set -- $_pids
	[ $# -eq 1 ] && echo "$1"
}

# sample_threads: the names of the tasks whose name starts with "sample-".
sample_threads() {
	for _f in /proc/[0-9]*/comm; do
		read -r _c <"$_f" 2>/dev/null || continue
		case $_c in
		sample-*) echo "$_c" ;;
		esac
	done
	return 0
}

# module_leaks: scan with kmemleak and print the unreferenced objects that a
# module allocated: a frame names the module ("[kthread_park]") while it is
# loaded, and is a bare address once it is gone (no other module is ever
# loaded in these guests). Objects younger than 5 s are not reported yet,
# so wait first; scan twice, as kmemleak's documentation advises.
module_leaks() {
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak && echo scan >/sys/kernel/debug/kmemleak || return 1
	awk '
		/^unreferenced object/ { obj = $0 }
		/\[[a-z_]+\]$|^ *0xffffffff[0-9a-f]+$/ { if (obj != "") { print obj; obj = "" } }
	' /sys/kernel/debug/kmemleak
}
