#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a boot test: the guest's KTAP output and the kernel's console log.

Every KTAP leaf test counts as one result, and so does each of these checks:
the KTAP is well formed with complete plans, the guest finished, QEMU exited
the way the guest asked it to, and the kernel log holds no report (Oops,
WARNING, KASAN, lockdep, hung task...). A skipped test counts as failed: here
nothing may be skipped silently. The one exception is named by the host: a
suite whose sample was left out of an out-of-tree build on purpose (--left-out,
written by scripts/build-oot.sh) must be skipped, and is listed as such.

Prints one line per result and ends with "judge: N passed, N failed"; exits 1
when anything failed.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from typing import List, Optional

RESULT_RE = re.compile(
    r'^(?P<ok>ok|not ok) (?P<num>\d+)(?: -)?(?: (?P<name>[^#]*?))?\s*'
    r'(?:#\s*(?P<directive>\S+)?\s*(?P<reason>.*))?$')
PLAN_RE = re.compile(r'^1\.\.(\d+)$')
SUBTEST_RE = re.compile(r'^# Subtest: (.*)$')
VERSION_RE = re.compile(r'^K?TAP version \d+$')

# Kernel log lines that fail a run (see toolchain-facts.md).
BADNESS = [
    # "Call trace:" on arm and arm64; SLUB prints "BUG <cache> (<taint>): ..."
    r'Oops', r'BUG:', r'WARNING:', r'Call [Tt]race:', r'BUG [\w.:-]+ \((Not t|T)ainted',
    r'KASAN:', r'UBSAN:',
    r'ODEBUG:', r'possible circular locking', r'possible recursive locking',
    r'inconsistent lock state', r'sleeping function called from invalid context',
    r'scheduling while atomic', r'blocked for more than', r'soft lockup',
    r'hard LOCKUP', r'rcu_.*stall', r'list_add corruption', r'list_del corruption',
    r'refcount_t:', r'Kernel panic', r'general protection fault',
    r'unreferenced object', r'kmemleak:.*new suspected memory leaks',
]
BADNESS_RE = re.compile('|'.join(BADNESS))
DONE_MARK = 'ktap-guest: all done'


@dataclass
class Node:
    """A KTAP test: a leaf, or a (sub)test with a plan and children."""
    name: str = ''
    ok: Optional[bool] = None
    num: int = 0
    directive: str = ''
    has_version: bool = False
    plan: Optional[int] = None
    children: List['Node'] = field(default_factory=list)
    diags: List[str] = field(default_factory=list)
    is_parent: bool = False
    # The "# Subtest: NAME" line that follows the block's version line.
    subtest: Optional[str] = None
    fresh: bool = False     # nothing but the version line read yet


class Judge:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def result(self, ok, name, diags=()):
        if ok:
            self.passed += 1
            print(f'ok - {name}')
        else:
            self.failed += 1
            print(f'not ok - {name}')
        for d in diags:
            print(f'    # {d}')


def parse_ktap(text):
    """Parse KTAP into a root Node. Returns (root, problems, stray lines)."""
    root = Node(name='(top)', is_parent=True)
    stack = [root]          # stack[level] is the node whose lines are at that level
    problems = []
    stray = []
    pending = {}            # diagnostics waiting for the next result, by level
    for raw in text.splitlines():
        line = raw.rstrip('\r')
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(' '))
        if indent % 4:
            stray.append(line)
            continue
        level = indent // 4
        text_ = line.strip()
        if level >= len(stack) + 1:
            stray.append(line)
            continue
        if VERSION_RE.match(text_):
            if level == 0 and len(stack) == 1 and not root.has_version:
                root.has_version = True
                continue
            # A new subtest at this level; its result line is one level up.
            del stack[level:]
            node = Node(has_version=True, is_parent=True, fresh=True)
            if level == 0:
                problems.append('a second top-level KTAP version line')
                continue
            stack.append(node)
            continue
        if level >= len(stack):
            stray.append(line)
            continue
        m = SUBTEST_RE.match(text_)
        if m:
            # As KUnit prints it (lib/kunit/test.c): inside the block,
            # right after its version line and before its plan.
            node = stack[level]
            if level > 0 and node.fresh and len(stack) == level + 1:
                node.subtest = m.group(1).strip()
                node.fresh = False
            else:
                problems.append(f'"{text_}" is not right after the KTAP version line '
                                'of its own (indented) block')
            continue
        stack[level].fresh = False
        m = PLAN_RE.match(text_)
        if m:
            del stack[level + 1:]
            if stack[level].plan is not None:
                problems.append(f'{stack[level].name or "(subtest)"}: two plans')
            stack[level].plan = int(m.group(1))
            continue
        m = RESULT_RE.match(text_)
        if m:
            parent = stack[level]
            if len(stack) > level + 1:
                node = stack[level + 1]
                del stack[level + 1:]
            else:
                node = Node()
            hash_at = text_.find('#')
            if hash_at >= 0 and text_[hash_at - 1:hash_at + 2] != ' # ':
                # kunit.py reads a directive only after " # ", and takes
                # any other "#" for a line that is no result at all.
                problems.append(f'"{text_}": a "#" that is not " # "')
            node.ok = m.group('ok') == 'ok'
            node.num = int(m.group('num'))
            node.name = (m.group('name') or '').strip()
            node.directive = (m.group('directive') or '').upper()
            if node.directive == 'SKIP' and m.group('reason'):
                node.diags.append('SKIP: ' + m.group('reason'))
            node.diags = pending.pop(level, []) + node.diags + pending.pop(level + 1, [])
            parent.children.append(node)
            continue
        if text_.startswith('#'):
            pending.setdefault(level, []).append(text_[1:].strip())
            continue
        stray.append(line)
    return root, problems, stray


def structure_problems(node, path='', left_out=None):
    """Plans, numbering and parent/child consistency, recursively."""
    problems = []
    where = path or '(top)'
    if node.is_parent:
        if not node.has_version:
            problems.append(f'{where}: no KTAP version line')
        if node.plan is None:
            problems.append(f'{where}: no plan')
        elif node.plan != len(node.children):
            problems.append(f'{where}: planned {node.plan} tests, ran {len(node.children)}')
        for i, child in enumerate(node.children, 1):
            if child.num != i:
                problems.append(f'{where}: test {i} is numbered {child.num}')
            cpath = f'{path}/{child.name}' if path else child.name
            problems += structure_problems(child, cpath)
            if child.is_parent and child.ok and any(not c.ok for c in child.children):
                problems.append(f'{cpath}: reported ok with a failed test')
            if child.is_parent and child.ok is False and child.children and \
                    all(c.ok for c in child.children):
                problems.append(f'{cpath}: reported not ok although all its tests passed')
            if child.is_parent and child.plan == 0:
                problems.append(f'{cpath}: planned no tests')
            if child.is_parent and child.subtest is None:
                problems.append(f'{cpath}: no "# Subtest: NAME" line after its KTAP version line')
            elif child.is_parent and child.subtest != child.name:
                problems.append(f'{cpath}: its "# Subtest:" line names "{child.subtest}"')
            if child.is_parent and any(c.name == child.name for c in child.children):
                # kunit.py takes a result line with the suite's name for
                # the end of the suite.
                problems.append(f'{cpath}: a test of its own has its name')
            if not path and not child.is_parent and not \
                    (child.directive == 'SKIP' and child.name in (left_out or {})):
                # Every suite is a subtest with tests of its own.
                problems.append(f'{cpath}: a suite result without any test of its own')
    return problems


def leaves(node, path=''):
    for child in node.children:
        cpath = f'{path}: {child.name}' if path else child.name
        if child.is_parent and child.children:
            yield from leaves(child, cpath)
        else:
            yield cpath, child


def judge(ktap_text, console_text, qemu_status, expect_status, judge_=None, demo=False,
          expect_report=None, kcsan_core=False, left_out=None):
    j = judge_ or Judge()
    guest_clocks = None
    if not demo:
        judge_ktap(ktap_text, j, left_out or {})
        guest_clocks = GUEST_CLOCK_RE.findall(ktap_text)
    return judge_console(console_text, qemu_status, expect_status, j, expect_report, kcsan_core,
                         guest_clocks)


def judge_ktap(ktap_text, j, left_out):
    root, problems, stray = parse_ktap(ktap_text)
    problems += structure_problems(root, left_out=left_out)
    if not root.children:
        problems.append('no test results at all')

    # A suite left out of the build on purpose: skipped, never run.
    suites = {child.name: child for child in root.children}
    for name, why in sorted(left_out.items()):
        child = suites.get(name)
        skipped = child is not None and not child.is_parent and child.ok and \
            child.directive == 'SKIP'
        j.result(skipped, f'{name}: skipped, its sample left out of this build ({why})',
                 [] if skipped else ['it was not skipped: it ran, or is missing'])

    for path, leaf in leaves(root):
        if path in left_out and leaf.directive == 'SKIP':
            continue
        diags = list(leaf.diags)
        if leaf.directive == 'SKIP':
            diags.append('skipped: counted as a failure')
        j.result(bool(leaf.ok) and leaf.directive != 'SKIP', path, diags)
        if leaf.directive == 'TODO':
            problems.append(f'{path}: TODO directive')

    # A line outside the KTAP structure may be a result nobody counted.
    problems += [f'stray line: {s}' for s in stray[:20]]
    j.result(not problems, 'KTAP is well formed and every plan is complete', problems)


# An allocation failure that fault injection caused on purpose prints a
# warning with a call trace: that trace is expected, not a report.
INJECTED_RE = re.compile(r'FAULT_INJECTION: forcing a failure')
ALLOC_FAIL_RE = re.compile(r'vmalloc error:|page allocation failure:')


# A KCSAN report runs from its "BUG: KCSAN:" line to a line of "=" signs.
# It is the samples' when any of its lines names a module: its title
# ("data-race in func [module] / ...") or a stack frame
# "func+0x1/0x2 [module]" (only the samples and the test modules are ever
# loaded in these guests).
KCSAN_RE = re.compile(r'BUG: KCSAN: ')
KCSAN_END_RE = re.compile(r'^\s*(\[[ 0-9.]+\]\s*)?={20,}\s*$')
MODULE_FRAME_RE = re.compile(r'(\+0x[0-9a-f]+/0x[0-9a-f]+|KCSAN: .*) \[[A-Za-z0-9_]+\]')


def kcsan_reports(lines, start):
    """The lines of the KCSAN report that starts at lines[start]."""
    end = start + 1
    while end < len(lines) and end - start < 200 and not KCSAN_END_RE.match(lines[end]):
        end += 1
    return lines[start:end]


def badness(console_text, window=5, core_kcsan=None):
    """The lines that fail a run, less the call traces of injected faults.

    A KCSAN report that names no module (a race inside the core kernel)
    does not fail the run when core_kcsan is a list: its title and frames
    are appended to that list, to be shown, instead.
    """
    bad = []
    expected_trace = False
    last_injected = -window - 1
    lines = console_text.splitlines()
    for i, line in enumerate(lines):
        if core_kcsan is not None and KCSAN_RE.search(line):
            report = kcsan_reports(lines, i)
            if not any(MODULE_FRAME_RE.search(ln) for ln in report):
                core_kcsan.append(' | '.join(ln.strip() for ln in report
                                             if ln.strip() and '+0x' in ln or 'KCSAN' in ln))
                continue
        if INJECTED_RE.search(line):
            last_injected = i
            continue
        if ALLOC_FAIL_RE.search(line):
            # A failure within a few lines of an injection is its result.
            expected_trace = i - last_injected <= window
            if not expected_trace:
                bad.append(line.strip())
            continue
        if not BADNESS_RE.search(line):
            continue
        if expected_trace and re.search(r'Call [Tt]race:', line):
            # The one trace that the injected failure printed; the next
            # one is a report again.
            expected_trace = False
            continue
        expected_trace = False
        if CALL_TRACE_RE.search(line):
            frame = first_module_frame(lines, i + 1)
            if frame:
                bad.append(f'{line.strip()} (first module frame: {frame})')
                continue
        bad.append(line.strip())
    return bad


# A stack frame in a module: "func+0x1c/0x28 [module]" (x86, arm64,
# riscv), "(func [module])" (32-bit arm, %ps). A trace that dump_stack()
# printed has no other line to tell whose it is: the frame does. x86
# marks a frame it is not sure of with "? ": such a frame is not taken.
CALL_TRACE_RE = re.compile(r'Call [Tt]race:')
TRACE_FRAME_RE = re.compile(r'(\? )?([A-Za-z_][\w.]*(?:\+0x[0-9a-f]+/0x[0-9a-f]+)? \[[A-Za-z0-9_]+\])')
TRACE_END_RE = re.compile(r'---\[ end trace|ktap-guest:')


def first_module_frame(lines, start, limit=60):
    """The first sure frame naming a module in the trace that starts at lines[start]."""
    for line in lines[start:start + limit]:
        if BADNESS_RE.search(line) or TRACE_END_RE.search(line):
            return None
        for m in TRACE_FRAME_RE.finditer(line):
            if not m.group(1):
                return m.group(2)
    return None


# "clocksource: Switched to clocksource NAME": the last one is the clock of
# every timestamp and timing bound of the run. jiffies has 4 ms steps (at
# HZ=250) and no high-resolution timers: timings on it mean little.
CLOCKSOURCE_RE = re.compile(r'clocksource: Switched to clocksource (\S+)')
LOW_RES_CLOCKS = ('jiffies', 'refined-jiffies')


# The guest's own word at the end of its run (tests/guest/run.sh): a
# top-level diagnostic with the current_clocksource of sysfs.
GUEST_CLOCK_RE = re.compile(r'^# clocksource: (.*)$', re.M)


def judge_clocksource(console_text, j, guest_clocks=None):
    found = CLOCKSOURCE_RE.findall(console_text)
    clock = found[-1] if found else None
    j.result(clock is not None and clock not in LOW_RES_CLOCKS,
             f'the guest ran on a high-resolution clocksource ({clock})',
             [] if clock and clock not in LOW_RES_CLOCKS else
             [f'clocksource {clock}: timestamps and timing bounds have jiffy resolution'])
    if guest_clocks is None:
        return
    problems = []
    if len(guest_clocks) != 1:
        problems.append(f'{len(guest_clocks)} "# clocksource:" lines in the KTAP, want 1')
    for gc in guest_clocks:
        if gc in LOW_RES_CLOCKS:
            problems.append(f'clocksource {gc}: timestamps and timing bounds have jiffy resolution')
        elif clock is not None and gc != clock:
            problems.append(f'the guest reports {gc}, its kernel log last switched to {clock}')
    j.result(not problems, "the guest's current_clocksource at the end is the same high-resolution "
             f"clock ({', '.join(guest_clocks) or 'none'})", problems)


def judge_console(console_text, qemu_status, expect_status, j, expect_report=None,
                  kcsan_core=False, guest_clocks=None):
    judge_clocksource(console_text, j, guest_clocks)
    done = DONE_MARK in console_text
    j.result(done, 'the guest ran to the end',
             [] if done else ['no "' + DONE_MARK + '" in the console log: crash, hang or timeout'])

    if expect_status is not None:
        j.result(qemu_status == expect_status, 'QEMU exited as the guest asked',
                 [f'QEMU exit status {qemu_status}, expected {expect_status}'])

    core = [] if kcsan_core else None
    bad = badness(console_text, core_kcsan=core)
    if core:
        # Listed, never dropped silently: races inside the core kernel are
        # not the samples' to fix, but they are reported upstream. A
        # listing, not a result: nothing could make it fail.
        print(f'# KCSAN reports inside the core kernel only, listed here ({len(core)}):')
        for ln in core[:20]:
            print(f'#   {ln}')
    if not expect_report:
        j.result(not bad, 'the kernel log has no warning, oops or report', bad[:40])
        return j
    # A run that must provoke reports: each must be there.
    if isinstance(expect_report, str):
        expect_report = [expect_report]
    for regex in expect_report:
        wanted = re.compile(regex)
        found = [ln for ln in bad if wanted.search(ln)]
        j.result(bool(found), f'the kernel reported the bug ({regex})',
                 found[:10] or ['no such report: the detector caught nothing'] + bad[:20])
    return j


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--ktap', required=True, help="the guest's KTAP output")
    ap.add_argument('--console', required=True, help="the kernel's console log")
    ap.add_argument('--qemu-status', type=int, help="QEMU's exit status")
    ap.add_argument('--expect-status', type=int,
                    help='the status QEMU must have exited with')
    ap.add_argument('--expect-report', metavar='REGEX', action='append',
                    help='the run provokes a bug on purpose: require a kernel report '
                         'matching REGEX instead of requiring none (given more than '
                         'once: one report matching each)')
    ap.add_argument('--kcsan-core', action='store_true',
                    help='a KCSAN kernel: list KCSAN reports that name no module '
                         '(races inside the core kernel) instead of failing on them')
    ap.add_argument('--left-out', metavar='FILE',
                    help='suites whose sample was left out of the build on purpose, one '
                         '"NAME REASON" a line: each must be skipped, and its skip passes')
    ap.add_argument('--demo', action='store_true',
                    help='the guest ran the demo: judge only the kernel log and the exit')
    args = ap.parse_args(argv)

    def read(path):
        try:
            with open(path, errors='replace') as f:
                return f.read()
        except OSError as e:
            print(f'not ok - reading {path}: {e}')
            return ''

    left_out = {}
    if args.left_out:
        for line in read(args.left_out).splitlines():
            if line.strip():
                name, _, why = line.strip().partition(' ')
                left_out[name] = why.strip()
    j = judge(read(args.ktap), read(args.console), args.qemu_status, args.expect_status,
              demo=args.demo, expect_report=args.expect_report, kcsan_core=args.kcsan_core,
              left_out=left_out)
    print(f'judge: {j.passed} passed, {j.failed} failed')
    return 1 if j.failed else 0


if __name__ == '__main__':
    sys.exit(main())
