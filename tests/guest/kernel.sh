# SPDX-License-Identifier: GPL-2.0
# What every suite together must leave behind: nothing.
# shellcheck shell=sh
plan 3

# The host says which taint to expect with kt.taint= (init exports it):
# out-of-tree modules taint with O, 4096; unsigned ones on a signing kernel
# with E, 8192. Exactly that, and no other bit.
tainted=$(cat /proc/sys/kernel/tainted 2>/dev/null)
check "kernel taint is exactly ${KT_TAINT:-0}" eq "taint" "$tainted" "${KT_TAINT:-0}"

check "no module left loaded" eq "/proc/modules" "$(cat /proc/modules)" ""

check "no sample thread left" eq "sample threads" "$(sample_threads)" ""
