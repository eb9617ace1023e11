# SPDX-License-Identifier: GPL-2.0
# Writes to every writable parameter race the module's init and exit: a
# background writer hammers the sysfs file while the sample is loaded and
# unloaded again and again, with the parameter also given at load time.
# Nothing may fail or be left behind, and the kernel must report nothing
# (run on the debug and KCSAN kernels, where a race shows as a lockdep,
# KASAN, KCSAN or WARN report). extra/bug-park-race.sh shows that this
# catches kthread-park-sample without its parameter lock.
# shellcheck shell=sh
plan 6
cycles=40

# park, unpark and invalid values, with the thread created parked or not
check "kthread-park-sample: writes to parked race $cycles loads and unloads" \
	race kthread-park-sample parked $cycles "1 0" 1 0 5 1 0 y n
check "kthread-park-sample: the writes reached it" ge "accepted writes" "${RACE_WRITES:-0}" "$cycles"
# events before the interrupt is set up, during and after
check "kthread-consumer-sample: writes to produce race $cycles loads and unloads" \
	race kthread-consumer-sample produce $cycles "3 1000" 5 1 0 100 abc 2
check "kthread-consumer-sample: the writes reached it" ge "accepted writes" "${RACE_WRITES:-0}" "$cycles"

check "no thread and no module left" wait_until 5 leftover
check "kthread_park_sample and kthread_consumer_sample logged no error" eq "error lines" \
	"$(klog | grep -cE 'kthread_(park|consumer): .*failed')" 0
