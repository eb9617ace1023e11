# SPDX-License-Identifier: GPL-2.0
# Fault injection: the 1st, 2nd, ... allocation that a sample's init makes
# fails (failslab and fail_page_alloc through /proc/thread-self/fail-nth;
# faults_setup and fail_each_allocation in tests/guest/lib.sh) until the
# load succeeds. Every failed load must return an error and leave no module
# and no thread; a normal load must work afterwards. kmemleak (the kmemleak
# suite, the last of the run) checks that nothing leaked.
# shellcheck shell=sh
plan 5
check "fault injection is set up, for the samples' own allocations" faults_setup

params() {
	case $1 in
	kthread-lifecycle-sample) echo "job_ms=1" ;;
	kthread-consumer-sample) echo "events=3" ;;
	esac
}

rm -f /tmp/faults-errnos
# The consumer's debugfs knob is optional: a load whose debugfs failed
# works on without it.
for m in kthread-lifecycle-sample kthread-periodic-sample kthread-worker-sample; do
	check "$m: every failed allocation fails the load cleanly" fail_each_allocation $m "$(params $m)"
done
check "kthread-consumer-sample: every failed allocation fails the load cleanly, or only its debugfs knob" \
	fail_each_allocation kthread-consumer-sample "$(params kthread-consumer-sample)" "sample-*" \
	/sys/kernel/debug/kthread-consumer-sample/produce
diag "errors returned: $(sort /tmp/faults-errnos | uniq -c | tr '\n' ';')"
