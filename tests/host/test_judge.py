#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The judge must fail what is broken: these cases prove that it does."""

import contextlib
import glob
import io
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402
import kunit_check  # noqa: E402

# As KUnit prints it (lib/kunit/test.c) and kunit.py reads it: each suite
# a block indented four spaces that begins with its version line, then
# "# Subtest: NAME", then its plan; its result line follows, unindented.
GOOD = """KTAP version 1
1..2
    KTAP version 1
    # Subtest: alpha
    1..2
    # a diagnostic
    ok 1 first
    ok 2 second
ok 1 alpha
    KTAP version 1
    # Subtest: kernel
    1..1
    ok 1 kernel not tainted
ok 2 kernel
# clocksource: tsc
"""
CONSOLE = ("[    0.1] Linux version 7.3\n"
           "[    0.5] clocksource: Switched to clocksource tsc\n"
           "[    9.9] ktap-guest: all done\n")


def run(ktap, console=CONSOLE, status=1, expect=1, expect_report=None, kcsan_core=False,
        left_out=None):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        j = judge.judge(ktap, console, status, expect, expect_report=expect_report,
                        kcsan_core=kcsan_core, left_out=left_out)
    return j, out.getvalue()


class JudgeTest(unittest.TestCase):
    def test_good_run_passes(self):
        j, out = run(GOOD)
        self.assertEqual(j.failed, 0, out)
        self.assertEqual(j.passed, 3 + 6, out)     # 3 leaves + 6 checks
        self.assertIn('ok - alpha: first', out)

    def test_not_ok_fails(self):
        j, out = run(GOOD.replace('    ok 2 second', '    not ok 2 second'))
        self.assertGreaterEqual(j.failed, 2, out)   # the leaf, and "ok 1 alpha"
        self.assertIn('not ok - alpha: second', out)

    def test_short_subtest_plan_fails(self):
        j, out = run(GOOD.replace('    ok 2 second\n', ''))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('planned 2 tests, ran 1', out)

    def test_short_top_plan_fails(self):
        j, out = run(GOOD.split('    KTAP version 1\n    # Subtest: kernel')[0] +
                     '# clocksource: tsc\n')
        self.assertEqual(j.failed, 1, out)
        self.assertIn('(top): planned 2 tests, ran 1', out)

    def test_missing_plan_fails(self):
        j, out = run(GOOD.replace('    1..2\n', ''))
        self.assertIn('alpha: no plan', out)
        self.assertEqual(j.failed, 1, out)

    def test_empty_output_fails(self):
        j, out = run('')
        self.assertGreaterEqual(j.failed, 1, out)
        self.assertIn('no test results at all', out)

    def test_skip_counts_as_failure(self):
        j, out = run(GOOD.replace('    ok 2 second', '    ok 2 second # SKIP no hotplug'))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('skipped: counted as a failure', out)

    def test_left_out_suite_skipped_passes(self):
        ktap = GOOD.replace('1..2\n    KTAP version 1\n    # Subtest: alpha',
                            '1..3\nok 1 beta # SKIP left out\n    KTAP version 1\n    # Subtest: alpha')
        ktap = ktap.replace('ok 1 alpha', 'ok 2 alpha').replace('ok 2 kernel', 'ok 3 kernel')
        j, out = run(ktap, left_out={'beta': 'no such API'})
        self.assertEqual(j.failed, 0, out)
        self.assertIn('ok - beta: skipped, its sample left out of this build', out)
        # The same skip, not announced by the host: a failure.
        j, out = run(ktap)
        self.assertGreaterEqual(j.failed, 2, out)   # the skip, and a suite with no test

    def test_left_out_suite_that_ran_fails(self):
        j, out = run(GOOD, left_out={'alpha': 'no such API'})
        self.assertEqual(j.failed, 1, out)
        self.assertIn('not ok - alpha: skipped, its sample left out', out)

    def test_left_out_suite_missing_fails(self):
        j, out = run(GOOD, left_out={'beta': 'no such API'})
        self.assertEqual(j.failed, 1, out)

    def test_misnumbered_fails(self):
        j, out = run(GOOD.replace('    ok 2 second', '    ok 3 second'))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('test 2 is numbered 3', out)

    def test_guest_that_did_not_finish_fails(self):
        j, out = run(GOOD, console=CONSOLE.replace('ktap-guest: all done', ''))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('crash, hang or timeout', out)

    def test_wrong_qemu_status_fails(self):
        j, out = run(GOOD, status=0)
        self.assertEqual(j.failed, 1, out)

    def test_poweroff_arches_need_status_0_and_the_marker(self):
        # Without isa-debug-exit the guest powers off and QEMU exits 0; a
        # timeout (124) fails, and so does a clean exit without the marker
        # (a panic with panic=-1 -no-reboot also exits 0).
        j, out = run(GOOD, status=0, expect=0)
        self.assertEqual(j.failed, 0, out)
        j, out = run(GOOD, status=124, expect=0)
        self.assertEqual(j.failed, 1, out)
        j, out = run(GOOD, console=CONSOLE.replace('ktap-guest: all done', ''), status=0, expect=0)
        self.assertEqual(j.failed, 1, out)
        self.assertIn('crash, hang or timeout', out)

    def test_kernel_reports_fail(self):
        for report in ('WARNING: CPU: 1 PID: 77 at kernel/kthread.c:82',
                       'BUG: KASAN: slab-use-after-free in kthread_stop',
                       'BUG: sleeping function called from invalid context',
                       'INFO: task insmod:80 blocked for more than 30 seconds.',
                       'Oops: general protection fault'):
            j, out = run(GOOD, console=CONSOLE + f'[    5.0] {report}\n')
            self.assertEqual(j.failed, 1, report + '\n' + out)
            self.assertIn(report, out)

    def test_expected_report_must_appear(self):
        j, out = run(GOOD, expect_report='KASAN')
        self.assertEqual(j.failed, 1, out)
        self.assertIn('the detector caught nothing', out)

    def test_expected_report_passes(self):
        console = CONSOLE + '[    5.0] BUG: KASAN: slab-use-after-free in kthread_stop\n'
        j, out = run(GOOD, console=console, expect_report='KASAN')
        self.assertEqual(j.failed, 0, out)

    def test_injected_allocation_failure_is_not_a_report(self):
        console = CONSOLE + (
            '[ 1.0] FAULT_INJECTION: forcing a failure.\n'
            '[ 1.0] name failslab, interval 1, probability 0, space 0, times 1\n'
            '[ 1.0] kt-helper: vmalloc error: size 12216, align 0x1, vm_struct allocation failed\n'
            '[ 1.0] CPU: 0 UID: 0 PID: 5439 Comm: kt-helper Not tainted 7.3.0-rc7+\n'
            '[ 1.0] Call Trace:\n'
            '[ 1.0]  warn_alloc+0x15b/0x193\n')
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 0, out)

    def test_report_after_injected_failure_still_fails(self):
        console = CONSOLE + (
            '[ 1.0] FAULT_INJECTION: forcing a failure.\n'
            '[ 1.0] kt-helper: page allocation failure: order:0\n'
            '[ 1.0] Call Trace:\n'
            '[ 2.0] BUG: KASAN: slab-use-after-free in kthread_stop\n'
            '[ 2.0] Call Trace:\n')
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 1, out)
        self.assertIn('KASAN', out)

    def test_allocation_failure_without_injection_fails(self):
        console = CONSOLE + '[ 1.0] insmod: page allocation failure: order:0\n'
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 1, out)


    # KCSAN reports as 7.3 prints them (kernel/kcsan/report.c).
    KCSAN_SAMPLE = (
        '[ 5.0] ==================================================================\n'
        '[ 5.0] BUG: KCSAN: data-race in racy_fn [bug_data_race] / racy_fn [bug_data_race]\n'
        '[ 5.0] \n'
        '[ 5.0] write to 0xffffffffc0002000 of 8 bytes by task 80 on cpu 1:\n'
        '[ 5.0]  racy_fn+0x3c/0x90 [bug_data_race]\n'
        '[ 5.0]  kthread+0x10e/0x130\n'
        '[ 5.0] \n'
        '[ 5.0] Reported by Kernel Concurrency Sanitizer on:\n'
        '[ 5.0] ==================================================================\n')
    KCSAN_CORE = (
        '[ 6.0] ==================================================================\n'
        '[ 6.0] BUG: KCSAN: data-race in tick_nohz_idle_stop_tick / tick_sched_timer\n'
        '[ 6.0] read to 0xffff88803ec1c068 of 8 bytes by task 0 on cpu 1:\n'
        '[ 6.0]  tick_nohz_idle_stop_tick+0x1a/0x2b0\n'
        '[ 6.0] Reported by Kernel Concurrency Sanitizer on:\n'
        '[ 6.0] ==================================================================\n')

    def test_kcsan_report_naming_a_module_fails(self):
        j, out = run(GOOD, console=CONSOLE + self.KCSAN_SAMPLE, kcsan_core=True)
        self.assertEqual(j.failed, 1, out)
        self.assertIn('data-race in racy_fn', out)

    def test_kcsan_report_naming_a_module_in_its_title_only_fails(self):
        console = CONSOLE + self.KCSAN_SAMPLE.replace(' [bug_data_race]\n', '\n')
        self.assertNotIn('+0x3c/0x90 [', console)
        j, out = run(GOOD, console=console, kcsan_core=True)
        self.assertEqual(j.failed, 1, out)

    def test_kcsan_core_report_is_listed_not_failed(self):
        j, out = run(GOOD, console=CONSOLE + self.KCSAN_CORE, kcsan_core=True)
        self.assertEqual(j.failed, 0, out)
        # A listing, not a result of its own: it is not counted.
        self.assertEqual(j.passed, run(GOOD, console=CONSOLE, kcsan_core=True)[0].passed, out)
        self.assertIn('# KCSAN reports inside the core kernel only, listed here (1)', out)
        self.assertIn('tick_nohz_idle_stop_tick', out)

    def test_kcsan_core_report_fails_without_the_option(self):
        j, out = run(GOOD, console=CONSOLE + self.KCSAN_CORE)
        self.assertEqual(j.failed, 1, out)

    def test_kcsan_sample_report_after_a_core_one_still_fails(self):
        j, out = run(GOOD, console=CONSOLE + self.KCSAN_CORE + self.KCSAN_SAMPLE,
                     kcsan_core=True)
        self.assertEqual(j.failed, 1, out)

    def test_jiffies_clocksource_fails(self):
        # Both names the kernel prints (kernel/time/clocksource.c,
        # __clocksource_select(): "Switched to clocksource %s"; jiffies.c
        # registers "jiffies", and x86 "refined-jiffies"), also when the
        # guest reports the same clock.
        for name in ('jiffies', 'refined-jiffies'):
            console = CONSOLE + f'[ 1.0] clocksource: Switched to clocksource {name}\n'
            j, out = run(GOOD, console=console)
            self.assertGreaterEqual(j.failed, 1, out)
            self.assertIn(f'not ok - the guest ran on a high-resolution clocksource ({name})', out)
            j, out = run(GOOD.replace('# clocksource: tsc', f'# clocksource: {name}'),
                         console=console)
            self.assertEqual(j.failed, 2, out)
            self.assertIn(f'clocksource {name}: timestamps and timing bounds have jiffy '
                          'resolution', out)

    def test_tsc_marked_unstable_later_fails(self):
        # The last switch counts: what a busy host did to x86 guests.
        console = CONSOLE + (
            '[ 3.0] tsc: Marking TSC unstable due to clocksource watchdog\n'
            '[ 3.0] clocksource: Switched to clocksource refined-jiffies\n')
        j, out = run(GOOD.replace('# clocksource: tsc', '# clocksource: refined-jiffies'),
                     console=console)
        self.assertEqual(j.failed, 2, out)

    def test_guest_clocksource_jiffies_fails(self):
        # No "Switched to" line at all: a kernel that never left the
        # jiffies clock it starts on. The guest's own word fails it too.
        console = CONSOLE.replace('clocksource: Switched to clocksource tsc', 'nothing')
        j, out = run(GOOD.replace('# clocksource: tsc', '# clocksource: jiffies'), console=console)
        self.assertEqual(j.failed, 2, out)
        self.assertIn("not ok - the guest's current_clocksource", out)

    def test_guest_clocksource_missing_fails(self):
        j, out = run(GOOD.replace('# clocksource: tsc\n', ''))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('0 "# clocksource:" lines in the KTAP, want 1', out)

    def test_guest_clocksource_other_than_the_kernel_log_fails(self):
        j, out = run(GOOD.replace('# clocksource: tsc', '# clocksource: hpet'))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('the guest reports hpet, its kernel log last switched to tsc', out)

    def test_guest_clocksource_twice_fails(self):
        j, out = run(GOOD + '# clocksource: tsc\n')
        self.assertEqual(j.failed, 1, out)

    def test_demo_needs_no_guest_clocksource(self):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            j = judge.judge('', CONSOLE, 1, 1, demo=True)
        self.assertEqual(j.failed, 0, out.getvalue())

    def test_no_clocksource_line_fails(self):
        console = CONSOLE.replace('clocksource: Switched to clocksource tsc', 'nothing')
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 1, out)

    # The audit's shapes (harness-audit-2026-11-29.md, item 2).
    def test_stray_not_ok_without_version_line_fails(self):
        ktap = GOOD.replace('    KTAP version 1\n    # Subtest: alpha\n    1..2\n    # a diagnostic\n',
                            '')
        j, out = run(ktap.replace('    ok 2 second', '    not ok 2 second'))
        self.assertGreaterEqual(j.failed, 1, out)

    def test_parent_not_ok_with_ok_children_fails(self):
        j, out = run(GOOD.replace('ok 1 alpha', 'not ok 1 alpha'))
        self.assertGreaterEqual(j.failed, 1, out)
        self.assertIn('reported not ok although all its tests passed', out)

    def test_suite_with_no_test_of_its_own_fails(self):
        ktap = ("KTAP version 1\n1..2\nok 1 alpha\n    KTAP version 1\n    # Subtest: kernel\n"
                "    1..1\n    ok 1 kernel not tainted\nok 2 kernel\n# clocksource: tsc\n")
        j, out = run(ktap)
        self.assertEqual(j.failed, 1, out)
        self.assertIn('alpha: a suite result without any test of its own', out)

    def test_empty_subtest_plan_fails(self):
        ktap = ("KTAP version 1\n1..2\n    KTAP version 1\n    # Subtest: alpha\n    1..0\n"
                "ok 1 alpha\n    KTAP version 1\n    # Subtest: kernel\n    1..1\n"
                "    ok 1 kernel not tainted\nok 2 kernel\n# clocksource: tsc\n")
        j, out = run(ktap)
        self.assertGreaterEqual(j.failed, 1, out)

    # Audit item 8: reports that the judge missed.
    def test_arm_call_trace_fails(self):
        j, out = run(GOOD, console=CONSOLE + '[ 1.0] Call trace:\n[ 1.0]  dump_stack+0x1c/0x28\n')
        self.assertEqual(j.failed, 1, out)

    def test_slub_report_fails(self):
        console = CONSOLE + '[ 1.0] BUG kmalloc-64 (Tainted: G    B   O): Left Redzone overwritten\n'
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 1, out)
        console = CONSOLE + '[ 1.0] BUG kmalloc-64 (Not tainted): Poison overwritten\n'
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 1, out)

    def test_only_one_trace_is_excused_after_an_injected_failure(self):
        console = CONSOLE + (
            '[ 1.0] FAULT_INJECTION: forcing a failure.\n'
            '[ 1.0] kt-helper: page allocation failure: order:0\n'
            '[ 1.0] Call Trace:\n'
            '[ 5.0] Call Trace:\n')
        j, out = run(GOOD, console=console)
        self.assertEqual(j.failed, 1, out)

    # The KTAP layout that kunit.py reads (ktap.rst, lib/kunit/test.c).
    def test_subtest_line_before_the_block_fails(self):
        # The layout before issue 12, which kunit.py misreads ("crashed: 2,
        # errors: 7" on a two-suite run).
        old = GOOD.replace('    KTAP version 1\n    # Subtest: alpha\n',
                           '# Subtest: alpha\n    KTAP version 1\n')
        j, out = run(old)
        self.assertEqual(j.failed, 1, out)
        self.assertIn('"# Subtest: alpha" is not right after the KTAP version line', out)
        self.assertIn('alpha: no "# Subtest: NAME" line', out)

    def test_missing_subtest_line_fails(self):
        j, out = run(GOOD.replace('    # Subtest: alpha\n', ''))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('alpha: no "# Subtest: NAME" line after its KTAP version line', out)

    def test_subtest_line_after_the_plan_fails(self):
        j, out = run(GOOD.replace('    # Subtest: alpha\n    1..2\n',
                                  '    1..2\n    # Subtest: alpha\n'))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('is not right after the KTAP version line', out)

    def test_subtest_name_other_than_the_result_fails(self):
        j, out = run(GOOD.replace('    # Subtest: alpha', '    # Subtest: beta'))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('alpha: its "# Subtest:" line names "beta"', out)

    def test_case_named_like_its_suite_fails(self):
        j, out = run(GOOD.replace('    ok 2 second', '    ok 2 alpha'))
        self.assertEqual(j.failed, 1, out)
        self.assertIn('alpha: a test of its own has its name', out)

    def test_hash_without_spaces_fails(self):
        for bad in ('    ok 2 second #SKIP', '    ok 2 sec#ond', '    ok 2 second #'):
            j, out = run(GOOD.replace('    ok 2 second', bad))
            self.assertGreaterEqual(j.failed, 1, bad + '\n' + out)
            self.assertIn('a "#" that is not " # "', out)

    # Several reports required at once (one boot for both report controls).
    def test_every_expected_report_must_appear(self):
        console = CONSOLE + '[ 5.0] WARNING: bug-warn.c:17 at bug_warn_init+0x4/0x1000 [bug_warn]\n'
        j, out = run(GOOD, console=console, expect_report=[WARN_RE, DUMP_RE])
        self.assertEqual(j.failed, 1, out)
        self.assertIn(f'not ok - the kernel reported the bug ({DUMP_RE})', out)
        self.assertIn(f'ok - the kernel reported the bug ({WARN_RE})', out)

    def test_an_unsure_frame_does_not_name_the_trace(self):
        # x86's "? " frames are stale stack contents, not callers.
        console = CONSOLE + ('[ 5.0] Call Trace:\n[ 5.0]  <TASK>\n'
                             '[ 5.0]  ? bug_dump_stack_init+0x0/0x1000 [bug_dump_stack]\n'
                             '[ 5.0]  do_one_initcall+0x85/0x188\n')
        j, out = run(GOOD, console=console, expect_report=[DUMP_RE])
        self.assertEqual(j.failed, 1, out)


# The regexes that scripts/test.sh gives --expect-report for the report
# controls (tests/modules/bug-warn.c, bug-dump-stack.c).
WARN_RE = 'WARNING: .*bug_warn_init'
DUMP_RE = 'Call [Tt]race:.*bug_dump_stack_init'
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, 'fixtures')
ARCHES = ('x86_64', 'arm64', 'riscv64', 'arm')


class RealReportsTest(unittest.TestCase):
    """Real kernel logs of the report controls, one per architecture
    (fixtures/reports-ARCH.log: the control boot of scripts/test.sh, from
    its "begin bug-warn" mark to the end): each report alone fails a run."""

    def parts(self, arch):
        with open(os.path.join(FIXTURES, f'reports-{arch}.log')) as f:
            text = f.read()
        warn, sep, dump = text.partition('ktap-guest: begin bug-dump-stack')
        self.assertTrue(sep, arch)
        # A dump_stack() prints no WARNING, BUG or Oops line.
        self.assertNotRegex(dump, 'WARNING:|BUG:|Oops', arch)
        return warn, sep + dump

    def test_regexes_are_the_ones_test_sh_uses(self):
        with open(os.path.join(HERE, '..', '..', 'scripts', 'test.sh')) as f:
            test_sh = f.read()
        for regex in (WARN_RE, DUMP_RE):
            self.assertTrue(f"'{regex}'" in test_sh, f'scripts/test.sh does not use {regex}')

    def test_each_report_alone_fails_the_run(self):
        for arch in ARCHES:
            for what, part in zip(('WARN_ON', 'dump_stack'), self.parts(arch)):
                j, out = run(GOOD, console=CONSOLE + part)
                self.assertEqual(j.failed, 1, f'{arch} {what}\n{out}')
                self.assertIn('not ok - the kernel log has no warning, oops or report', out)

    def test_each_regex_finds_its_own_report_only(self):
        for arch in ARCHES:
            warn, dump = self.parts(arch)
            for part, good, other in ((warn, WARN_RE, DUMP_RE), (dump, DUMP_RE, WARN_RE)):
                j, out = run(GOOD, console=CONSOLE + part, expect_report=[good])
                self.assertEqual(j.failed, 0, f'{arch} {good}\n{out}')
                j, out = run(GOOD, console=CONSOLE + part, expect_report=[other])
                self.assertEqual(j.failed, 1, f'{arch} {other}\n{out}')
            j, out = run(GOOD, console=CONSOLE + warn + dump, expect_report=[WARN_RE, DUMP_RE])
            self.assertEqual(j.failed, 0, f'{arch}\n{out}')


def find_kunit():
    """kunit.py of a kernel tree: $KUNIT_PY, or the newest in the cache."""
    if os.environ.get('KUNIT_PY'):
        return os.environ['KUNIT_PY']
    cache = os.environ.get('KTHREAD_CACHE') or os.path.join(
        os.environ.get('XDG_CACHE_HOME') or os.path.expanduser('~/.cache'), 'kthread-samples')
    found = sorted(glob.glob(os.path.join(cache, 'src', 'linux-*', 'tools', 'testing', 'kunit',
                                          'kunit.py')),
                   key=lambda p: [int(x) for x in re.findall(r'linux-(\d+)\.(\d+)', p)[0]])
    return found[-1] if found else None


KUNIT_PY = find_kunit()


@unittest.skipUnless(KUNIT_PY and os.path.isfile(KUNIT_PY),
                     'no kernel tree with tools/testing/kunit/kunit.py in the cache yet '
                     '(scripts/test.sh checks the run\'s own log with the tree\'s kunit.py)')
class KunitParseTest(unittest.TestCase):
    """kunit.py parse reads the guest's KTAP as the judge does
    (kunit_check.py), on a real guest log and on crafted ones."""

    def check(self, text):
        with tempfile.NamedTemporaryFile('w', suffix='.ktap', delete=False) as f:
            f.write(text)
        try:
            return kunit_check.compare(KUNIT_PY, f.name)
        finally:
            os.unlink(f.name)

    def test_real_guest_log(self):
        diffs, want, got = kunit_check.compare(
            KUNIT_PY, os.path.join(FIXTURES, 'ktap-7.3-x86_64.log'))
        self.assertEqual(diffs, [])
        self.assertEqual(got, want)
        self.assertGreater(want['passed'], 100)

    def test_real_guest_log_with_failures(self):
        # Every suite, faults, kmemleak, race and phases on a host loaded
        # by other builds (a 645 s boot): two timing bounds failed there.
        diffs, want, got = kunit_check.compare(
            KUNIT_PY, os.path.join(FIXTURES, 'ktap-7.3-x86_64-busy-host.log'))
        self.assertEqual(diffs, [])
        self.assertEqual((got['failed'], got['passed']), (2, 167))

    def test_crafted_logs(self):
        diffs, want, got = self.check(GOOD)
        self.assertEqual((diffs, got['passed']), ([], 3))
        failing = GOOD.replace('    ok 2 second', '    not ok 2 second').replace(
            'ok 1 alpha', 'not ok 1 alpha')
        diffs, want, got = self.check(failing)
        self.assertEqual((diffs, got['failed'], got['passed']), ([], 1, 2))

    def test_the_old_layout_is_caught(self):
        old = GOOD.replace('    KTAP version 1\n    # Subtest: alpha\n',
                           '# Subtest: alpha\n    KTAP version 1\n').replace(
            '    KTAP version 1\n    # Subtest: kernel\n', '# Subtest: kernel\n    KTAP version 1\n')
        diffs, want, got = self.check(old)
        self.assertTrue(any('errors: kunit.py counts' in d for d in diffs), diffs)
        self.assertTrue(any(d.startswith('the judge:') for d in diffs), diffs)


if __name__ == '__main__':
    # A skipped test proves nothing, and must not pass as if it had run:
    # any skip fails the run. --without-kunit leaves KunitParseTest out
    # (before a kernel tree is in the cache); scripts/test.sh runs it on its
    # own, with the tree's kunit.py as KUNIT_PY, once the tree is there.
    if '--without-kunit' in sys.argv:
        sys.argv.remove('--without-kunit')
        del KunitParseTest
    prog = unittest.main(exit=False)
    res = prog.result
    if res.skipped:
        print(f'FAILED: {len(res.skipped)} test(s) skipped: '
              + ', '.join(t.id() for t, _ in res.skipped), file=sys.stderr)
    sys.exit(0 if res.wasSuccessful() and not res.skipped and res.testsRun else 1)
