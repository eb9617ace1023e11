# SPDX-License-Identifier: GPL-2.0
# Writes to the samples' runtime knob race the module's init and exit: a
# background writer hammers kthread-consumer-sample's debugfs file while
# the sample is loaded and unloaded again and again: its writes land
# before init creates the file, while the thread and the timer start,
# while exit removes the file, cancels the timer and stops the thread,
# and after. Nothing may fail or be left behind, and the kernel must
# report nothing (run on the debug and KCSAN kernels too, where a race
# shows as a lockdep, KASAN, KCSAN or WARN report). The other samples have
# no runtime knob: their load-time parameters are read-only.
# shellcheck shell=sh
plan 4
cycles=40
name=kthread_consumer_sample

# events at load, none or many; writes of events, too many, and bad ones
check "kthread-consumer-sample: writes to produce race $cycles loads and unloads" \
	race kthread-consumer-sample /sys/kernel/debug/kthread-consumer-sample/produce $cycles \
	"- events=3 events=1000" 5 1 1000 0 abc 2
check "kthread-consumer-sample: the writes reached it" ge "accepted writes" "${RACE_WRITES:-0}" "$cycles"
check "no thread and no module left" wait_until 5 leftover
# Its error lines (pr_err): "... failed: -E..." and "... is invalid: ...".
check "$name logged no error" eq "error lines" "$(count "^\[[ 0-9.]*\] $name: .*(failed|is invalid)")" 0
