#!/usr/bin/env python3
"""ONNX Runtime reference for bench_engine: exports the encoder stack of tests/bench/bench_bert.py
(same shapes, same random weights from torch.manual_seed(0), same computation) to ONNX, fp32 and
dynamic int8, for tests/bench/ort/time_ort.mjs to time.

  export_bert.py --out DIR [--layers 12 --hidden 768 --heads 12 --intermediate 3072 --batch 8 --seq 128]
                 [--int8-form standard|contrib] [--per-tensor] [--full-range] [--check]

Writes DIR/bert_fp32.onnx and DIR/bert_int8.onnx (input "x" [B,S,H] float, output "y" [B,S,H]).
The int8 model is the fp32 graph with every MatMul/Gemm whose weight is a constant initializer
replaced as onnxruntime.quantization.quantize_dynamic does it: the activation is quantized at run
time to uint8 (asymmetric, DynamicQuantizeLinear; one per activation, shared by its consumers such
as q/k/v), the weight is int8 symmetric (zero point 0), the int32 product is dequantized by the
product of the two scales, then the bias is added. Weight scales are per output column by default
(--per-tensor: one per matrix, quantize_dynamic's default). Weights use 7 bits, [-64, 64], as
quantize_dynamic(reduce_range=True) makes them: ORT's uint8 x int8 kernel for AVX2 CPUs without
VNNI sums pairs of products in int16 with saturation (vpmaddubsw), and 255 * 127 * 2 overflows it;
255 * 64 * 2 does not. --full-range gives quantize_dynamic's default [-127, 127], which on such a
CPU (this project's CI machine) makes a 2-layer stack 5% and BERT-base 8% off fp32 instead of ~1%.
--int8-form standard (default) writes DynamicQuantizeLinear + MatMulInteger + Cast + Mul + Mul + Add,
which ORT's graph optimizer fuses into DynamicQuantizeMatMul (an activation with one consumer) or
into one DynamicQuantizeLinear feeding a MatMulIntegerToFloat per consumer (q/k/v: quantized once);
--int8-form contrib writes com.microsoft DynamicQuantizeMatMul (bias included) directly.
--check additionally writes DIR/check_x.bin and DIR/check_y.bin (raw float32: an input and the
torch output of bench_bert.py's forward for it) and runs time_ort.mjs on both models against
them; it fails unless fp32's max relative error is below 1e-4 (int8's is reported). Use a small shape.
Uses Debian's python3-torch and python3-onnx; onnxruntime's Python package is not needed."""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 14

sys.path.insert(0, os.path.dirname(HERE))
import bench_bert  # noqa: E402  the weights, input and forward every reference shares


class Encoder(torch.nn.Module):
    """bench_bert.py's encoder_forward() with constant shapes, as a module torch.onnx.export can trace."""

    def __init__(self, layers, heads, batch, seq, hidden):
        super().__init__()
        self.layers = torch.nn.ModuleList(torch.nn.ModuleDict(L) for L in layers)
        self.shape = (batch, seq, hidden, heads)  # fixed: the graph gets constant shapes
        self.register_buffer("mask", torch.zeros(batch, 1, 1, seq))

    def forward(self, x):
        B, S, H, nh = self.shape
        return bench_bert.encoder_forward(self.layers, nh, x, self.mask, shape=(B, S, H))


def export_fp32(a, layers, path):
    model = Encoder(layers, a.heads, a.batch, a.seq, a.hidden).eval()
    dummy = torch.zeros(a.batch, a.seq, a.hidden)
    with torch.no_grad():
        torch.onnx.export(model, (dummy,), path, input_names=["x"], output_names=["y"], opset_version=OPSET,
                          do_constant_folding=True)
    m = onnx.load(path)
    m.producer_name, m.producer_version = "optibench export_bert.py", torch.__version__
    m.graph.name = "bert_encoder_fp32"
    onnx.save(m, path)
    return m


def quantize_weight(w, per_column, qmax):
    """w [K, N] float -> int8 [K, N] in [-qmax, qmax] (zero point 0) and its scale (per column [N] or
    per tensor []), rounded half to even as onnxruntime.quantization does."""
    amax = np.abs(w).max(axis=0) if per_column else np.array(np.abs(w).max())
    scale = (np.maximum(amax, 1e-12) / qmax).astype(np.float32)
    q = np.clip(np.rint(w / scale), -qmax, qmax).astype(np.int8)
    return q, scale


def quantize_int8(fp32, form, per_column, qmax=64):
    """The fp32 model with each constant-weight MatMul/Gemm made dynamic int8 (see the module doc)."""
    m = onnx.ModelProto()
    m.CopyFrom(fp32)
    g = m.graph
    inits = {t.name: t for t in g.initializer}
    nodes = list(g.node)
    producer = {o: k for k, n in enumerate(nodes) for o in n.output}  # tensor -> index in nodes
    consumers = {}
    for k, n in enumerate(nodes):
        for i in n.input:
            consumers.setdefault(i, []).append(k)
    graph_outputs = {o.name for o in g.output}

    def const(name):
        """An initializer's value, also through a Transpose of one (export without folding)."""
        if name in inits:
            return numpy_helper.to_array(inits[name]), None
        k = producer.get(name)
        p = nodes[k] if k is not None else None
        if p is not None and p.op_type == "Transpose" and p.input[0] in inits:
            perm = next((list(at.ints) for at in p.attribute if at.name == "perm"), None)
            return np.transpose(numpy_helper.to_array(inits[p.input[0]]), perm), k
        return None, None

    new_nodes, new_inits, dropped = [], [], set()  # new_nodes: (index in nodes or -1 for a new one, node)
    dql_of = {}  # activation -> (q, scale, zero point) for the standard form, shared like quantize_dynamic
    count = {"MatMul": 0, "Gemm": 0}
    for k, n in enumerate(nodes):
        if k in dropped:
            continue
        w = bias = None
        out = n.output[0]
        if n.op_type == "MatMul":
            w, transpose = const(n.input[1])
            if w is None or w.ndim != 2:
                w = None
            else:
                # the bias Add that follows (torch exports Linear on 3-D input as MatMul + Add)
                cs = consumers.get(out, [])
                add = nodes[cs[0]] if len(cs) == 1 else None
                if add is not None and add.op_type == "Add" and out not in graph_outputs:
                    other = add.input[1] if add.input[0] == out else add.input[0]
                    b = numpy_helper.to_array(inits[other]) if other in inits else None
                    if b is not None and b.shape == (w.shape[1],):
                        bias, out = b, add.output[0]
                        dropped.add(cs[0])
        elif n.op_type == "Gemm":
            at = {x.name: helper.get_attribute_value(x) for x in n.attribute}
            w, transpose = const(n.input[1])
            if w is not None and not at.get("transA", 0):
                if at.get("transB", 0):
                    w = w.T
                w = w * at.get("alpha", 1.0)
                if len(n.input) > 2 and n.input[2]:
                    b = numpy_helper.to_array(inits[n.input[2]]) if n.input[2] in inits else None
                    if b is None or b.size not in (1, w.shape[1]):
                        w = None
                    else:
                        bias = np.broadcast_to(b.reshape(-1), (w.shape[1],)) * at.get("beta", 1.0)
            else:
                w = None
        if w is None:
            new_nodes.append((k, n))
            continue
        count[n.op_type] += 1
        x = n.input[0]
        base = f"q{sum(count.values())}_" + n.name.strip("/").replace("/", "_")
        wq, ws = quantize_weight(w.astype(np.float32), per_column, qmax)
        new_inits += [numpy_helper.from_array(wq, base + "_W_int8"), numpy_helper.from_array(ws, base + "_W_scale"),
                      numpy_helper.from_array(np.zeros(ws.shape, np.int8), base + "_W_zero")]
        if bias is not None:
            new_inits.append(numpy_helper.from_array(np.ascontiguousarray(bias, np.float32), base + "_bias"))
        if form == "contrib":
            made = [helper.make_node(
                "DynamicQuantizeMatMul",
                [x, base + "_W_int8", base + "_W_scale", base + "_W_zero", base + "_bias" if bias is not None else ""],
                [out], name=base + "_DynamicQuantizeMatMul", domain="com.microsoft")]
        else:
            made = []
            if x not in dql_of:
                dql_of[x] = (x + "_quantized", x + "_scale", x + "_zero_point")
                made.append(helper.make_node("DynamicQuantizeLinear", [x], list(dql_of[x]),
                                             name=base + "_DynamicQuantizeLinear"))
            xq, xs, xz = dql_of[x]
            mm = out if bias is None else base + "_dequantized"
            made += [
                helper.make_node("MatMulInteger", [xq, base + "_W_int8", xz, base + "_W_zero"], [base + "_int32"],
                                 name=base + "_MatMulInteger"),
                helper.make_node("Cast", [base + "_int32"], [base + "_float"], to=TensorProto.FLOAT,
                                 name=base + "_Cast"),
                helper.make_node("Mul", [xs, base + "_W_scale"], [base + "_scale"], name=base + "_ScaleMul"),
                helper.make_node("Mul", [base + "_float", base + "_scale"], [mm], name=base + "_Mul"),
            ]
            if bias is not None:
                made.append(helper.make_node("Add", [mm, base + "_bias"], [out], name=base + "_BiasAdd"))
        new_nodes += [(-1, node) for node in made]
        if transpose is not None and len(consumers.get(nodes[transpose].output[0], [])) == 1:
            dropped.add(transpose)
    # drop the Transposes of weights made int8 (already kept when visited) and dead initializers
    new_nodes = [n for k, n in new_nodes if k not in dropped]
    del g.node[:]
    g.node.extend(new_nodes)
    live = {i for n in g.node for i in n.input}
    kept = [t for t in g.initializer if t.name in live]
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    if form == "contrib" and not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    m.graph.name = "bert_encoder_int8"
    if form == "standard":  # the checker knows no contrib ops
        onnx.checker.check_model(m)
    return m, count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    bench_bert.add_shape_arguments(ap)
    ap.add_argument("--int8-form", choices=["standard", "contrib"], default="standard")
    ap.add_argument("--per-tensor", action="store_true", help="one weight scale per matrix (default: per column)")
    ap.add_argument("--full-range", action="store_true",
                    help="weights in [-127, 127] (quantize_dynamic's default); saturates on CPUs without VNNI")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    layers, x0 = bench_bert.build_layers(a.layers, a.hidden, a.intermediate, a.batch, a.seq)
    fp32_path, int8_path = os.path.join(a.out, "bert_fp32.onnx"), os.path.join(a.out, "bert_int8.onnx")
    fp32 = export_fp32(a, layers, fp32_path)
    int8, count = quantize_int8(fp32, a.int8_form, not a.per_tensor, 127 if a.full_range else 64)
    onnx.save(int8, int8_path)
    result = {"fp32": fp32_path, "int8": int8_path, "int8_form": a.int8_form,
              "weight_scales": "per-tensor" if a.per_tensor else "per-column",
              "weight_range": "[-127, 127]" if a.full_range else "[-64, 64] (reduce_range)", "quantized": count,
              "opset": OPSET, "torch": torch.__version__, "onnx": onnx.__version__}
    if a.check:
        with torch.inference_mode():
            y = bench_bert.encoder_forward(layers, a.heads, x0, torch.zeros(a.batch, 1, 1, a.seq))
        xb, yb = os.path.join(a.out, "check_x.bin"), os.path.join(a.out, "check_y.bin")
        x0.numpy().astype("<f4").tofile(xb)
        y.numpy().astype("<f4").tofile(yb)
        errors = {}
        for name, path in (("fp32", fp32_path), ("int8", int8_path)):
            cmd = ["node", os.path.join(HERE, "time_ort.mjs"), "--model", path, "--input", xb, "--expect", yb,
                   "--warmup", "0", "--iterations", "1", "--threads", "1"]
            run = subprocess.run(cmd, capture_output=True, text=True)
            try:
                errors[name] = json.loads(run.stdout.strip().splitlines()[-1])["max_rel_error"]
            except Exception:
                print(run.stdout + run.stderr, file=sys.stderr)
                result["check"] = "failed: time_ort.mjs gave no result"
                print(json.dumps(result))
                return 1
        # fp32 must match; int8's error against torch is for information
        result["check_max_rel_error"] = errors["fp32"]
        result["check_int8_max_rel_error"] = errors["int8"]
        result["check"] = "ok" if errors["fp32"] < 1e-4 else "failed"
    print(json.dumps(result))
    return 0 if result.get("check", "ok") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
