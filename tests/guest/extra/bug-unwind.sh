# SPDX-License-Identifier: GPL-2.0
# Controls for the fault-injection suite: an init that leaves its first
# thread behind when creating the second fails (tests/modules/bug-unwind.c)
# and one that ignores a failed kmalloc() (tests/modules/bug-nocheck.c)
# load and unload cleanly, but fail_each_allocation (tests/guest/lib.sh),
# which every sample passes, must catch both.
#
# The stranded thread waits in kthread() in TASK_UNINTERRUPTIBLE for a
# wake-up that never comes: signals cannot wake it, and the freezer skips it
# (PF_NOFREEZE, from kthreadd). Woken, it would call its function in the
# freed module and oops. It stays in the load average, and the hung-task
# detector would report it after hung_task_timeout_secs: this boot switches
# the detector off once the thread is stranded, and runs nothing else.
# shellcheck shell=sh
plan 5
check "fault injection is set up" faults_setup
works() { insmod_ok test/bug-unwind && rmmod_ok bug_unwind; }
check "insmod and rmmod bug-unwind work without a fault" works
caught() {
	if fail_each_allocation test/bug-unwind "" "bug-unwind-*"; then
		diag "fail_each_allocation passed an init that leaves a thread behind"
		return 1
	fi
	eq "why" "$FAULT_WHY" left || return 1
	case $(threads_matching "bug-unwind-*") in
	bug-unwind-a) return 0 ;;
	esac
	diag "not the thread that was left: $(threads_matching "bug-unwind-*")"
	return 1
}
check "fail_each_allocation fails it: the first thread is left behind" caught
ignored() {
	if fail_each_allocation test/bug-nocheck; then
		diag "fail_each_allocation passed an init that ignores a failed kmalloc()"
		return 1
	fi
	eq "why" "$FAULT_WHY" ignored && not_loaded bug_nocheck
}
check "fail_each_allocation fails an init that ignores a failed kmalloc()" ignored
quiet() { write_ok 0 /proc/sys/kernel/hung_task_timeout_secs; }
check "the hung-task detector is off, for the thread left in D" quiet
