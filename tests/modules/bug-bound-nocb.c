// SPDX-License-Identifier: GPL-2.0
/*
 * bug-bound-nocb.c - TEST ONLY: guide-hp-window.c with No Check of the CPU
 * Before the per-CPU work. The thread, bound to CPU 1 and stopped from a
 * CPUHP_AP_ONLINE_DYN teardown, runs on another CPU while CPU 1 goes down
 * and does its work there: the check that guide-hp-window.c passes
 * ("0 of them did the work there") must fail on it.
 */
#define HP_CHECK_CPU 0
#include "guide-hp-window.c"

MODULE_DESCRIPTION("TEST ONLY: a bound thread stopped from hotplug callbacks works off its CPU");
