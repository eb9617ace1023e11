# SPDX-License-Identifier: GPL-2.0
# Fault injection: the 1st, 2nd, ... allocation of each sample's load fails
# (failslab and fail_page_alloc through /proc/thread-self/fail-nth) until the
# load succeeds. Every failed load must return an error and leave no module
# and no thread; a normal load must work afterwards. kmemleak (the kmemleak
# suite, run after this one) checks that nothing leaked.
# shellcheck shell=sh
plan 13
dbg=/sys/kernel/debug

setup() {
	for f in failslab fail_page_alloc; do
		[ -d "$dbg/$f" ] || { diag "no $dbg/$f"; return 1; }
		# GFP_KERNEL allocations are exempt by default.
		echo N >"$dbg/$f/ignore-gfp-wait" || return 1
		# One line per injected fault, no stack dump.
		echo 1 >"$dbg/$f/verbose" || return 1
	done
	echo N >"$dbg/failslab/cache-filter" 2>/dev/null
	echo 0 >"$dbg/fail_page_alloc/min-order" &&
		echo N >"$dbg/fail_page_alloc/ignore-gfp-highmem"
}
check "fault injection is set up" setup

params() {
	case $1 in
	kthread-consumer-sample) echo "produce=3" ;;
	kthread-park-sample) echo "parked=1" ;;
	esac
}

# inject MODULE: fail each fault point of its load in turn.
inject() {
	_mod=$1
	_name=$(echo "$1" | tr - _)
	_n=1 _failed=0 _tolerated=0
	while [ $_n -le 5000 ]; do
		_out=$(kt-helper failnth $_n "$MODDIR/$_mod.ko" "$(params "$_mod")")
		case $_out in
		"injected=0 status=0")
			break
			;;
		"injected=1 status=0")
			# The load got around the failure: fine, if it works.
			_tolerated=$((_tolerated + 1))
			rmmod "$_name" || { diag "$_mod: rmmod after n=$_n failed"; return 1; }
			;;
		*errno=*)
			_failed=$((_failed + 1))
			if loaded "$_name"; then
				diag "$_mod: n=$_n: load failed ($_out) but the module is loaded"
				return 1
			fi
			_left=$(sample_threads)
			if [ -n "$_left" ]; then
				diag "$_mod: n=$_n: load failed ($_out) and left threads: $_left"
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
	if [ $_n -gt 5000 ]; then
		diag "$_mod: still failing after 5000 fault points"
		return 1
	fi
	rmmod "$_name" || return 1
	_own=$(klog | grep -c "$_name: .*failed: -E" || true)
	diag "$_mod: $((_n - 1)) fault points: $_failed failed loads ($_own in its own init, with its message), $_tolerated survived"
	[ $_failed -gt 0 ]
}

rm -f /tmp/faults-errnos
for m in kthread-create-wake-sample kthread-periodic-sample kthread-consumer-sample kthread-worker-sample \
	kthread-park-sample kthread-percpu-sample kthread-freezable-sample kthread-exit-sample kthread-sched-sample \
	kthread-idle-sample kthread-signal-sample kthread-affinity-sample; do
	check "$m: every failed allocation fails the load cleanly" inject $m
done
diag "errors returned: $(sort /tmp/faults-errnos | uniq -c | tr '\n' ';')"
