# SPDX-License-Identifier: GPL-2.0
# KTAP helpers for the guest test suites (busybox sh). A suite declares its
# plan, runs its cases with "check", and ends with "done_testing". Output is
# the body of a KTAP subtest (Documentation/dev-tools/ktap.rst), indented
# four spaces as KUnit indents it; run.sh prints the block's first lines
# ("KTAP version 1", "# Subtest: NAME") and its result line.
# shellcheck shell=sh

KT_NR=0
KT_FAILED=0
KT_PLAN=0
MODDIR=/modules

plan() {
	KT_PLAN=$1
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
		# A task may exit between the glob and the open: the shell's own
		# "can't open" must not reach the KTAP stream either.
		{ read -r _c <"$_f"; } 2>/dev/null || continue
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

# A prompt stop (an rmmod that stops a thread) is judged against a floor
# measured in the same boot: what rmmod of a module with no thread at all
# takes here (tests/modules/bench-floor-nothread.c, which
# scripts/boot-test.sh puts in every test boot). A busy host, a debug
# kernel or a slow emulator (32-bit arm under TCG: 170-550 ms for any
# rmmod) slows the floor as much as the samples; a stop that waits out a
# sleep is slow whatever the floor. The bound is PROMPT_FACTOR times the
# floor's median, plus its scatter (its slowest run less its median: a
# busy host stalls single runs, the samples' stops among them) counted up
# to SCATTER_MAX medians (so that one run stalled for a second does not
# let a second's sleep pass), plus a margin: at most 5 floors and the
# margin. The samples' rmmod takes up to 3 floors on a quiet host and 2 on
# a busy one, the tutorial's msleep(1000) loop (extra/bug-msleep-stop.sh)
# 9 to 60. The margin, times kt.timescale on a debug kernel, covers what a
# stop may wait for in absolute time (the consumer's batch of up to 32 ms)
# and the scatter of single runs on a fast floor (a few ms under x86_64
# TCG).
# shellcheck disable=SC2034 # used by the suites
PROMPT_FACTOR=3
SCATTER_MAX=2
PROMPT_MARGIN_MS=$((50 * ${KT_TIMESCALE:-1}))
# RMMOD_BOUND: the bound of rmmod_ok, as the names of the checks state it.
# shellcheck disable=SC2034 # used by the suites
RMMOD_BOUND="${PROMPT_FACTOR}x the no-thread floor + its scatter (up to ${SCATTER_MAX}x) + $PROMPT_MARGIN_MS ms"
FLOOR_KO=$MODDIR/test/bench-floor-nothread.ko
FLOOR_FILE=${KT_TMP:-/tmp}/kt-floor-us

# ms_of US: microseconds as milliseconds with three decimals.
ms_of() { echo "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }

# floor_measure N: load and unload bench-floor-nothread N times; set
# FLOOR_US to the median time of its rmmod and FLOOR_MAX_US to the slowest.
floor_measure() {
	if [ ! -f "$FLOOR_KO" ]; then
		diag "no $FLOOR_KO: no floor to judge a stop against (scripts/boot-test.sh puts it in every test boot)"
		return 1
	fi
	_fl=
	_fi=0
	while [ "$_fi" -lt "$1" ]; do
		if ! insmod "$FLOOR_KO"; then
			diag "insmod $FLOOR_KO failed"
			return 1
		fi
		timed rmmod bench_floor_nothread
		if [ "$STATUS" != 0 ]; then
			diag "rmmod bench_floor_nothread: status $STATUS: $OUTPUT"
			return 1
		fi
		_fl="$_fl $ELAPSED_US"
		_fi=$((_fi + 1))
	done
	_fs=$(echo "$_fl" | tr ' ' '\n' | sed '/^$/d' | sort -n)
	FLOOR_US=$(echo "$_fs" | sed -n "$((($1 + 1) / 2))p")
	FLOOR_MAX_US=$(echo "$_fs" | tail -n 1)
	[ "$FLOOR_US" -gt 0 ] || FLOOR_US=1
	diag "the floor, rmmod of a module with no thread: median $(ms_of "$FLOOR_US") ms, slowest $(ms_of "$FLOOR_MAX_US") ms of $1 runs (us:$_fl)"
}

# floor_us: FLOOR_US and FLOOR_MAX_US, this boot's floor: measured (5
# runs) by the first rmmod_ok of the boot, kept in FLOOR_FILE for the
# suites after it.
floor_us() {
	if [ -s "$FLOOR_FILE" ]; then
		read -r FLOOR_US FLOOR_MAX_US <"$FLOOR_FILE"
		return 0
	fi
	floor_measure 5 || return 1
	echo "$FLOOR_US $FLOOR_MAX_US" >"$FLOOR_FILE"
}

# rmmod_bound: RMMOD_BOUND_US and SCATTER_US from FLOOR_US and FLOOR_MAX_US.
rmmod_bound() {
	SCATTER_US=$((FLOOR_MAX_US - FLOOR_US))
	[ "$SCATTER_US" -le $((SCATTER_MAX * FLOOR_US)) ] || SCATTER_US=$((SCATTER_MAX * FLOOR_US))
	RMMOD_BOUND_US=$((PROMPT_FACTOR * FLOOR_US + SCATTER_US + PROMPT_MARGIN_MS * 1000))
}

# rmmod_ok MODNAME: unload within RMMOD_BOUND. A stop over the bound
# measures the floor again at once (5 runs), since the host may be busier
# than when the boot measured it, and is judged against the larger median
# and the slowest run of both. Sets ELAPSED_US, and RMMOD_BOUND_US to the
# bound applied.
rmmod_ok() {
	if [ $# != 1 ]; then
		diag "rmmod_ok takes a module name and nothing else, not: $*"
		return 1
	fi
	timed rmmod "$1"
	if [ "$STATUS" != 0 ]; then
		diag "rmmod $1: status $STATUS: $OUTPUT"
		return 1
	fi
	_took=$ELAPSED_US
	floor_us || return 1
	rmmod_bound
	if [ "$_took" -gt "$RMMOD_BOUND_US" ]; then
		_f0=$FLOOR_US
		_m0=$FLOOR_MAX_US
		floor_measure 5 || return 1
		[ "$FLOOR_US" -gt "$_f0" ] || FLOOR_US=$_f0
		[ "$FLOOR_MAX_US" -gt "$_m0" ] || FLOOR_MAX_US=$_m0
		rmmod_bound
	fi
	ELAPSED_US=$_took
	diag "rmmod $1 took $(ms_of "$_took") ms, $((_took * 10 / FLOOR_US / 10)).$((_took * 10 / FLOOR_US % 10)) floors (bound: $PROMPT_FACTOR x $(ms_of "$FLOOR_US") + $(ms_of "$SCATTER_US") + $PROMPT_MARGIN_MS = $(ms_of "$RMMOD_BOUND_US") ms)"
	le "rmmod $1 time (us)" "$_took" "$RMMOD_BOUND_US"
}

# rmmod_refused MODNAME: rmmod fails with EAGAIN ("Resource temporarily
# unavailable", delete_module()'s -EWOULDBLOCK while the module is in use)
# and the module stays loaded.
rmmod_refused() {
	timed rmmod "$1"
	if [ "$STATUS" = 0 ]; then
		diag "rmmod $1 succeeded"
		return 1
	fi
	case $OUTPUT in
	*"Resource temporarily unavailable"*) ;;
	*) diag "rmmod $1: not EAGAIN: $OUTPUT"; return 1 ;;
	esac
	loaded "$1"
}

# rmmod_wait MODNAME: unload, trying again for up to 5 s while a thread
# holds a reference to the module (kthread-lifecycle-sample's job: rmmod
# fails with EAGAIN until it ends).
rmmod_wait() { wait_until 5 rmmod "$1"; }

# insmod_refused ERRNO MODULE PARAM...: the load is refused with ERRNO
# (EINVAL or ERANGE, as insmod reports it) and nothing stays loaded.
insmod_refused() {
	_err=$1
	_mod=$2
	shift 2
	timed insmod "$MODDIR/$_mod.ko" "$@"
	if [ "$STATUS" = 0 ]; then
		diag "insmod $_mod $* succeeded"
		rmmod "$(echo "$_mod" | tr - _)"
		return 1
	fi
	case $_err:$OUTPUT in
	EINVAL:*"Invalid argument"*) ;;
	ERANGE:*"out of range"* | ERANGE:*"not representable"*) ;;
	*) diag "insmod $_mod $*: not $_err: $OUTPUT"; return 1 ;;
	esac
	not_loaded "$(echo "$_mod" | tr - _)"
}
insmod_einval() { insmod_refused EINVAL "$@"; }
insmod_erange() { insmod_refused ERANGE "$@"; }

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

# threads_matching GLOB: the names of the tasks whose name matches GLOB.
threads_matching() {
	for _f in /proc/[0-9]*/comm; do
		# A task may exit between the glob and the open: the shell's own
		# "can't open" must not reach the KTAP stream either.
		{ read -r _c <"$_f"; } 2>/dev/null || continue
		# shellcheck disable=SC2254  # GLOB is a pattern
		case $_c in
		$1) echo "$_c" ;;
		esac
	done
	return 0
}

# sample_threads: the names of the tasks whose name starts with "sample-".
sample_threads() { threads_matching 'sample-*'; }

# leftover: no sample thread and no module is left.
leftover() {
	eq "sample threads" "$(sample_threads)" "" && eq "modules" "$(cat /proc/modules)" ""
}

# module_leaks: scan with kmemleak and print the unreferenced objects that a
# module allocated: a frame names the module ("[kthread_consumer_sample]") while it is
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

# kmemleak_on: kmemleak is running. A disabled kmemleak still has its file,
# and can be read, but refuses every command but "clear" with EPERM
# (mm/kmemleak.c, kmemleak_write()): "stack=on", the default anyway, tells.
# The bug-leak suite shows this fails once kmemleak is off.
kmemleak_on() { write_ok stack=on /sys/kernel/debug/kmemleak; }

# faults_setup: failslab and fail_page_alloc fail the allocation that
# /proc/thread-self/fail-nth counts down to, of any GFP mode, and only when
# module code is on the stack. Each failure is logged ("FAULT_INJECTION:
# forcing a failure.", and the attributes) unless the allocation asked for
# __GFP_NOWARN.
#
# The stacktrace filter (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER) applies
# to fail-nth before it counts (should_fail_ex() in lib/fault-inject.c, in
# 6.12 and 7.3; 6.1 counts every allocation): without it, the ~200
# allocations of load_module() itself come first, and they test the module
# loader, not the module. fail-nth is per task: what kthreadd allocates to
# create a thread for the module, and what a CPU hotplug callback allocates
# in its cpuhp/N thread, is never failed.
#
# Module code lies above the kernel's text on x86_64 (MODULES_VADDR follows
# the kernel image; kprobe, ftrace and BPF trampolines would be there too,
# and this kernel has none): a frame at or above _etext is the module's.
# This is checked on a loaded module, so that an architecture that puts
# modules elsewhere fails here instead of injecting nothing. (A module
# function that ends in a tail call to an allocator leaves no frame; none
# of the samples' inits does.)
faults_setup() {
	_dbg=/sys/kernel/debug
	_etext=$(awk '$3 == "_etext" { print $1 }' /proc/kallsyms)
	if [ ${#_etext} -ne 16 ] || [ "$_etext" = 0000000000000000 ]; then
		diag "no address for _etext in /proc/kallsyms: '$_etext'"
		return 1
	fi
	insmod "$MODDIR/kthread-periodic-sample.ko" || return 1
	_text=$(cat /sys/module/kthread_periodic_sample/sections/.text)
	rmmod kthread_periodic_sample || return 1
	# Both are 16 lower-case hex digits (%px): the order of the strings is
	# the order of the addresses.
	_low=$(printf '%s\n%s\n' "${_text#0x}" "$_etext" | sort | head -n 1)
	if [ ${#_text} -ne 18 ] || [ "$_low" != "$_etext" ]; then
		diag "module text at $_text is not above _etext (0x$_etext)"
		return 1
	fi
	for _f in failslab fail_page_alloc; do
		[ -d "$_dbg/$_f" ] || { diag "no $_dbg/$_f"; return 1; }
		# GFP_KERNEL allocations are exempt by default. verbose=1: a
		# message and no stack dump. The stack depth is the default
		# and the maximum, 32: the deepest path from a sample's init
		# to the page allocator is about 15 frames.
		echo N >"$_dbg/$_f/ignore-gfp-wait" &&
			echo 1 >"$_dbg/$_f/verbose" &&
			echo 32 >"$_dbg/$_f/stacktrace-depth" &&
			echo "0x$_etext" >"$_dbg/$_f/require-start" || return 1
	done
	echo N >"$_dbg/failslab/cache-filter" 2>/dev/null
	echo 0 >"$_dbg/fail_page_alloc/min-order" &&
		echo N >"$_dbg/fail_page_alloc/ignore-gfp-highmem" || return 1
	diag "only allocations with a frame at or above 0x$_etext (module text, e.g. $_text) fail"
}

# FAULT_MISSES: how many loads in a row must get through without reaching
# their Nth fault point before fail_each_allocation stops. Not every load
# has the same number of fault points: a __GFP_NOWARN allocation that falls
# back (kmemleak's record of each object, a slab that retries a smaller
# order) comes and goes, so the first load that falls short could stop the
# sweep before a later fault point of a longer load was ever failed.
FAULT_MISSES=3

# injections_since MARK: how many injected failures the kernel logged
# since mark MARK (a mark, not a count, so that a full log buffer that
# drops old lines cannot hide one).
injections_since() { klog_since "$1" | grep -c "FAULT_INJECTION: forcing a failure" || true; }
FAULT_LOAD=0

# fail_each_allocation MODULE [PARAMS [THREADS [KNOB]]]: load MODULE (a path under
# $MODDIR, without .ko) with its 1st, 2nd, ... allocation failing, until
# FAULT_MISSES loads in a row get through with none failed. Each failed
# load must leave no module loaded and no task named THREADS (a glob,
# "sample-*" by default); a load that got around its failure must work and
# unload, and the failure it got around must be a silent one (an
# allocation with __GFP_NOWARN, which has a fallback): a logged failure
# that the load survived is an allocation whose failure the module
# ignored. The errors go to /tmp/faults-errnos; FAULT_WHY says "left" or
# "ignored" when it failed for one of those. The bug-unwind suite shows
# this fails for an init that leaves a thread behind, and for one that
# ignores a failed kmalloc(). KNOB is a debugfs file the module creates
# without checking (the debugfs API asks its users to ignore its errors): a
# logged failure that the load survived is accepted when KNOB is then
# missing, since debugfs is what failed (FAULT_KNOBLESS counts them).
# shellcheck disable=SC2034 # FAULT_WHY is read by the suites
fail_each_allocation() {
	_mod=$1 _params=${2-} _threads=${3:-sample-*} _knob=${4-}
	_name=$(basename "$_mod" | tr - _)
	_n=1 _failed=0 _silent=0 _misses=0 _last=0 FAULT_WHY='' FAULT_KNOBLESS=0
	while [ $_misses -lt $FAULT_MISSES ]; do
		if [ $_n -gt 5000 ]; then
			diag "$_mod: still failing after 5000 fault points"
			return 1
		fi
		FAULT_LOAD=$((FAULT_LOAD + 1))
		mark "fail-nth $KT_SUITE $FAULT_LOAD"
		_out=$(kt-helper failnth $_n "$MODDIR/$_mod.ko" "$_params")
		case $_out in
		"injected=0 status=0")
			_misses=$((_misses + 1))
			rmmod_wait "$_name" || { diag "$_mod: rmmod after n=$_n failed"; return 1; }
			;;
		"injected=1 status=0")
			_misses=0 _last=$_n
			_noknob=0
			[ -z "$_knob" ] || [ -e "$_knob" ] || _noknob=1
			rmmod_wait "$_name" || { diag "$_mod: rmmod after n=$_n failed"; return 1; }
			if [ "$(injections_since "fail-nth $KT_SUITE $FAULT_LOAD")" -eq 0 ]; then
				_silent=$((_silent + 1))
			elif [ $_noknob = 1 ]; then
				FAULT_KNOBLESS=$((FAULT_KNOBLESS + 1))
			else
				diag "$_mod: n=$_n: a logged allocation failure, and the load succeeded"
				FAULT_WHY=ignored
				return 1
			fi
			;;
		"injected=0 errno="*)
			# No fault was injected: the load failed for another reason.
			diag "$_mod: n=$_n: the load failed without an injected failure ($_out)"
			return 1
			;;
		"injected=1 errno="*)
			_misses=0 _last=$_n
			_failed=$((_failed + 1))
			if loaded "$_name"; then
				diag "$_mod: n=$_n: load failed ($_out) but the module is loaded"
				return 1
			fi
			_left=$(threads_matching "$_threads" | tr '\n' ' ')
			if [ -n "$_left" ]; then
				diag "$_mod: n=$_n: load failed ($_out) and left threads: ${_left% }"
				FAULT_WHY=left
				return 1
			fi
			echo "$_out" | sed 's/^injected=[01] //' >>/tmp/faults-errnos
			;;
		*)
			diag "$_mod: n=$_n: $_out"
			return 1
			;;
		esac
		_n=$((_n + 1))
	done
	_own=$(klog | grep -c "$_name: .*failed: -E" || true)
	diag "$_mod: $_last fault points: $_failed failed loads ($_own in its own init, with its message), $_silent silent failures got around${_knob:+, $FAULT_KNOBLESS loads without the debugfs knob}"
	[ $_failed -gt 0 ]
}

# not_woken PID SECONDS: the thread PID is not scheduled once in SECONDS:
# its count of voluntary context switches does not move. (CPU time would
# not do: it is counted in ticks and misses short wakeups.) The bug-poll
# suite shows this fails for a thread that polls.
not_woken() {
	_sw() { sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$1/status"; }
	_before=$(_sw "$1")
	sleep "$2"
	eq "voluntary context switches in $2 s" "$(($(_sw "$1") - _before))" 0
}

# DRIFT_MS: how far tick N of a periodic thread may be from
# t(first tick) + N x period, whatever N is. A thread that sleeps to
# absolute deadlines is late by its wakeup latency alone, which does not
# add up (a few ms under TCG, 4 ms steps on a jiffies clock); one that
# sleeps a period after its work falls behind by the work's time at every
# tick. Scaled by kt.timescale on debug kernels. on_grid in
# suites/kthread-periodic-sample.sh applies it.
# shellcheck disable=SC2034 # used by the suites
DRIFT_MS=20

# race MODULE FILE CYCLES LOADARGS WRITEVALUE...: load and unload MODULE
# (a path under /modules, without .ko) CYCLES times, the I-th time with the
# I-th of the space-separated LOADARGS ("param=value", or "-" for none;
# round robin), while a background writer writes each WRITEVALUE in turn to
# FILE (the module's debugfs knob) as fast as it can: its writes land
# before init creates the file, during init and exit, and after exit.
# RACE_WRITES is set to the number of writes the module accepted,
# RACE_LOADS to the loads that succeeded. RACE_STOP, if set, is a command
# run after every cycle: when it succeeds, the race ends early (a control
# stops at the first report). Returns 1 if an insmod or rmmod failed (a
# control sets RACE_LOAD_MAY_FAIL=1 for insmod).
race() {
	_mod=$1 _file=$2 _cycles=$3 _loads=$4
	shift 4
	_name=$(basename "$_mod" | tr - _)
	rm -f /tmp/race-stop /tmp/race-writes
	(
		_n=0
		while [ ! -e /tmp/race-stop ]; do
			for _w in "$@"; do
				echo "$_w" 2>/dev/null >"$_file" && _n=$((_n + 1))
			done
		done
		echo "$_n" >/tmp/race-writes
	) &
	_writer=$!
	_i=0 _bad=0
	RACE_LOADS=0
	while [ "$_i" -lt "$_cycles" ]; do
		_v=$(echo "$_loads" | awk -v i="$_i" '{ print $(i % NF + 1) }')
		[ "$_v" != - ] || _v=
		# shellcheck disable=SC2086  # no argument when there is none
		if insmod "$MODDIR/$_mod.ko" $_v 2>/dev/null; then
			RACE_LOADS=$((RACE_LOADS + 1))
			# Every other cycle unloads at once, the others a little later.
			[ $((_i % 2)) = 1 ] && sleep 0.05
			rmmod "$_name" || { diag "cycle $_i: rmmod $_name failed"; _bad=1; break; }
		elif [ "${RACE_LOAD_MAY_FAIL:-0}" != 1 ]; then
			diag "cycle $_i: insmod $_mod $_v failed"
			_bad=1
			break
		fi
		_i=$((_i + 1))
		if [ -n "${RACE_STOP:-}" ] && $RACE_STOP; then
			diag "stopped after $_i cycles"
			break
		fi
	done
	touch /tmp/race-stop
	# A writer stuck in a broken module (a control) is left behind.
	if wait_until 10 test -e /tmp/race-writes; then
		wait "$_writer"
	else
		diag "the writer did not finish"
		_bad=1
	fi
	RACE_WRITES=$(cat /tmp/race-writes 2>/dev/null)
	diag "$_mod: $_i load/unload cycles ($RACE_LOADS loaded), ${RACE_WRITES:-no} writes to $_file accepted"
	[ "$_bad" = 0 ]
}

# HUNG_TASK_S: hung_task_timeout_secs while long_wait watches a thread.
# Writing it wakes the detector, which then checks every that many seconds
# and reports a task that was in TASK_UNINTERRUPTIBLE, not switched in, at
# two checks that far apart (kernel/hung_task.c: watchdog(),
# task_is_hung()): a task that sleeps so already is reported about
# HUNG_TASK_S seconds after the write, and every HUNG_TASK_S seconds after
# that (up to hung_task_warnings reports).
HUNG_TASK_S=2

# long_wait PID SECONDS: watch the sleeping thread PID for SECONDS (16, so
# that the load average is updated at least three times: every 5 s and a
# tick, kernel/sched/loadavg.c) with the hung-task detector at HUNG_TASK_S
# seconds, and /proc/loadavg read every second. Then sets
# LONG_WAIT_REPORTED (1 if the detector reported PID, else 0) and
# LONG_WAIT_COUNTED (how many tasks the load average counted at the
# update that counted the fewest, read back from the change of the 1-minute
# figure: load = load x 1884/2048 + n x 164/2048, so n = (new - old x
# 0.92) / 0.08, give or take 0.12 for the rounding to 0.01; after a stall
# one change may hold several updates, which gives more for a task that
# counts and less for one that does not). A thread that counts as load adds
# 1 at every update, whatever else runs; a task that happens to run at an
# update (seen at one update in four in a quiet guest) adds to that one
# only, hence the fewest. The detector's
# setting is restored afterwards. Returns 1 if there is no detector.
long_wait() {
	LONG_WAIT_REPORTED='' LONG_WAIT_COUNTED=''
	_hung=/proc/sys/kernel/hung_task_timeout_secs
	# cat, not read: a sysctl file read at an offset other than 0 is empty
	# (kernel/sysctl.c), and busybox's read takes a byte at a time.
	if ! _old=$(cat $_hung 2>/dev/null); then
		diag "no $_hung: the kernel needs CONFIG_DETECT_HUNG_TASK"
		return 1
	fi
	mark "long wait $1"
	echo "$HUNG_TASK_S" >$_hung
	read -r _up _ </proc/uptime
	_end=$((${_up%.*} + $2))
	: >/tmp/loadavg
	while :; do
		read -r _up _ </proc/uptime
		read -r _la </proc/loadavg
		echo "$_up $_la" >>/tmp/loadavg
		[ "${_up%.*}" -ge "$_end" ] && break
		sleep 1
	done
	echo "$_old" >$_hung
	LONG_WAIT_REPORTED=0
	klog_since "long wait $1" | grep -Eq "INFO: task [^ ]+:$1 blocked for more than [0-9]+ seconds" &&
		LONG_WAIT_REPORTED=1
	LONG_WAIT_COUNTED=$(awk '
		# A figure of 0.00 that stays so over a whole update period
		# (5 s, plus a second of polling, and a margin) was updated
		# with nobody counted. A thread that counts raises it at every
		# update: it cannot stay at 0.00 that long.
		function stretch(until) {
			if (prev <= 0.02 && until - since > 6.5) {
				printf "    # t=%s..%s s: load %s all along: an update counted nobody\n", since, until, prev
				if (updates == 0 || 0 < fewest) fewest = 0
				updates++
			}
		}
		NR == 1 { prev = $2; since = $1; next }
		{
			t = $1
			if ($2 == prev) next
			stretch(t)
			n = ($2 - prev * 1884 / 2048) / (164 / 2048)
			printf "    # t=%s s: load %s -> %s: %.2f tasks counted (running now: %s)\n", t, prev, $2, n, $5
			if (updates == 0 || n < fewest) fewest = n
			updates++
			prev = $2
			since = t
		}
		END {
			stretch(t)
			if (updates == 0) { print "    # no load update seen"; print "none"; exit }
			printf "%d\n", fewest < 0.5 ? 0 : int(fewest + 0.5)
		}' /tmp/loadavg | tee /tmp/loadavg.diag | tail -n 1)
	sed '$d' /tmp/loadavg.diag
	diag "over $2 s: reported by the hung-task detector: $LONG_WAIT_REPORTED; fewest tasks counted at a load update: $LONG_WAIT_COUNTED"
	return 0
}
# not_reported / not_counted: what long_wait saw.
not_reported() { eq "reported by the hung-task detector" "$LONG_WAIT_REPORTED" 0; }
not_counted() { eq "tasks counted at every load update" "$LONG_WAIT_COUNTED" 0; }
