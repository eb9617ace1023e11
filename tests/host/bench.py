#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the output of tests/guest/bench.sh into the benchmark table.

Stop latency: kthread_stop() itself (from the sched_kthread_stop trace
events) and the whole rmmod, median and worst over the runs. Tick accuracy:
mean period, cumulative drift against an ideal 1000 ms clock started at the
first tick, jitter (standard deviation of the periods). Idle cost: voluntary
context switches of the thread per tick.
"""

import argparse
import statistics
import sys
from collections import defaultdict

LABELS = {'periodic': 'kthread-periodic-sample (hrtimer, absolute deadlines, 0.1% slack)',
          'zeroslack': 'the same without slack (schedule_hrtimeout())',
          'msleep': "tutorial's msleep(1000) loop"}


def parse(lines):
    data = defaultdict(lambda: defaultdict(list))
    errors = []
    for line in lines:
        f = line.split()
        if len(f) >= 2 and f[0] in LABELS:
            data[f[0]][f[1]].append([int(x) for x in f[2:]])
        elif line.startswith('error'):
            errors.append(line.strip())
    return data, errors


def stop_latencies(d):
    """Pairs of sched_kthread_stop and its _ret, in microseconds."""
    starts = [t for (t,) in d['sched_kthread_stop']]
    ends = [t for (t,) in d['sched_kthread_stop_ret']]
    return [e - s for s, e in zip(starts, ends)]


def summary(label, d, period_ms=1000):
    ticks = sorted(d['tick'])
    times = [t for _, t in ticks]
    periods = [(b - a) / 1000 for a, b in zip(times, times[1:])]
    n = len(periods)
    drift = (times[-1] - times[0]) / 1000 - n * period_ms if n else float('nan')
    ctxt = d['ctxt'][0] if d['ctxt'] else [0, 0]
    stops = [x / 1000 for x in stop_latencies(d)]
    rmmods = [x / 1000 for (x,) in d['rmmod_us']]
    return {
        'label': LABELS[label], 'ticks': n,
        'mean': statistics.mean(periods) if periods else float('nan'),
        'drift': drift,
        'jitter': statistics.pstdev(periods) if n > 1 else float('nan'),
        'ctxt': (ctxt[1] - ctxt[0]) / n if n else float('nan'),
        'stop_med': statistics.median(stops) if stops else float('nan'),
        'stop_max': max(stops) if stops else float('nan'),
        'rmmod_med': statistics.median(rmmods) if rmmods else float('nan'),
        'rmmod_max': max(rmmods) if rmmods else float('nan'),
        'runs': len(rmmods),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('output', help="the guest's output")
    args = ap.parse_args(argv)
    with open(args.output, errors='replace') as f:
        data, errors = parse(f)
    if errors or set(data) != set(LABELS):
        print('benchmark incomplete:', *errors, file=sys.stderr)
        return 1
    rows = [summary(k, data[k]) for k in ('periodic', 'zeroslack', 'msleep')]
    hdr = ('| | kthread_stop() median / worst | rmmod median / worst | mean period '
           '| drift | jitter | ctx switches per tick |')
    print(hdr)
    print('|---|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {r['label']} | {r['stop_med']:.2f} / {r['stop_max']:.2f} ms "
              f"| {r['rmmod_med']:.1f} / {r['rmmod_max']:.1f} ms "
              f"| {r['mean']:.3f} ms | {r['drift']:+.1f} ms over {r['ticks']} ticks "
              f"| {r['jitter']:.3f} ms | {r['ctxt']:.2f} |")
    p, _, m = rows
    print(f"| msleep / periodic | {m['stop_med'] / p['stop_med']:.0f}x / "
          f"{m['stop_max'] / p['stop_max']:.0f}x "
          f"| {m['rmmod_med'] / p['rmmod_med']:.1f}x / {m['rmmod_max'] / p['rmmod_max']:.1f}x "
          f"| | | | |")
    print(f"\n{p['runs']}, {rows[1]['runs']} and {m['runs']} stop runs at random points "
          f"of the period; {p['ticks']}, {rows[1]['ticks']} and {m['ticks']} tick periods.")
    return 0


if __name__ == '__main__':
    sys.exit(main())
