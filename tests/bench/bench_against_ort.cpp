// The section of bench_engine that times the engine against ONNX Runtime (tests/bench/bench_ort.h)
// on the same shape in one run: engine fp32, engine dynamic-int8, ORT fp32 and ORT int8 in
// alternating blocks, so a change of machine load hits all four alike.
#include "engine/kernels/int8_scheme.h"
#include "engine/kernels/quantize.h"
#include "engine/measure/peak_flops.h"
#include "engine/models/bert.h"
#include "tests/bench/bench_modes.h"
#include "tests/bench/bench_ort.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace optibench::bench {

using namespace optibench::engine;

namespace {

double blockMedianMs(const Model &model, const at::Tensor &ids, const at::Tensor &mask, int warmup, int iterations)
{
    return median(timeForwards(model, ids, mask, warmup, iterations));
}

double relativeError(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).abs().max() / w.abs().max()).item<double>();
}

std::string ortFolder()
{
    return (std::filesystem::path(peakFlopsCachePath()).parent_path() / "ort-bench").string();
}

void printRange(const char *what, const std::vector<double> &ratios)
{
    const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
    std::printf("%s %.2fx (rounds %.2f-%.2f)\n", what, median(ratios), *lo, *hi);
}

} // namespace

void runAgainstOrt(const TransformerConfig &config, const ParameterMap &parameters, const at::Tensor &ids,
                   const at::Tensor &mask, int threads, int iterations, int rounds)
{
    OrtShape shape;
    shape.layers = config.numLayers;
    shape.hidden = config.hiddenSize;
    shape.heads = config.numHeads;
    shape.intermediate = config.intermediateSize;
    shape.batch = static_cast<int>(ids.size(0));
    shape.seq = static_cast<int>(ids.size(1));
    const auto files = prepareOrtModels(ortFolder(), shape);
    if (!files.error.empty()) {
        std::printf("\nONNX Runtime: %s\n", files.error.c_str());
        return;
    }
    BertClassifier fp32(config, parameters), int8(config, parameters);
    int8.setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeDynamicInt8Linear(w, b); });
    double engineError = 0;
    {
        c10::InferenceMode guard;
        engineError = relativeError(int8.forward(ids, mask), fp32.forward(ids, mask));
    }
    std::printf("\nagainst ONNX Runtime (%s int8 scheme, %d rounds of %d forwards, medians):\n",
                int8SchemeName(int8Scheme()), rounds, iterations);
    std::vector<double> engineSpeedup, ortSpeedup, int8VsOrt, fp32VsOrt;
    double ortError = -1;
    std::string version;
    for (int r = 0; r < rounds; ++r) {
        const double e32 = blockMedianMs(fp32, ids, mask, 1, iterations);
        const double e8 = blockMedianMs(int8, ids, mask, 1, iterations);
        const auto o32 = timeOrt(files.fp32, threads, 1, iterations);
        const auto o8 = timeOrt(files.int8, threads, 1, iterations, r == 0 ? files.fp32 : std::string());
        if (o32.medianMs <= 0 || o8.medianMs <= 0) {
            std::printf("ONNX Runtime: %s\n", (o32.error.empty() ? o8.error : o32.error).c_str());
            return;
        }
        if (r == 0)
            ortError = o8.relError;
        version = o32.version;
        std::printf("  round %d: engine fp32 %8.1f ms, int8 %8.1f ms; ORT fp32 %8.1f ms, int8 %8.1f ms\n", r + 1, e32,
                    e8, o32.medianMs, o8.medianMs);
        engineSpeedup.push_back(e32 / e8);
        ortSpeedup.push_back(o32.medianMs / o8.medianMs);
        int8VsOrt.push_back(o8.medianMs / e8);
        fp32VsOrt.push_back(o32.medianMs / e32);
    }
    std::printf("ONNX Runtime %s; int8 relative error against its fp32: engine %.2e (logits), ORT %.2e (hidden "
                "states)\n",
                version.c_str(), engineError, ortError);
    printRange("engine dynamic-int8 over engine fp32:", engineSpeedup);
    printRange("ORT int8 over ORT fp32:              ", ortSpeedup);
    printRange("engine int8, times ORT int8's speed: ", int8VsOrt);
    printRange("engine fp32, times ORT fp32's speed: ", fp32VsOrt);
}

} // namespace optibench::bench
