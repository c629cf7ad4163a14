#!/usr/bin/env python3
"""Makes tiny Llama-family checkpoints and reference outputs for the engine's tests:

    tests/data/hf/llama-tiny/    LlamaForCausalLM: 2 layers, hidden 32, 4 heads over 2 key/value
                                 heads, SwiGLU 48, llama3 rope scaling, untied lm_head
    tests/data/hf/qwen2-tiny/    Qwen2ForCausalLM: 4 heads over 1 key/value head, q/k/v biases,
                                 rope_theta 1e6, lm_head tied to the embeddings
    tests/data/hf/mistral-tiny/  MistralForCausalLM: head_dim 16 (not hidden / heads), linear rope
                                 scaling, a sliding window of 4 over 8 tokens

Each folder holds config.json (the fields transformers writes), model.safetensors with Hugging
Face's parameter names (llama-tiny and qwen2-tiny also the tokenizer files that
tools/decoder_tokenizer_reference.mjs writes, which their vocab_size of 300 fits), and reference.json: two rows of 8 token ids, the second left-padded by
3 (position ids from the mask, cumsum - 1, as transformers' generate computes them), the logits
at every position, the first row's mean next-token NLL, and both rows' greedy continuations (12
tokens, the whole sequence recomputed for each) with the smallest top-2 logit gap along them.

The reference is a plain-PyTorch REIMPLEMENTATION of transformers' LlamaModel, MistralModel and
Qwen2Model forward passes (eager attention, eval mode), written here from the transformers
sources, in float64 over the float32 weights; transformers itself is not installed here.

Run from the repository root with Debian's Python, which has python3-torch:
    /usr/bin/python3 tools/make_decoder_fixtures.py
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_hf_fixtures import OUT, rand, save_safetensors, tensor_summary, write_json  # noqa: E402


def inverse_frequencies(cfg, dim):
    """transformers' rope init functions: default, linear and llama3 (modeling_rope_utils)."""
    base = cfg["rope_theta"]
    inv = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    scaling = cfg.get("rope_scaling") or {}
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    if kind == "linear":
        return inv / scaling["factor"]
    if kind == "llama3":
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / low, old / high
        wavelen = 2 * math.pi / inv
        inv_llama = torch.where(wavelen > low_wavelen, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * inv_llama / factor + smooth * inv_llama
        medium = ~(wavelen < high_wavelen) * ~(wavelen > low_wavelen)
        return torch.where(medium, smoothed, inv_llama)
    return inv


def rms_norm(x, w, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return w * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def forward(cfg, w, ids, mask):
    """LlamaForCausalLM / MistralForCausalLM / Qwen2ForCausalLM logits, float64."""
    B, S = ids.shape
    E, NH = cfg["hidden_size"], cfg["num_attention_heads"]
    KV = cfg["num_key_value_heads"]
    D = cfg.get("head_dim") or E // NH
    eps = cfg["rms_norm_eps"]
    positions = (mask.long().cumsum(-1) - 1).masked_fill(mask == 0, 1)
    inv = inverse_frequencies(cfg, D)
    freqs = (inv[None, :, None].float() @ positions[:, None, :].float()).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos().double()[:, None], emb.sin().double()[:, None]  # [B, 1, S, D]

    causal = torch.ones(S, S, dtype=torch.bool).tril()
    window = cfg.get("sliding_window") if cfg["model_type"] == "mistral" else None
    if window:
        i = torch.arange(S)[:, None]
        causal &= (i - torch.arange(S)[None, :]) < window
    allowed = causal[None, None] & mask.bool()[:, None, None, :]
    bias = torch.zeros(B, 1, S, S, dtype=torch.float64).masked_fill(~allowed, torch.finfo(torch.float64).min)

    x = w["model.embed_tokens.weight"][ids]
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."

        def proj(name, t):
            out = t @ w[p + name + ".weight"].T
            return out + w[p + name + ".bias"] if (p + name + ".bias") in w else out

        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = proj("self_attn.q_proj", h).view(B, S, NH, D).transpose(1, 2)
        k = proj("self_attn.k_proj", h).view(B, S, KV, D).transpose(1, 2)
        v = proj("self_attn.v_proj", h).view(B, S, KV, D).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        rep = NH // KV
        k = k[:, :, None].expand(B, KV, rep, S, D).reshape(B, NH, S, D)  # repeat_kv
        v = v[:, :, None].expand(B, KV, rep, S, D).reshape(B, NH, S, D)
        scores = q @ k.transpose(2, 3) / math.sqrt(D) + bias
        context = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(B, S, NH * D)
        x = x + proj("self_attn.o_proj", context)
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gated = torch.nn.functional.silu(proj("mlp.gate_proj", h)) * proj("mlp.up_proj", h)
        x = x + proj("mlp.down_proj", gated)
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w.get("lm_head.weight", w["model.embed_tokens.weight"])
    return x @ head.T


def make_weights(gen, cfg):
    E, NH, KV, I, V = (cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"],
                       cfg["intermediate_size"], cfg["vocab_size"])
    D = cfg.get("head_dim") or E // NH
    qkv_bias = cfg["model_type"] == "qwen2" or cfg.get("attention_bias", False)
    w = {"model.embed_tokens.weight": rand(gen, V, E, std=0.5)}
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        w[p + "input_layernorm.weight"] = 1 + rand(gen, E, std=0.1)
        w[p + "post_attention_layernorm.weight"] = 1 + rand(gen, E, std=0.1)
        for name, out, inp in (("q_proj", NH * D, E), ("k_proj", KV * D, E), ("v_proj", KV * D, E),
                               ("o_proj", E, NH * D)):
            w[p + "self_attn." + name + ".weight"] = rand(gen, out, inp)
            if qkv_bias and name != "o_proj":
                w[p + "self_attn." + name + ".bias"] = rand(gen, out, std=0.1)
        w[p + "mlp.gate_proj.weight"] = rand(gen, I, E)
        w[p + "mlp.up_proj.weight"] = rand(gen, I, E)
        w[p + "mlp.down_proj.weight"] = rand(gen, E, I)
    w["model.norm.weight"] = 1 + rand(gen, E, std=0.1)
    if not cfg["tie_word_embeddings"]:
        w["lm_head.weight"] = rand(gen, V, E, std=0.3)
    return w


# New tokens of the greedy continuations in reference.json.
GREEDY_TOKENS = 12


def greedy_continuations(cfg, w, ids, mask, count):
    """Greedy decoding by recomputing the whole sequence for every token (no cache), as
    transformers' generate with do_sample=False chooses: the argmax of the last logits. Returns
    the new tokens [B, count] and the smallest gap between the best and second-best logit."""
    seq, m, margin = ids.clone(), mask.clone(), float("inf")
    for _ in range(count):
        last = forward(cfg, w, seq, m)[:, -1]
        top = last.topk(2, dim=-1).values
        margin = min(margin, float((top[:, 0] - top[:, 1]).min()))
        seq = torch.cat([seq, last.argmax(-1, keepdim=True)], 1)
        m = torch.cat([m, torch.ones(m.size(0), 1, dtype=m.dtype)], 1)
    return seq[:, ids.size(1):], margin


def make(folder, cfg, seed):
    os.makedirs(folder, exist_ok=True)
    gen = torch.Generator().manual_seed(seed)
    w = make_weights(gen, cfg)
    save_safetensors(w, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    write_json(os.path.join(folder, "config.json"), cfg)
    V = cfg["vocab_size"]
    ids = torch.randint(3, V, (2, 8), generator=gen)
    mask = torch.ones(2, 8, dtype=torch.long)
    mask[1, :3] = 0
    ids[1, :3] = cfg["pad_token_id"]
    logits = forward(cfg, {n: t.double() for n, t in w.items()}, ids, mask)
    # Row 0's mean negative log-likelihood of each next token.
    logp = torch.log_softmax(logits[0, :-1], dim=-1)
    nll = -logp.gather(-1, ids[0, 1:, None]).mean()
    greedy, margin = greedy_continuations(cfg, {n: t.double() for n, t in w.items()}, ids, mask, GREEDY_TOKENS)
    write_json(os.path.join(folder, "reference.json"), {
        "generator": "tools/make_decoder_fixtures.py (plain-PyTorch reimplementation of transformers' "
                     "Llama/Mistral/Qwen2 forward, float64)",
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(), "logits": logits.tolist(),
        "mean_nll_row0": float(nll), "tensors": tensor_summary(w),
        "greedy": greedy.tolist(), "greedy_min_margin": margin,
        "note": "row 1 is left-padded; position ids are cumsum(mask) - 1, as generate computes them",
    })


def base_config(architecture, model_type, **extra):
    cfg = {"architectures": [architecture], "model_type": model_type, "vocab_size": 64, "hidden_size": 32,
           "intermediate_size": 48, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
           "max_position_embeddings": 64, "hidden_act": "silu", "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
           "tie_word_embeddings": False, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0,
           "torch_dtype": "float32", "transformers_version": "4.46.0"}
    cfg.update(extra)
    return cfg


# llama-tiny and qwen2-tiny carry tokenizer.json files (tools/decoder_tokenizer_reference.mjs):
# 256 byte symbols, 41 merges, then <|begin_of_text|>, <|end_of_text|> and <|pad|>.
TOKENIZED = {"vocab_size": 300, "bos_token_id": 297, "eos_token_id": 298, "pad_token_id": 299}


if __name__ == "__main__":
    torch.set_grad_enabled(False)
    make(os.path.join(OUT, "llama-tiny"),
         base_config("LlamaForCausalLM", "llama", head_dim=8, **TOKENIZED, attention_bias=False, mlp_bias=False,
                     rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                   "high_freq_factor": 4.0, "original_max_position_embeddings": 16}), 11)
    make(os.path.join(OUT, "qwen2-tiny"),
         base_config("Qwen2ForCausalLM", "qwen2", num_key_value_heads=1, **TOKENIZED, rope_theta=1000000.0,
                     tie_word_embeddings=True, use_sliding_window=False, sliding_window=4096), 12)
    make(os.path.join(OUT, "mistral-tiny"),
         base_config("MistralForCausalLM", "mistral", head_dim=16, sliding_window=4,
                     rope_scaling={"type": "linear", "factor": 2.0}), 13)
    print("wrote", OUT)
