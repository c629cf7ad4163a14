#!/usr/bin/env python3
"""Makes tiny Hugging Face-layout checkpoints and reference outputs for the engine's tests:

    tests/data/hf/bert-tiny/   BertForSequenceClassification (2 layers, hidden 32, 4 heads,
                               intermediate 64, vocab 100, 3 labels)
    tests/data/hf/gpt2-tiny/   GPT2LMHeadModel (2 layers, n_embd 32, 4 heads, byte-level vocab
                               of 256 bytes + a few merges + <|endoftext|>)
    tests/data/hf/roberta-tiny/ RobertaForSequenceClassification (2 layers, hidden 32, 4 heads,
                               byte-level BPE with <s> <pad> </s> <unk> <mask>, 2 labels)
    tests/data/hf/distilbert-tiny/ DistilBertForSequenceClassification (2 layers, dim 32,
                               4 heads, WordPiece vocab of bert-tiny, 2 labels)
    tests/data/hf/torchscript-tiny/tiny-classifier.pt  a scripted module (embedding, masked mean,
                               linear) taking token ids and attention mask, with reference logits

Each folder holds config.json (the fields transformers writes), model.safetensors (written by
the small writer below, with Hugging Face parameter names), the tokenizer files, and
reference.json: fixed input ids with an attention mask that has padding, and the logits.

The logits come from a plain-PyTorch REIMPLEMENTATION of transformers' forward passes
(BertModel + BertForSequenceClassification, GPT2Model + GPT2LMHeadModel, eval mode), written
in this file from the transformers sources; it is not transformers itself, which is not
installed here. The additive mask uses torch.finfo(float32).min as transformers does.

Run from the repository root with Debian's Python, which has python3-torch:
    /usr/bin/python3 tools/make_hf_fixtures.py
"""
import json
import math
import os
import struct

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "hf")

DTYPES = {torch.float64: ("F64", 8), torch.float32: ("F32", 4), torch.float16: ("F16", 2),
          torch.bfloat16: ("BF16", 2), torch.int64: ("I64", 8), torch.int32: ("I32", 4),
          torch.int16: ("I16", 2), torch.int8: ("I8", 1), torch.uint8: ("U8", 1), torch.bool: ("BOOL", 1)}


def save_safetensors(tensors, path, metadata=None):
    """A minimal safetensors writer: tensors ordered by dtype size then name, header padded
    with spaces to a multiple of 8, little-endian data."""
    order = sorted(tensors.items(), key=lambda kv: (-DTYPES[kv[1].dtype][1], kv[0]))
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in order:
        t = t.detach().contiguous().cpu()
        data = t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def layer_norm(x, w, b, eps):
    return torch.nn.functional.layer_norm(x, (x.shape[-1],), w, b, eps)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def rand(gen, *shape, std=0.2):
    return torch.randn(*shape, generator=gen) * std


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


def tensor_summary(tensors):
    return {n: {"shape": list(t.shape), "sum": float(t.double().sum()), "first": float(t.flatten()[0])}
            for n, t in tensors.items() if t.numel() > 0}


# --- BERT -----------------------------------------------------------------------------------

BERT_WORDS = ("the of and to in a is was for on that with as by it he at from his an were are "
              "which this be or has had not but first one their its new after who they have her "
              "she two been other when there all during into school time may years more most only "
              "over city some world would where later up such used many can state about national "
              "out known university united then made good bad movie film great love hate fine okay "
              "story plot actor music scene end").split()


def make_bert(folder):
    gen = torch.Generator().manual_seed(1234)
    H, L, NH, I, V, P, T, NL = 32, 2, 4, 64, 100, 64, 2, 3
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + BERT_WORDS + ["##s", "##ing", "##ed"]
    vocab = vocab[:V]
    assert len(vocab) == V, len(vocab)
    config = {
        "_name_or_path": "optibench/bert-tiny", "architectures": ["BertForSequenceClassification"],
        "attention_probs_dropout_prob": 0.1, "classifier_dropout": None, "gradient_checkpointing": False,
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": H,
        "id2label": {"0": "negative", "1": "neutral", "2": "positive"},
        "label2id": {"negative": 0, "neutral": 1, "positive": 2}, "initializer_range": 0.02,
        "intermediate_size": I, "layer_norm_eps": 1e-12, "max_position_embeddings": P, "model_type": "bert",
        "num_attention_heads": NH, "num_hidden_layers": L, "pad_token_id": 0,
        "position_embedding_type": "absolute", "torch_dtype": "float32", "transformers_version": "4.36.2",
        "type_vocab_size": T, "use_cache": True, "vocab_size": V,
    }
    w = {}
    e = "bert.embeddings."
    w[e + "word_embeddings.weight"] = rand(gen, V, H)
    w[e + "position_embeddings.weight"] = rand(gen, P, H)
    w[e + "token_type_embeddings.weight"] = rand(gen, T, H)
    w[e + "LayerNorm.weight"] = 1.0 + rand(gen, H, std=0.1)
    w[e + "LayerNorm.bias"] = rand(gen, H, std=0.1)
    w[e + "position_ids"] = torch.arange(P, dtype=torch.int64).unsqueeze(0)
    for l in range(L):
        p = f"bert.encoder.layer.{l}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = rand(gen, H, H)
            w[p + f"attention.self.{name}.bias"] = rand(gen, H, std=0.1)
        w[p + "attention.output.dense.weight"] = rand(gen, H, H)
        w[p + "attention.output.dense.bias"] = rand(gen, H, std=0.1)
        w[p + "attention.output.LayerNorm.weight"] = 1.0 + rand(gen, H, std=0.1)
        w[p + "attention.output.LayerNorm.bias"] = rand(gen, H, std=0.1)
        w[p + "intermediate.dense.weight"] = rand(gen, I, H)
        w[p + "intermediate.dense.bias"] = rand(gen, I, std=0.1)
        w[p + "output.dense.weight"] = rand(gen, H, I)
        w[p + "output.dense.bias"] = rand(gen, H, std=0.1)
        w[p + "output.LayerNorm.weight"] = 1.0 + rand(gen, H, std=0.1)
        w[p + "output.LayerNorm.bias"] = rand(gen, H, std=0.1)
    w["bert.pooler.dense.weight"] = rand(gen, H, H)
    w["bert.pooler.dense.bias"] = rand(gen, H, std=0.1)
    w["classifier.weight"] = rand(gen, NL, H)
    w["classifier.bias"] = rand(gen, NL, std=0.1)

    # [CLS] the movie was great [SEP] / [CLS] bad film [SEP] [PAD] [PAD] [PAD]; the second row
    # also uses token type 1 for its last real token to exercise token_type_embeddings.
    tok = {t: i for i, t in enumerate(vocab)}
    rows = [["[CLS]", "the", "movie", "was", "great", "##s", "[SEP]", "[SEP]"],
            ["[CLS]", "bad", "film", "[SEP]", "good", "[PAD]", "[PAD]", "[PAD]"]]
    ids = torch.tensor([[tok[t] for t in r] for r in rows])
    mask = (ids != 0).long()
    types = torch.tensor([[0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0, 0, 0]])

    with torch.no_grad():
        B, S = ids.shape
        x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][torch.arange(S)] \
            + w[e + "token_type_embeddings.weight"][types]
        x = layer_norm(x, w[e + "LayerNorm.weight"], w[e + "LayerNorm.bias"], config["layer_norm_eps"])
        ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        hd = H // NH
        for l in range(L):
            p = f"bert.encoder.layer.{l}."
            lin = lambda t, n: t @ w[p + n + ".weight"].T + w[p + n + ".bias"]
            heads = lambda t: t.view(B, S, NH, hd).transpose(1, 2)
            q, k, v = (heads(lin(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
            scores = q @ k.transpose(-1, -2) / math.sqrt(hd) + ext
            ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, H)
            a = layer_norm(lin(ctx, "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"],
                           w[p + "attention.output.LayerNorm.bias"], config["layer_norm_eps"])
            inter = torch.nn.functional.gelu(lin(a, "intermediate.dense"))
            x = layer_norm(lin(inter, "output.dense") + a, w[p + "output.LayerNorm.weight"],
                           w[p + "output.LayerNorm.bias"], config["layer_norm_eps"])
        pooled = torch.tanh(x[:, 0] @ w["bert.pooler.dense.weight"].T + w["bert.pooler.dense.bias"])
        logits = pooled @ w["classifier.weight"].T + w["classifier.bias"]

    os.makedirs(folder, exist_ok=True)
    write_json(os.path.join(folder, "config.json"), config)
    save_safetensors(w, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    write_json(os.path.join(folder, "tokenizer_config.json"),
               {"do_lower_case": True, "model_max_length": P, "tokenizer_class": "BertTokenizer"})
    write_json(os.path.join(folder, "reference.json"), {
        "generator": "tools/make_hf_fixtures.py (plain-PyTorch reimplementation of the transformers forward)",
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(), "token_type_ids": types.tolist(),
        "logits": logits.tolist(), "last_hidden_state": x.tolist(), "tensors": tensor_summary(w),
    })


# --- GPT-2 ----------------------------------------------------------------------------------

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def make_gpt2(folder):
    gen = torch.Generator().manual_seed(4321)
    E, L, NH, P = 32, 2, 4, 64
    byte_tokens = [bytes_to_unicode()[b] for b in range(256)]
    merges = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "a"), ("i", "n"), ("Ġ", "w"), ("o", "r"),
              ("Ġw", "or"), ("l", "d"), ("Ġwor", "ld"), ("e", "r"), ("Ġ", "s"), ("a", "t"), ("o", "n")]
    vocab = byte_tokens + [a + b for a, b in merges] + ["<|endoftext|>"]
    V = len(vocab)
    eos = V - 1
    config = {
        "_name_or_path": "optibench/gpt2-tiny", "activation_function": "gelu_new",
        "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1, "bos_token_id": eos, "embd_pdrop": 0.1,
        "eos_token_id": eos, "initializer_range": 0.02, "layer_norm_epsilon": 1e-05, "model_type": "gpt2",
        "n_ctx": P, "n_embd": E, "n_head": NH, "n_inner": None, "n_layer": L, "n_positions": P,
        "reorder_and_upcast_attn": False, "resid_pdrop": 0.1, "scale_attn_by_inverse_layer_idx": False,
        "scale_attn_weights": True, "summary_activation": None, "summary_first_dropout": 0.1,
        "summary_proj_to_labels": True, "summary_type": "cls_index", "summary_use_proj": True,
        "torch_dtype": "float32", "transformers_version": "4.36.2", "use_cache": True, "vocab_size": V,
    }
    I = 4 * E  # n_inner null
    w = {}
    w["transformer.wte.weight"] = rand(gen, V, E)
    w["transformer.wpe.weight"] = rand(gen, P, E, std=0.05)
    for l in range(L):
        p = f"transformer.h.{l}."
        w[p + "ln_1.weight"] = 1.0 + rand(gen, E, std=0.1)
        w[p + "ln_1.bias"] = rand(gen, E, std=0.1)
        # Conv1D stores its weight as [in, out]: y = x @ W + b.
        w[p + "attn.c_attn.weight"] = rand(gen, E, 3 * E)
        w[p + "attn.c_attn.bias"] = rand(gen, 3 * E, std=0.1)
        w[p + "attn.c_proj.weight"] = rand(gen, E, E)
        w[p + "attn.c_proj.bias"] = rand(gen, E, std=0.1)
        w[p + "ln_2.weight"] = 1.0 + rand(gen, E, std=0.1)
        w[p + "ln_2.bias"] = rand(gen, E, std=0.1)
        w[p + "mlp.c_fc.weight"] = rand(gen, E, I)
        w[p + "mlp.c_fc.bias"] = rand(gen, I, std=0.1)
        w[p + "mlp.c_proj.weight"] = rand(gen, I, E)
        w[p + "mlp.c_proj.bias"] = rand(gen, E, std=0.1)
    w["transformer.ln_f.weight"] = 1.0 + rand(gen, E, std=0.1)
    w["transformer.ln_f.bias"] = rand(gen, E, std=0.1)
    # lm_head.weight is tied to transformer.wte.weight; transformers' safetensors export leaves
    # the tied copy out, so the loader must tie it.

    ids = torch.randint(0, V - 1, (2, 8), generator=gen)
    mask = torch.ones_like(ids)
    ids[1, 5:] = eos  # right padding with <|endoftext|>, masked out
    mask[1, 5:] = 0

    with torch.no_grad():
        B, S = ids.shape
        hd = E // NH
        eps = config["layer_norm_epsilon"]
        x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][torch.arange(S)]
        causal = torch.tril(torch.ones(S, S, dtype=torch.bool))
        fmin = torch.finfo(torch.float32).min
        ext = (1.0 - mask[:, None, None, :].float()) * fmin
        for l in range(L):
            p = f"transformer.h.{l}."
            conv = lambda t, n: t @ w[p + n + ".weight"] + w[p + n + ".bias"]
            a = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
            q, k, v = conv(a, "attn.c_attn").split(E, dim=2)
            heads = lambda t: t.view(B, S, NH, hd).transpose(1, 2)
            q, k, v = heads(q), heads(k), heads(v)
            att = q @ k.transpose(-1, -2) / math.sqrt(hd)
            att = torch.where(causal, att, torch.tensor(fmin)) + ext
            ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, S, E)
            x = x + conv(ctx, "attn.c_proj")
            m = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
            x = x + conv(gelu_new(conv(m, "mlp.c_fc")), "mlp.c_proj")
        x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
        logits = x @ w["transformer.wte.weight"].T

    os.makedirs(folder, exist_ok=True)
    write_json(os.path.join(folder, "config.json"), config)
    save_safetensors(w, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    write_json(os.path.join(folder, "vocab.json"), {t: i for i, t in enumerate(vocab)})
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    write_json(os.path.join(folder, "tokenizer_config.json"),
               {"model_max_length": P, "tokenizer_class": "GPT2Tokenizer", "eos_token": "<|endoftext|>"})
    write_json(os.path.join(folder, "reference.json"), {
        "generator": "tools/make_hf_fixtures.py (plain-PyTorch reimplementation of the transformers forward)",
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
        "logits": logits.tolist(), "tensors": tensor_summary(w),
        "note": "lm_head.weight is tied to transformer.wte.weight and not stored; position ids are 0..S-1 "
                "for every row (right padding)",
    })


# --- RoBERTa --------------------------------------------------------------------------------

def encoder_layers(w, x, ext, names, L, B, S, H, NH, eps, act):
    """The BERT-family encoder layer (post-LayerNorm) under one family's module names."""
    hd = H // NH
    for l in range(L):
        p = names["layer"] + f"{l}."
        lin = lambda t, n: t @ w[p + n + ".weight"].T + w[p + n + ".bias"]
        heads = lambda t: t.view(B, S, NH, hd).transpose(1, 2)
        q, k, v = (heads(lin(x, names[n])) for n in ("q", "k", "v"))
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd) + ext
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, H)
        a = layer_norm(lin(ctx, names["o"]) + x, w[p + names["ln1"] + ".weight"], w[p + names["ln1"] + ".bias"], eps)
        inter = act(lin(a, names["i"]))
        x = layer_norm(lin(inter, names["out"]) + a, w[p + names["ln2"] + ".weight"], w[p + names["ln2"] + ".bias"], eps)
    return x


def encoder_weights(gen, w, names, L, H, I):
    for l in range(L):
        p = names["layer"] + f"{l}."
        for n, (o, i) in (("q", (H, H)), ("k", (H, H)), ("v", (H, H)), ("o", (H, H)), ("i", (I, H)), ("out", (H, I))):
            w[p + names[n] + ".weight"] = rand(gen, o, i)
            w[p + names[n] + ".bias"] = rand(gen, o, std=0.1)
        for n in ("ln1", "ln2"):
            w[p + names[n] + ".weight"] = 1.0 + rand(gen, H, std=0.1)
            w[p + names[n] + ".bias"] = rand(gen, H, std=0.1)


def make_roberta(folder):
    gen = torch.Generator().manual_seed(2468)
    H, L, NH, I, P, NL, PAD = 32, 2, 4, 64, 40, 2, 1
    byte_tokens = [bytes_to_unicode()[b] for b in range(256)]
    merges = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "g"), ("o", "o"), ("Ġg", "oo"), ("Ġgoo", "d"),
              ("Ġ", "m"), ("o", "v"), ("i", "e"), ("Ġm", "ov"), ("Ġmov", "ie")]
    vocab = ["<s>", "<pad>", "</s>", "<unk>"] + byte_tokens + [a + b for a, b in merges] + ["<mask>"]
    V = len(vocab)
    config = {
        "_name_or_path": "optibench/roberta-tiny", "architectures": ["RobertaForSequenceClassification"],
        "attention_probs_dropout_prob": 0.1, "bos_token_id": 0, "classifier_dropout": None, "eos_token_id": 2,
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": H,
        "id2label": {"0": "NEGATIVE", "1": "POSITIVE"}, "label2id": {"NEGATIVE": 0, "POSITIVE": 1},
        "initializer_range": 0.02, "intermediate_size": I, "layer_norm_eps": 1e-05, "max_position_embeddings": P,
        "model_type": "roberta", "num_attention_heads": NH, "num_hidden_layers": L, "pad_token_id": PAD,
        "position_embedding_type": "absolute", "torch_dtype": "float32", "transformers_version": "4.36.2",
        "type_vocab_size": 1, "use_cache": True, "vocab_size": V,
    }
    names = {"layer": "roberta.encoder.layer.", "q": "attention.self.query", "k": "attention.self.key",
             "v": "attention.self.value", "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
             "i": "intermediate.dense", "out": "output.dense", "ln2": "output.LayerNorm"}
    w = {}
    e = "roberta.embeddings."
    w[e + "word_embeddings.weight"] = rand(gen, V, H)
    w[e + "position_embeddings.weight"] = rand(gen, P, H)
    w[e + "token_type_embeddings.weight"] = rand(gen, 1, H)
    w[e + "LayerNorm.weight"] = 1.0 + rand(gen, H, std=0.1)
    w[e + "LayerNorm.bias"] = rand(gen, H, std=0.1)
    encoder_weights(gen, w, names, L, H, I)
    w["classifier.dense.weight"] = rand(gen, H, H)
    w["classifier.dense.bias"] = rand(gen, H, std=0.1)
    w["classifier.out_proj.weight"] = rand(gen, NL, H)
    w["classifier.out_proj.bias"] = rand(gen, NL, std=0.1)

    # <s> the good movie </s> / <s> the movie </s> <pad> <pad>: positions of the padded row stop
    # counting at the padding (create_position_ids_from_input_ids).
    tok = {t: i for i, t in enumerate(vocab)}
    rows = [["<s>", "Ġthe", "Ġgood", "Ġmovie", "!", "</s>"], ["<s>", "Ġthe", "Ġmovie", "</s>", "<pad>", "<pad>"]]
    ids = torch.tensor([[tok[t] for t in r] for r in rows])
    mask = (ids != PAD).long()
    with torch.no_grad():
        B, S = ids.shape
        nonpad = (ids != PAD).int()
        positions = (torch.cumsum(nonpad, dim=1) * nonpad).long() + PAD
        x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][positions] \
            + w[e + "token_type_embeddings.weight"][torch.zeros_like(ids)]
        eps = config["layer_norm_eps"]
        x = layer_norm(x, w[e + "LayerNorm.weight"], w[e + "LayerNorm.bias"], eps)
        ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        x = encoder_layers(w, x, ext, names, L, B, S, H, NH, eps, torch.nn.functional.gelu)
        h = torch.tanh(x[:, 0] @ w["classifier.dense.weight"].T + w["classifier.dense.bias"])
        logits = h @ w["classifier.out_proj.weight"].T + w["classifier.out_proj.bias"]

    os.makedirs(folder, exist_ok=True)
    write_json(os.path.join(folder, "config.json"), config)
    save_safetensors(w, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    write_json(os.path.join(folder, "vocab.json"), {t: i for i, t in enumerate(vocab)})
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    write_json(os.path.join(folder, "tokenizer_config.json"),
               {"model_max_length": P - PAD - 1, "tokenizer_class": "RobertaTokenizer"})
    write_json(os.path.join(folder, "reference.json"), {
        "generator": "tools/make_hf_fixtures.py (plain-PyTorch reimplementation of the transformers forward)",
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(), "position_ids": positions.tolist(),
        "logits": logits.tolist(), "tensors": tensor_summary(w),
        "text": " the good movie!",  # leading space: the first word is "Ġthe", as in row 0
    })


# --- DistilBERT -----------------------------------------------------------------------------

def make_distilbert(folder):
    gen = torch.Generator().manual_seed(1357)
    H, L, NH, I, V, P, NL = 32, 2, 4, 64, 100, 64, 2
    vocab = (["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + BERT_WORDS + ["##s", "##ing", "##ed"])[:V]
    config = {
        "_name_or_path": "optibench/distilbert-tiny", "activation": "gelu",
        "architectures": ["DistilBertForSequenceClassification"], "attention_dropout": 0.1, "dim": H,
        "dropout": 0.1, "hidden_dim": I, "id2label": {"0": "NEGATIVE", "1": "POSITIVE"},
        "label2id": {"NEGATIVE": 0, "POSITIVE": 1}, "initializer_range": 0.02, "max_position_embeddings": P,
        "model_type": "distilbert", "n_heads": NH, "n_layers": L, "pad_token_id": 0, "qa_dropout": 0.1,
        "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": False, "tie_weights_": True,
        "torch_dtype": "float32", "transformers_version": "4.36.2", "vocab_size": V,
    }
    names = {"layer": "distilbert.transformer.layer.", "q": "attention.q_lin", "k": "attention.k_lin",
             "v": "attention.v_lin", "o": "attention.out_lin", "ln1": "sa_layer_norm", "i": "ffn.lin1",
             "out": "ffn.lin2", "ln2": "output_layer_norm"}
    w = {}
    e = "distilbert.embeddings."
    w[e + "word_embeddings.weight"] = rand(gen, V, H)
    w[e + "position_embeddings.weight"] = rand(gen, P, H)
    w[e + "LayerNorm.weight"] = 1.0 + rand(gen, H, std=0.1)
    w[e + "LayerNorm.bias"] = rand(gen, H, std=0.1)
    encoder_weights(gen, w, names, L, H, I)
    w["pre_classifier.weight"] = rand(gen, H, H)
    w["pre_classifier.bias"] = rand(gen, H, std=0.1)
    w["classifier.weight"] = rand(gen, NL, H)
    w["classifier.bias"] = rand(gen, NL, std=0.1)

    tok = {t: i for i, t in enumerate(vocab)}
    rows = [["[CLS]", "the", "movie", "was", "great", "[SEP]"], ["[CLS]", "bad", "film", "[SEP]", "[PAD]", "[PAD]"]]
    ids = torch.tensor([[tok[t] for t in r] for r in rows])
    mask = (ids != 0).long()
    with torch.no_grad():
        B, S = ids.shape
        eps = 1e-12
        x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][torch.arange(S)]
        x = layer_norm(x, w[e + "LayerNorm.weight"], w[e + "LayerNorm.bias"], eps)
        # DistilBERT fills masked scores with finfo.min instead of adding it.
        hd = H // NH
        for l in range(L):
            p = names["layer"] + f"{l}."
            lin = lambda t, n: t @ w[p + n + ".weight"].T + w[p + n + ".bias"]
            heads = lambda t: t.view(B, S, NH, hd).transpose(1, 2)
            q = heads(lin(x, names["q"])) / math.sqrt(hd)
            k, v = heads(lin(x, names["k"])), heads(lin(x, names["v"]))
            scores = (q @ k.transpose(-1, -2)).masked_fill(mask[:, None, None, :] == 0, torch.finfo(torch.float32).min)
            ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, H)
            a = layer_norm(lin(ctx, names["o"]) + x, w[p + "sa_layer_norm.weight"], w[p + "sa_layer_norm.bias"], eps)
            ff = lin(torch.nn.functional.gelu(lin(a, names["i"])), names["out"])
            x = layer_norm(ff + a, w[p + "output_layer_norm.weight"], w[p + "output_layer_norm.bias"], eps)
        h = torch.relu(x[:, 0] @ w["pre_classifier.weight"].T + w["pre_classifier.bias"])
        logits = h @ w["classifier.weight"].T + w["classifier.bias"]

    os.makedirs(folder, exist_ok=True)
    write_json(os.path.join(folder, "config.json"), config)
    save_safetensors(w, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    write_json(os.path.join(folder, "tokenizer_config.json"),
               {"do_lower_case": True, "model_max_length": P, "tokenizer_class": "DistilBertTokenizer"})
    write_json(os.path.join(folder, "reference.json"), {
        "generator": "tools/make_hf_fixtures.py (plain-PyTorch reimplementation of the transformers forward)",
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(), "logits": logits.tolist(),
        "tensors": tensor_summary(w),
    })


# --- TorchScript ----------------------------------------------------------------------------

class TinyScriptedClassifier(torch.nn.Module):
    """Embedding, mean over the real tokens, linear: token ids and attention mask in, logits out."""

    def __init__(self, vocab, dim, labels):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, dim)
        self.head = torch.nn.Linear(dim, labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        m = attention_mask.unsqueeze(-1).to(torch.float32)
        pooled = (self.embed(input_ids) * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(torch.tanh(pooled))


def make_torchscript(folder):
    torch.manual_seed(97531)
    # 512 ids: more than the demo word tokenizer's vocabulary, so demo:reviews runs through it.
    module = TinyScriptedClassifier(512, 16, 2).eval()
    scripted = torch.jit.script(module)
    ids = torch.tensor([[2, 10, 20, 30, 3], [2, 40, 3, 0, 0]])
    mask = (ids != 0).long()
    with torch.no_grad():
        logits = scripted(ids, mask)
    os.makedirs(folder, exist_ok=True)
    scripted.save(os.path.join(folder, "tiny-classifier.pt"))
    write_json(os.path.join(folder, "tiny-classifier.reference.json"), {
        "generator": "tools/make_hf_fixtures.py (torch.jit.script of TinyScriptedClassifier)",
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(), "logits": logits.tolist(),
        "parameters": sum(p.numel() for p in module.parameters()),
    })


if __name__ == "__main__":
    torch.set_grad_enabled(False)
    make_bert(os.path.join(OUT, "bert-tiny"))
    make_gpt2(os.path.join(OUT, "gpt2-tiny"))
    make_roberta(os.path.join(OUT, "roberta-tiny"))
    make_distilbert(os.path.join(OUT, "distilbert-tiny"))
    make_torchscript(os.path.join(OUT, "torchscript-tiny"))
    print("wrote", OUT)
