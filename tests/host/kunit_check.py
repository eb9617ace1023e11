#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's own KTAP parser must read the guest's KTAP as the judge does.

Runs `kunit.py parse` (tools/testing/kunit/ of a kernel tree) on each KTAP
log and compares what it counts with what tests/host/judge.py counts: the
same tests passed, failed and skipped, and no test crashed and no parse
error on kunit.py's side. The judge stays the authority (it is stricter:
a skip fails there); this shows that the output follows the format the
kernel's tools read (Documentation/dev-tools/ktap.rst, as KUnit prints it).

Prints one "ok - " / "not ok - " line per log; exits 1 when one differs.
"""

import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402

SUMMARY_RE = re.compile(r'Testing complete\. Ran (\d+) tests:?(.*)$')
ANSI_RE = re.compile(r'\x1b\[[0-9;]*m')
KEYS = ('passed', 'failed', 'crashed', 'skipped', 'errors')


def kunit_counts(kunit_py, path):
    """kunit.py parse's counts for the log at path, and its output."""
    proc = subprocess.run([sys.executable, kunit_py, 'parse', os.path.abspath(path)],
                          capture_output=True, text=True, check=False, timeout=120)
    out = ANSI_RE.sub('', proc.stdout + proc.stderr)
    counts = None
    for line in out.splitlines():
        m = SUMMARY_RE.search(line)
        if m:
            counts = dict.fromkeys(KEYS, 0)
            for part in m.group(2).split(','):
                key, _, value = part.strip().partition(': ')
                if key in counts:
                    counts[key] = int(value)
    return counts, proc.returncode, out


def judge_counts(ktap_text):
    """What the judge counts: its leaf tests, and any KTAP problem."""
    root, problems, stray = judge.parse_ktap(ktap_text)
    problems += judge.structure_problems(root)
    problems += [f'stray line: {s}' for s in stray]
    counts = dict.fromkeys(KEYS, 0)
    for _, leaf in judge.leaves(root):
        if leaf.directive == 'SKIP':
            counts['skipped'] += 1
        elif leaf.ok:
            counts['passed'] += 1
        else:
            counts['failed'] += 1
    return counts, problems


def compare(kunit_py, path):
    """A list of differences between kunit.py and the judge (empty: none)."""
    with open(path, errors='replace') as f:
        text = f.read()
    want, problems = judge_counts(text)
    got, rc, out = kunit_counts(kunit_py, path)
    diffs = [f'the judge: {p}' for p in problems]
    if got is None:
        diffs.append(f'kunit.py printed no summary (exit status {rc}): '
                     + ' | '.join(out.strip().splitlines()[-5:]))
        return diffs, want, got
    if 'Traceback' in out:
        diffs.append('kunit.py crashed: ' + ' | '.join(out.strip().splitlines()[-3:]))
    for key in KEYS:
        if got[key] != want[key]:
            diffs.append(f'{key}: kunit.py counts {got[key]}, the judge {want[key]}')
    if diffs:
        diffs += [ln for ln in out.splitlines() if 'ERROR' in ln][:10]
    return diffs, want, got


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--kunit', required=True, help="a kernel tree's tools/testing/kunit/kunit.py")
    ap.add_argument('ktap', nargs='+', help='KTAP logs (out/RUN/ktap.log)')
    args = ap.parse_args(argv)
    if not os.path.isfile(args.kunit):
        print(f'not ok - kunit.py reads the KTAP like the judge: no {args.kunit}')
        return 1
    bad = 0
    for path in args.ktap:
        diffs, want, got = compare(args.kunit, path)
        summary = ', '.join(f'{k} {want[k]}' for k in KEYS if want[k])
        print(f'{"not ok" if diffs else "ok"} - kunit.py parse reads {path} as the judge does '
              f'({summary or "no tests"})')
        for d in diffs:
            print(f'    # {d}')
        bad += bool(diffs)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
