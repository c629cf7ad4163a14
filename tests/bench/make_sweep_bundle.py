#!/usr/bin/env python3
"""Makes a bundle of many runs from one real run, for the comparison-at-scale benchmark.

    make_sweep_bundle.py ONE_RUN.json N OUT.json

ONE_RUN.json is `optibench-cli export --format json` of one finished inference run. Each of the
N runs is that run with other toggles (quantization, padding, pruning amount, batch size; the
grid cycles, so N above its 108 points gives repeats) and its timings scaled by a factor that
depends on the toggles, with a little noise per repeat: latency metrics and series by the
factor, rates by its inverse, agreement a little lower where int8 or pruning would cost
quality. The trace is left out. Import the result with `optibench-cli import OUT.json --db F`.
"""
import copy
import json
import random
import sys
import uuid

QUANTIZATION = {"none": 1.0, "dynamic-int8": 0.62, "weight-int8": 0.85}
PADDING = {"fixed": 1.0, "dynamic": 0.55, "bucketed": 0.3}
PRUNING = {0.0: 1.0, 0.2: 0.9, 0.4: 0.78}
BATCH = {4: 1.1, 8: 1.0, 16: 0.93, 32: 0.9}


def scaled_metric(key, value, factor, quality_loss):
    if key.startswith("latency_") or key.endswith("_ms"):
        return value * factor
    if key.startswith("throughput_") or key in ("achieved_flops_s", "peak_fraction"):
        return value / factor
    if key in ("agreement", "accuracy"):
        return max(0.0, value - quality_loss)
    return value


def scaled_series(name):
    return name in ("latency_ms", "block_seconds")


def point(i):
    grid = [(q, p, a, b) for q in QUANTIZATION for p in PADDING for a in PRUNING for b in BATCH]
    return grid[i % len(grid)], i // len(grid)


def make_run(base, i, rng):
    (q, p, a, b), repeat = point(i)
    factor = QUANTIZATION[q] * PADDING[p] * PRUNING[a] * BATCH[b] * rng.uniform(0.97, 1.03)
    quality_loss = (0.004 if q != "none" else 0.0) + a * 0.05 + rng.uniform(0, 0.002)
    entry = copy.deepcopy(base)
    run = entry["run"]
    run["id"] = i + 1
    run["name"] = f"{q} {p} prune {a} batch {b}" + (f" repeat {repeat + 1}" if repeat else "")
    run["baseline_run_id"] = None
    run["uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))  # each its own run
    spec = run["spec"]
    spec["optimizations"]["quantization"] = q
    spec["optimizations"]["pruning"] = {"method": "magnitude", "amount": a} if a else {"method": "none"}
    spec["optimizations"]["padding"] = p
    spec["task"]["batch_size"] = b
    run["environment"].pop("interleave", None)
    for m in entry["metrics"]:
        m["value"] = scaled_metric(m["key"], m["value"], factor, quality_loss)
    for s in entry["series"]:
        if scaled_series(s["name"]):
            s["value"] *= factor * rng.uniform(0.98, 1.02)
    entry["trace"] = []
    return entry


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        bundle = json.load(f)
    base = bundle["runs"][0]
    rng = random.Random(7)
    bundle["runs"] = [make_run(base, i, rng) for i in range(int(sys.argv[2]))]
    with open(sys.argv[3], "w") as f:
        json.dump(bundle, f)


if __name__ == "__main__":
    main()
