#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the output of tests/guest/bench.sh into the benchmark tables.

Stop latency, per looping sample and per floor: kthread_stop() itself (from
the first sched_kthread_stop trace event of a run to its last
sched_kthread_stop_ret) and the whole rmmod, median and worst over the runs,
and the medians as a ratio to the floors of the same boot: a thread asleep in
schedule() (the kthread_stop() floor) and a module with no thread (the rmmod
floor). Tick accuracy: mean period, drift against an ideal 1000 ms clock
started at the first tick, jitter (standard deviation of the periods), and
voluntary context switches per tick. The guest's clock comes first: a figure
finer than its resolution is printed as below it, and a guest without
high-resolution timers (a jiffies clocksource) is refused.
"""

import argparse
import statistics
import sys
from collections import defaultdict

TICK_ROWS = {'periodic': 'kthread-periodic-sample (hrtimer, absolute deadlines, every 10th tick logged)',
             'zeroslack': 'the same without slack (schedule_hrtimeout())',
             'msleep': "tutorial's msleep(1000) loop"}
STOP_ROWS = {'nothread': 'floor: a module with no thread',
             'floor': 'floor: a thread asleep in schedule()',
             'periodic': 'kthread-periodic-sample',
             'consumer': 'kthread-consumer-sample',
             'worker': 'kthread-worker-sample',
             'zeroslack': 'kthread-periodic-sample without slack',
             'msleep': "tutorial's msleep(1000) loop"}
LOW_RES = {'jiffies', 'refined-jiffies'}


def parse(lines):
    """ticks[label]: [(index, us)], ctxt[label]: (before, after),
    runs[label]: [{'rmmod': us, 'stop': [us], 'ret': [us]}], clock, errors."""
    ticks, ctxt, runs = defaultdict(list), {}, defaultdict(list)
    clock, errors = {}, []
    for line in lines:
        f = line.split()
        if not f:
            continue
        if f[0] == 'error' or f[0] == 'error:':
            errors.append(line.strip())
        elif f[0] == 'clock' and len(f) == 3:
            clock[f[1]] = f[2]
        elif f[0] in STOP_ROWS or f[0] in TICK_ROWS:
            label, what, vals = f[0], f[1] if len(f) > 1 else '', f[2:]
            if what == 'tick':
                ticks[label].append((int(vals[0]), int(vals[1])))
            elif what == 'ctxt':
                ctxt[label] = (int(vals[0]), int(vals[1]))
            elif what == 'run':
                runs[label].append({'rmmod': None, 'stop': [], 'ret': []})
            elif what == 'rmmod_us' and runs[label]:
                runs[label][-1]['rmmod'] = int(vals[0])
            elif what == 'sched_kthread_stop' and runs[label]:
                runs[label][-1]['stop'].append(int(vals[0]))
            elif what == 'sched_kthread_stop_ret' and runs[label]:
                runs[label][-1]['ret'].append(int(vals[0]))
    return ticks, ctxt, runs, clock, errors


def med_max(xs):
    return (statistics.median(xs), max(xs)) if xs else (float('nan'), float('nan'))


def stop_summary(rs):
    rmmods = [r['rmmod'] / 1000 for r in rs if r['rmmod'] is not None]
    stops = [(max(r['ret']) - min(r['stop'])) / 1000 for r in rs if r['stop'] and r['ret']]
    return {'runs': len(rs), 'rmmod': med_max(rmmods), 'stop': med_max(stops),
            'stopped': len(stops)}


def tick_summary(tk, cx, period_ms=1000):
    times = [t for _, t in sorted(tk)]
    periods = [(b - a) / 1000 for a, b in zip(times, times[1:])]
    n = len(periods)
    return {'ticks': n,
            'mean': statistics.mean(periods) if n else float('nan'),
            'drift': (times[-1] - times[0]) / 1000 - n * period_ms if n else float('nan'),
            'jitter': statistics.pstdev(periods) if n > 1 else float('nan'),
            'ctxt': (cx[1] - cx[0]) / n if n and cx else float('nan')}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('output', help="the guest's output")
    args = ap.parse_args(argv)
    with open(args.output, errors='replace') as f:
        ticks, ctxt, runs, clock, errors = parse(f)
    missing = [k for k in STOP_ROWS if not runs.get(k)] + [k for k in TICK_ROWS if not ticks.get(k)]
    if errors or missing or 'res_ns' not in clock:
        print('benchmark incomplete:', *errors, *(f'no {m} figures' for m in missing),
              *([] if 'res_ns' in clock else ['no clock resolution']), file=sys.stderr)
        return 1
    res_ms = int(clock['res_ns']) / 1e6
    source = clock.get('source', '?')
    print(f"Guest clock: clocksource {source}, clock_getres(CLOCK_MONOTONIC) "
          f"{clock['res_ns']} ns, trace clock {clock.get('trace', '?')}; a figure finer "
          f"than that resolution would be printed as \"<{clock['res_ns']} ns\".")
    if source in LOW_RES or res_ms >= 1:
        print(f"refused: the guest ran without high-resolution timers ({source}, "
              f"{res_ms:g} ms): every figure would be a multiple of a tick", file=sys.stderr)
        return 1

    def ms(x, digits=2):
        if x != x:  # NaN
            return 'n/a'
        return f"<{clock['res_ns']} ns" if x < res_ms else f'{x:.{digits}f}'

    s = {k: stop_summary(runs[k]) for k in STOP_ROWS}
    stop_floor = s['floor']['stop'][0]
    rmmod_floor = s['nothread']['rmmod'][0]
    print()
    print('| module | kthread_stop() median / worst | x floor | rmmod median / worst | x floor |')
    print('|---|---|---|---|---|')
    for k, label in STOP_ROWS.items():
        r = s[k]
        stop = f"{ms(r['stop'][0])} / {ms(r['stop'][1])} ms" if r['stopped'] else '- (no thread)'
        xs = f"{r['stop'][0] / stop_floor:.1f}x" if r['stopped'] and k != 'floor' else ''
        xr = f"{r['rmmod'][0] / rmmod_floor:.1f}x" if k != 'nothread' else ''
        print(f"| {label} | {stop} | {xs} | {ms(r['rmmod'][0], 1)} / {ms(r['rmmod'][1], 1)} ms | {xr} |")
    print(f"\n{s['floor']['runs']} runs per row, each unloaded at a random point 1-2 s after "
          "loading; kthread_stop() from the sched_kthread_stop trace event to the last "
          "sched_kthread_stop_ret of the run; ratios are of the medians, to the floors of "
          "the same boot.")

    t = {k: tick_summary(ticks[k], ctxt.get(k)) for k in TICK_ROWS}
    print()
    print('| loop | mean period | drift | jitter | ctx switches per tick |')
    print('|---|---|---|---|---|')
    for k, label in TICK_ROWS.items():
        r = t[k]
        print(f"| {label} | {ms(r['mean'], 3)} ms | {r['drift']:+.1f} ms over {r['ticks']} ticks "
              f"| {ms(r['jitter'], 3)} ms | {r['ctxt']:.2f} |")
    return 0


if __name__ == '__main__':
    sys.exit(main())
