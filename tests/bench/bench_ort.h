#pragma once
// ONNX Runtime as a timing reference for bench_engine (tests/bench/ort/README.md): the
// bench_bert.py encoder stack exported to ONNX, fp32 and dynamic int8, by
// tests/bench/ort/export_bert.py (Debian's python3-torch and python3-onnx), timed by
// tests/bench/ort/time_ort.mjs (node with onnxruntime-node, installed by
// `scripts/deps-debian.sh bench`). Child processes only: no LibTorch, no ONNX Runtime linked.
// Nothing here throws; a failure comes back as a message in `error`.
#include <string>

namespace optibench::bench {

// The encoder stack's shape: export_bert.py's (and bench_bert.py's) arguments, BERT-base by default.
struct OrtShape {
    int layers = 12, hidden = 768, heads = 12, intermediate = 3072, batch = 8, seq = 128;
};

// The two model files of one shape, or why there are none.
struct OrtModels {
    std::string fp32, int8; // DIR/bert_fp32.onnx, DIR/bert_int8.onnx
    std::string error;      // empty on success
};

// One block of ONNX Runtime forwards.
struct OrtTiming {
    double medianMs = -1; // median of the timed forwards
    double relError = -1; // max |out - other| / max |other| when timed with a model to compare with
    std::string version;  // onnxruntime's, e.g. "1.30.0"
    std::string error;    // empty on success; when only the comparison failed, medianMs is still set
};

// Writes bert_fp32.onnx and bert_int8.onnx of `shape` into `dir` (created if missing) with
// export_bert.py, unless the folder already holds both for this shape, newer than the script.
// BERT-base takes ~20 s and ~430 MB of disk.
OrtModels prepareOrtModels(const std::string &dir, const OrtShape &shape = {});

// Times `model` with time_ort.mjs: `warmup` untimed then `iterations` timed forwards on the
// seeded random input (the same for fp32 and int8), intra-op threads `threads`, inter-op 1,
// sequential, all graph optimizations. With `compareWith` (another .onnx of the same shape) also
// the relative error of this model's output against that one's.
OrtTiming timeOrt(const std::string &model, int threads, int warmup, int iterations,
                  const std::string &compareWith = {});

} // namespace optibench::bench
