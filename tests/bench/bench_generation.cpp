// The generation benchmark: a Llama-shaped decoder of SmolLM2-135M's dimensions (hidden 576, 30
// layers, 9 heads over 3 key/value heads, FFN 1536, vocabulary 49152, tied head; random weights)
// generating greedily, batch 1, prompt 128, 128 new tokens, 2 threads by default. For each mode
// (fp32, bf16, weight-int8, weight-int4-g32, weight-int4-g128): time to first token, decode
// tokens/s, the bytes a decoding step reads, and the share of the bandwidth bound (the machine's
// measured memory bandwidth over those bytes). PyTorch eager (tests/bench/bench_generation.py,
// python3-torch, a plain KV-cache loop) runs the same generation in fp32 and bf16 in the same
// run, and the ratios are printed.
//   bench_generation [--threads N] [--prompt N] [--new-tokens N] [--repeats N] [--layers N]
//                    [--modes fp32,bf16,...] [--no-python] [--profile MODE]
// --profile MODE traces one generation of that mode and prints the ops by self time per token:
// what the decoding steps spend besides the Linears (whose int kernels are no ATen ops).
#include "engine/kernels/weight_quant.h"
#include "engine/measure/memory_bandwidth.h"
#include "engine/models/llama.h"
#include "engine/run/generation_timing.h"
#include "profiler/trace/summary.h"
#include "profiler/tracers/op_tracer.h"
#include "tests/bench/python_reference.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace optibench::engine;

namespace {

struct Options {
    int threads = 2, prompt = 128, newTokens = 128, repeats = 3, layers = 30;
    std::vector<std::string> modes{"fp32", "bf16", "weight-int8", "weight-int4-g32", "weight-int4-g128"};
    bool python = true;
    std::string profile; // a mode to trace, or empty
};

TransformerConfig smolLm2(int layers)
{
    TransformerConfig c;
    c.family = ArchitectureFamily::Llama;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = 49152;
    c.hiddenSize = 576;
    c.numLayers = layers;
    c.numHeads = 9;
    c.numKvHeads = 3;
    c.intermediateSize = 1536;
    c.maxPositions = 8192;
    c.typeVocabSize = 0;
    c.activation = "silu";
    c.layerNormEps = 1e-5;
    c.numLabels = 0;
    c.hasPooler = false;
    c.tieWordEmbeddings = true;
    c.rope.theta = 100000;
    c.padTokenId = 2;
    c.eosTokenId = 2;
    return c;
}

// The mode applied as the engine's run applies it (engine/run/optimization_steps.cpp).
void applyMode(LlamaModel &model, const std::string &mode)
{
    if (mode == "bf16")
        return model.castTo(at::kBFloat16);
    if (mode == "weight-int8")
        return model.setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeWeightInt8Linear(w, b); });
    if (mode == "weight-int4-g32" || mode == "weight-int4-g128") {
        const std::int64_t group = mode == "weight-int4-g32" ? 32 : 128;
        return model.setLinearFactory([group](const std::string &, const at::Tensor &w, const at::Tensor &b) {
            return makeWeightInt4Linear(w, b, group);
        });
    }
    if (mode != "fp32")
        throw std::invalid_argument("unknown mode " + mode);
}

struct ModeResult {
    std::string mode;
    double ttftMs = 0, tokensPerSecond = 0, bytesPerToken = 0, share = 0;
    std::int64_t weightBytes = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Each mode starts from its own copy of the fp32 weights (castTo and the int formats change them).
std::unique_ptr<LlamaModel> modelFor(const Options &o, const ParameterMap &weights, const std::string &mode)
{
    ParameterMap copy;
    for (const auto &[name, t] : weights)
        copy[name] = t.clone();
    auto model = std::make_unique<LlamaModel>(smolLm2(o.layers), std::move(copy));
    applyMode(*model, mode);
    return model;
}

GenerationOptions greedy(const Options &o)
{
    GenerationOptions g;
    g.maxNewTokens = o.newTokens;
    g.stopAtEos = false;
    return g;
}

void printProfile(const Options &o, const ParameterMap &weights, const std::string &mode)
{
    const auto model = modelFor(o, weights, mode);
    const auto ids = at::randint(0, 49152, {1, o.prompt}, at::kLong);
    c10::InferenceMode inference;
    timeGeneration(*model, ids, {}, greedy(o), at::kCPU); // warm-up
    optibench::profiler::OpTracer tracer;
    if (!tracer.start()) {
        std::printf("profile: %s\n", tracer.error().c_str());
        return;
    }
    const auto t = timeGeneration(*model, ids, {}, greedy(o), at::kCPU);
    const auto summary = optibench::profiler::summarize(tracer.stop());
    const double tokens = static_cast<double>(o.newTokens);
    std::printf("\nprofile of one %s generation (ops by self time, per token, prefill included):\n", mode.c_str());
    for (const auto &op : optibench::profiler::topOpsBySelf(summary, 14))
        std::printf("  %-32s %6.0f calls %8.3f ms\n", op.name.c_str(), static_cast<double>(op.count) / tokens,
                    static_cast<double>(op.selfNs) / 1e6 / tokens);
    const double wall = t.prefillMs + t.decodeMs();
    std::printf("  ATen ops' self time %.2f ms a token of %.2f ms wall (the rest: the engine's own kernels)\n",
                static_cast<double>(summary.opSelfNs) / 1e6 / tokens, wall / tokens);
}

ModeResult runMode(const Options &o, const ParameterMap &weights, const std::string &mode, double bandwidth)
{
    const auto owned = modelFor(o, weights, mode);
    auto &model = *owned;
    const auto ids = at::randint(0, 49152, {1, o.prompt}, at::kLong);
    const auto g = greedy(o);
    c10::InferenceMode inference;
    timeGeneration(model, ids, {}, g, at::kCPU); // warm-up
    std::vector<double> ttft, rates;
    std::int64_t cache = 0;
    for (int r = 0; r < o.repeats; ++r) {
        const auto t = timeGeneration(model, ids, {}, g, at::kCPU);
        ttft.push_back(t.prefillMs);
        rates.push_back(1000.0 * static_cast<double>(t.stepMs.size()) / t.decodeMs());
        cache = t.cacheBytes;
    }
    ModeResult m;
    m.mode = mode;
    m.ttftMs = median(ttft);
    m.tokensPerSecond = median(rates);
    m.bytesPerToken = decodeBytesPerToken(model, cache, o.prompt, o.newTokens);
    m.share = m.tokensPerSecond / (bandwidth / m.bytesPerToken);
    m.weightBytes = model.modelBytes();
    return m;
}

struct Eager {
    double ttftMs = 0, tokensPerSecond = 0;
    std::string version;
};

Eager runEager(const Options &o, const std::string &dtype)
{
    std::ostringstream args;
    args << "--threads " << o.threads << " --prompt " << o.prompt << " --new-tokens " << o.newTokens << " --repeats "
         << o.repeats << " --layers " << o.layers << " --dtype " << dtype;
    std::string error;
    const auto j = optibench::bench::runPythonReference("bench_generation.py", args.str(), error);
    Eager e;
    if (!j.contains("decode_tokens_per_s")) {
        e.version = error;
        return e;
    }
    e.ttftMs = median(j["ttft_ms"].get<std::vector<double>>());
    e.tokensPerSecond = median(j["decode_tokens_per_s"].get<std::vector<double>>());
    e.version = j.value("torch", std::string());
    return e;
}

std::vector<std::string> split(const std::string &list)
{
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        out.push_back(item);
    return out;
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool value = i + 1 < argc;
        auto number = [&] { return std::atoi(argv[++i]); };
        if (a == "--threads" && value)
            o.threads = number();
        else if (a == "--prompt" && value)
            o.prompt = number();
        else if (a == "--new-tokens" && value)
            o.newTokens = number();
        else if (a == "--repeats" && value)
            o.repeats = number();
        else if (a == "--layers" && value)
            o.layers = number();
        else if (a == "--modes" && value)
            o.modes = split(argv[++i]);
        else if (a == "--no-python")
            o.python = false;
        else if (a == "--profile" && value)
            o.profile = argv[++i];
        else {
            std::fprintf(stderr,
                         "usage: bench_generation [--threads N] [--prompt N] [--new-tokens N] [--repeats N] "
                         "[--layers N] [--modes fp32,bf16,weight-int8,weight-int4-g32,weight-int4-g128] "
                         "[--no-python] [--profile MODE]\n");
            std::exit(2);
        }
    }
    return o;
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    at::set_num_threads(o.threads);
    std::printf("SmolLM2-135M-shaped decoder (%d layers, random weights), batch 1, prompt %d, %d new tokens, "
                "%d threads, median of %d generations\n",
                o.layers, o.prompt, o.newTokens, o.threads, o.repeats);
    const double bandwidth = measureMemoryBandwidthNow(o.threads);
    std::printf("memory read bandwidth: %.2f GB/s (engine/measure/memory_bandwidth.h)\n\n", bandwidth / 1e9);
    const auto weights = LlamaModel::randomParameters(smolLm2(o.layers), 1);
    std::map<std::string, ModeResult> results;
    std::printf("%-18s %10s %12s %14s %12s %10s\n", "mode", "TTFT ms", "decode tok/s", "bytes/token", "bound tok/s",
                "of bound");
    for (const auto &mode : o.modes) {
        const auto r = runMode(o, weights, mode, bandwidth);
        results[mode] = r;
        std::printf("%-18s %10.1f %12.2f %14.3e %12.2f %9.1f%%\n", mode.c_str(), r.ttftMs, r.tokensPerSecond,
                    r.bytesPerToken, bandwidth / r.bytesPerToken, 100 * r.share);
        std::fflush(stdout);
    }
    if (results.count("fp32"))
        for (const auto &[mode, r] : results)
            if (mode != "fp32")
                std::printf("%s decode: %.2fx fp32's tokens/s\n", mode.c_str(),
                            r.tokensPerSecond / results["fp32"].tokensPerSecond);
    if (!o.profile.empty())
        printProfile(o, weights, o.profile);
    if (!o.python)
        return 0;
    std::printf("\nPyTorch eager (tests/bench/bench_generation.py):\n");
    for (const char *dtype : {"fp32", "bf16"}) {
        if (!results.count(dtype))
            continue;
        const auto e = runEager(o, dtype);
        if (e.tokensPerSecond <= 0) {
            std::printf("  %s: could not run (%s)\n", dtype, e.version.c_str());
            continue;
        }
        const auto &r = results[dtype];
        std::printf("  %s (torch %s): TTFT %.1f ms, decode %.2f tokens/s; engine/eager: decode %.2fx, TTFT %.2fx "
                    "faster\n",
                    dtype, e.version.c_str(), e.ttftMs, e.tokensPerSecond, r.tokensPerSecond / e.tokensPerSecond,
                    e.ttftMs / r.ttftMs);
    }
    return 0;
}
