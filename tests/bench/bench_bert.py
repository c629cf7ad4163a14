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


def add_shape_arguments(ap):
    """The stack's shape options, BERT-base by default (export_bert.py takes the same)."""
    for name, default in (("layers", 12), ("hidden", 768), ("heads", 12), ("intermediate", 3072), ("batch", 8),
                          ("seq", 128)):
        ap.add_argument("--" + name, type=int, default=default)


def build_layers(n_layers, hidden, intermediate, batch, seq):
    """Random weights (seed 0) and the input, in the order every reference draws them
    (tests/bench/ort/export_bert.py builds the same ones)."""
    torch.manual_seed(0)
    H, I = hidden, intermediate
    lin = lambda o, i: torch.nn.Linear(i, o)
    layers = [dict(q=lin(H, H), k=lin(H, H), v=lin(H, H), o=lin(H, H), ln1=torch.nn.LayerNorm(H, eps=1e-12),
                   i=lin(I, H), out=lin(H, I), ln2=torch.nn.LayerNorm(H, eps=1e-12)) for _ in range(n_layers)]
    x0 = torch.randn(batch, seq, H)
    return layers, x0


def encoder_forward(layers, heads, x, mask, shape=None):
    """The encoder stack as transformers' BertModel computes it. shape (B, S, H) fixes the sizes
    for an ONNX export with constant shapes; by default they are x's."""
    B, S, H = shape or x.shape
    d = H // heads
    for L in layers:
        split = lambda t: t.view(B, S, heads, d).transpose(1, 2)
        q, k, v = split(L["q"](x)), split(L["k"](x)), split(L["v"](x))
        p = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + mask, -1)
        ctx = (p @ v).transpose(1, 2).reshape(B, S, H)
        x = L["ln1"](L["o"](ctx) + x)
        x = L["ln2"](L["out"](F.gelu(L["i"](x))) + x)
    return x


def main():
    ap = argparse.ArgumentParser()
    add_shape_arguments(ap)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    layers, x0 = build_layers(a.layers, a.hidden, a.intermediate, a.batch, a.seq)
    mask = torch.zeros(a.batch, 1, 1, a.seq)
    forward = lambda x: encoder_forward(layers, a.heads, x, mask)

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
