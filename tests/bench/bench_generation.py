#!/usr/bin/env python3
"""PyTorch eager reference for bench_generation: a Llama-shaped decoder (random weights) generating
greedily with a plain KV-cache loop, as transformers' LlamaForCausalLM computes it (RMSNorm in fp32,
rotate-half rotary embeddings, grouped-query attention, SwiGLU, tied head). Times the prompt's pass
(time to first token) and each later token, with the same prompt, new tokens and thread count.
Prints one JSON line: {"dtype": ..., "ttft_ms": [...], "decode_tokens_per_s": [...], "torch": ...}.
Reference computation only; OptiBench never depends on Python at run time."""
import argparse
import json
import time

import torch
import torch.nn.functional as F


def build(args, dtype):
    torch.manual_seed(0)
    H, I, V, D = args.hidden, args.intermediate, args.vocab, args.hidden // args.heads
    kv = args.kv_heads
    w = lambda o, i: (torch.randn(o, i) * 0.02).to(dtype)
    layers = [dict(q=w(H, H), k=w(kv * D, H), v=w(kv * D, H), o=w(H, H), gate=w(I, H), up=w(I, H), down=w(H, I),
                   n1=torch.ones(H, dtype=dtype), n2=torch.ones(H, dtype=dtype)) for _ in range(args.layers)]
    return dict(layers=layers, embed=w(V, H), norm=torch.ones(H, dtype=dtype))


def rms_norm(x, weight, eps=1e-5):
    h = x.float()
    h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + eps)
    return weight * h.to(x.dtype)


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = torch.cat((-x[..., half:], x[..., :half]), -1)
    return x * cos + rotated * sin


def forward(model, args, ids, cache, start):
    B, S = ids.shape
    H, heads, kv = args.hidden, args.heads, args.kv_heads
    D = H // heads
    pos = torch.arange(start, start + S)
    inv = 1.0 / (args.rope_theta ** (torch.arange(0, D, 2).float() / D))
    freqs = torch.outer(pos.float(), inv)
    emb = torch.cat((freqs, freqs), -1)
    cos, sin = emb.cos().to(model["embed"].dtype), emb.sin().to(model["embed"].dtype)
    x = F.embedding(ids, model["embed"])
    for i, L in enumerate(model["layers"]):
        a = rms_norm(x, L["n1"])
        q = F.linear(a, L["q"]).view(B, S, heads, D).transpose(1, 2)
        k = F.linear(a, L["k"]).view(B, S, kv, D).transpose(1, 2)
        v = F.linear(a, L["v"]).view(B, S, kv, D).transpose(1, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        if cache[i] is not None:
            k = torch.cat((cache[i][0], k), 2)
            v = torch.cat((cache[i][1], v), 2)
        cache[i] = (k, v)
        T = k.shape[2]
        kk = k.repeat_interleave(heads // kv, 1)
        vv = v.repeat_interleave(heads // kv, 1)
        scores = q @ kk.transpose(-1, -2) / D ** 0.5
        causal = torch.ones(S, T, dtype=torch.bool).tril(T - S)
        scores = scores.masked_fill(~causal, float("-inf"))
        ctx = (scores.float().softmax(-1).to(q.dtype) @ vv).transpose(1, 2).reshape(B, S, H)
        x = x + F.linear(ctx, L["o"])
        m = rms_norm(x, L["n2"])
        x = x + F.linear(F.silu(F.linear(m, L["gate"])) * F.linear(m, L["up"]), L["down"])
    return F.linear(rms_norm(x[:, -1:], model["norm"]), model["embed"])[:, -1]


def generate_once(model, args):
    ids = torch.randint(0, args.vocab, (args.batch, args.prompt), generator=torch.Generator().manual_seed(1))
    cache = [None] * args.layers
    t0 = time.perf_counter()
    logits = forward(model, args, ids, cache, 0)
    token = logits.argmax(-1, keepdim=True)
    ttft = time.perf_counter() - t0
    t1 = time.perf_counter()
    for step in range(1, args.new_tokens):
        logits = forward(model, args, token, cache, args.prompt + step - 1)
        token = logits.argmax(-1, keepdim=True)
    decode = time.perf_counter() - t1
    return ttft * 1e3, (args.new_tokens - 1) * args.batch / decode


def main():
    ap = argparse.ArgumentParser()
    for name, default in (("layers", 30), ("hidden", 576), ("heads", 9), ("kv-heads", 3), ("intermediate", 1536),
                          ("vocab", 49152), ("batch", 1), ("prompt", 128), ("new-tokens", 128), ("threads", 2),
                          ("repeats", 3)):
        ap.add_argument("--" + name, type=int, default=default)
    ap.add_argument("--rope-theta", type=float, default=100000.0)
    ap.add_argument("--dtype", choices=("fp32", "bf16"), default="fp32")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model = build(args, torch.float32 if args.dtype == "fp32" else torch.bfloat16)
    ttft, rates = [], []
    with torch.inference_mode():
        generate_once(model, args)  # warm-up
        for _ in range(args.repeats):
            t, r = generate_once(model, args)
            ttft.append(t)
            rates.append(r)
    print(json.dumps({"dtype": args.dtype, "ttft_ms": ttft, "decode_tokens_per_s": rates, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
