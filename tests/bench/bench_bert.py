#!/usr/bin/env python3
"""PyTorch eager reference for bench_engine: a BERT-base-shaped encoder forward (random weights),
written as transformers' BertModel computes it, timed with the same batch and thread count.
Prints one JSON line: {"ms": [...], "median_ms": ..., "torch": ...}.
Reference computation only; OptiBench never depends on Python at run time."""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=768)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--intermediate", type=int, default=3072)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    H, I, nh = a.hidden, a.intermediate, a.heads
    d = H // nh
    lin = lambda o, i: torch.nn.Linear(i, o)
    layers = [dict(q=lin(H, H), k=lin(H, H), v=lin(H, H), o=lin(H, H), ln1=torch.nn.LayerNorm(H, eps=1e-12),
                   i=lin(I, H), out=lin(H, I), ln2=torch.nn.LayerNorm(H, eps=1e-12)) for _ in range(a.layers)]
    x0 = torch.randn(a.batch, a.seq, H)
    mask = torch.zeros(a.batch, 1, 1, a.seq)

    def forward(x):
        B, S, _ = x.shape
        for L in layers:
            split = lambda t: t.view(B, S, nh, d).transpose(1, 2)
            q, k, v = split(L["q"](x)), split(L["k"](x)), split(L["v"](x))
            p = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + mask, -1)
            ctx = (p @ v).transpose(1, 2).reshape(B, S, H)
            x = L["ln1"](L["o"](ctx) + x)
            x = L["ln2"](L["out"](F.gelu(L["i"](x))) + x)
        return x

    times = []
    with torch.inference_mode():
        for _ in range(a.warmup):
            forward(x0)
        for _ in range(a.iterations):
            t0 = time.perf_counter()
            forward(x0)
            times.append((time.perf_counter() - t0) * 1000.0)
    print(json.dumps({"ms": times, "median_ms": sorted(times)[len(times) // 2], "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
