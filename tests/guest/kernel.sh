# SPDX-License-Identifier: GPL-2.0
# What every suite together must leave behind: nothing.
# shellcheck shell=sh
plan 3

# Expected: 0, or what the run says (4096 for out-of-tree modules).
tainted=$(cat /proc/sys/kernel/tainted 2>/dev/null)
check "kernel taint is ${KT_TAINT:-0}" eq "taint" "$tainted" "${KT_TAINT:-0}"

check "no module left loaded" eq "/proc/modules" "$(cat /proc/modules)" ""

check "no sample thread left" eq "sample threads" "$(sample_threads)" ""
