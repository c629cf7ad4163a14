// The engine's BERT-base-shaped forward (12 x 768, batch 8 x 128, 2 threads by default) against
// PyTorch eager (tests/bench/bench_bert.py, python3-torch) in one run: prints both latencies,
// the ratio, the achieved FLOP rate and its share of the machine's measured GEMM peak.
// Then the modes section (tests/bench/bench_modes.h): every precision, quantization and pruning
// mode's latency against the engine fp32 and agreement with it, and dynamic int8 on the demo's
// eval set.
//   bench_engine [--threads N] [--iterations N] [--no-python] [--eager-rounds N] [--int8]
//                [--modes all|none|MODE,MODE,...] [--mode-rounds N] [--no-demo] [--profile] [--no-ort]
// and, unless --no-ort, the engine's fp32 and int8 against ONNX Runtime's (tests/bench/bench_ort.h).
#include "engine/kernels/cpu_isa.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/int8_scheme.h"
#include "engine/kernels/quantize.h"
#include "engine/measure/flops.h"
#include "engine/measure/host_allocator.h"
#include "engine/measure/peak_flops.h"
#include "engine/models/bert.h"
#include "profiler/trace/summary.h"
#include "profiler/tracers/op_tracer.h"
#include "tests/bench/bench_modes.h"
#include "tests/bench/python_reference.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef OPTIBENCH_SOURCE_DIR
#define OPTIBENCH_SOURCE_DIR "."
#endif

using namespace optibench::engine;
using optibench::bench::median;
using optibench::bench::timeForwards;

namespace {

constexpr const char *kUsage =
    "usage: bench_engine [--threads N] [--iterations N] [--no-python] [--eager-rounds N] [--int8]\n"
    "                    [--modes all|none|MODE,MODE,...] [--mode-rounds N] [--no-demo] [--profile] [--no-ort]\n"
    "  --threads N       intra-op threads for the engine and PyTorch eager (default 2)\n"
    "  --iterations N    timed forwards of the fp32 and eager comparison, after 2 untimed (default 10)\n"
    "  --no-python       skip PyTorch eager (tests/bench/bench_bert.py)\n"
    "  --eager-rounds N  alternating engine / eager blocks of the comparison (default 3)\n"
    "  --int8            the engine's int8 kernel against LibTorch's quantized::linear_dynamic\n"
    "  --modes LIST      precision, quantization and pruning modes against fp32 (default all)\n"
    "  --mode-rounds N   interleaved timing rounds of the modes section (default 5)\n"
    "  --no-demo         skip dynamic int8 on the demo model's eval set\n"
    "  --profile         after the fp32 timing, trace 3 forwards and print where their time goes\n"
    "  --no-ort          skip ONNX Runtime fp32 and int8 (tests/bench/ort, scripts/deps-debian.sh bench)\n";

// Runs tests/bench/bench_bert.py (PyTorch eager through Debian's python3-torch) and returns
// its median ms, and in `version` torch's version; on failure 0 and the reason in `version`.
double eagerMedianMs(int threads, int warmup, int iterations, std::string &version)
{
    std::string error;
    const auto j = optibench::bench::runPythonReference("bench_bert.py",
                                                        "--threads " + std::to_string(threads) + " --warmup "
                                                            + std::to_string(warmup) + " --iterations "
                                                            + std::to_string(iterations),
                                                        error);
    if (!j.contains("median_ms")) {
        version = error.empty() ? "no median_ms" : error;
        return 0;
    }
    version = j.value("torch", std::string());
    return j["median_ms"].get<double>();
}

// Traces `forwards` forwards with the op tracer (no shapes) and prints the ops by self time:
// where the time goes besides the matrix products.
void printProfile(const BertClassifier &model, const at::Tensor &ids, const at::Tensor &mask, int forwards)
{
    optibench::profiler::OpTracer tracer;
    if (!tracer.start()) {
        std::printf("profile: %s\n", tracer.error().c_str());
        return;
    }
    timeForwards(model, ids, mask, 0, forwards);
    const auto summary = optibench::profiler::summarize(tracer.stop());
    std::printf("profile of %d traced forwards (ops by self time, per forward):\n", forwards);
    const double total = static_cast<double>(std::max<std::int64_t>(1, summary.opSelfNs));
    for (const auto &op : optibench::profiler::topOpsBySelf(summary, 12))
        std::printf("  %-32s %6lld calls %9.1f ms  %5.1f%%\n", op.name.c_str(),
                    static_cast<long long>(op.count / forwards), op.selfNs / 1e6 / forwards, 100.0 * op.selfNs / total);
    std::printf("  all ops' self time %.1f ms per forward\n", summary.opSelfNs / 1e6 / forwards);
}

} // namespace

int main(int argc, char **argv)
{
    // libgomp reads its wait policy once, at load: set it before the process image starts so
    // the engine and the eager child run under the same policy. Spinning OpenMP threads on a
    // shared 2-core machine cost the engine 5x in a measurement (the same was seen for PyTorch eager).
    if (!std::getenv("OMP_WAIT_POLICY")) {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
        execv("/proc/self/exe", argv);
    }
    int threads = 2, iterations = 10, modeRounds = 5, eagerRounds = 3;
    constexpr int kWarmup = 2; // the engine and eager alike: first passes fault in 440 MB of weights
    bool python = true, int8 = false, demoInt8 = true, profile = false, ort = true;
    std::vector<std::string> modes = optibench::bench::allModes();
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = std::stoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc)
            iterations = std::stoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--mode-rounds") && i + 1 < argc)
            modeRounds = std::max(1, std::stoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--eager-rounds") && i + 1 < argc)
            eagerRounds = std::max(1, std::stoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--no-python"))
            python = false;
        else if (!std::strcmp(argv[i], "--int8"))
            int8 = true;
        else if (!std::strcmp(argv[i], "--no-demo"))
            demoInt8 = false;
        else if (!std::strcmp(argv[i], "--profile"))
            profile = true;
        else if (!std::strcmp(argv[i], "--no-ort"))
            ort = false;
        else if (!std::strcmp(argv[i], "--modes") && i + 1 < argc) {
            const std::string list = argv[++i];
            modes.clear();
            if (list == "all")
                modes = optibench::bench::allModes();
            for (std::size_t start = 0; list != "all" && list != "none" && start <= list.size();) {
                const auto comma = std::min(list.find(',', start), list.size());
                if (comma > start)
                    modes.push_back(list.substr(start, comma - start));
                start = comma + 1;
            }
        } else {
            if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
                std::fputs(kUsage, stdout);
                return 0;
            }
            std::fprintf(stderr, "bench_engine: unknown argument '%s'\n%s", argv[i], kUsage);
            return 2;
        }
    }
    at::set_num_threads(threads);
    keepFreedBlocksForReuse(); // as Benchmark::prepare() does for every run
    TransformerConfig c;       // BERT-base defaults
    c.numLabels = 2;
    const std::int64_t B = 8, S = 128;
    BertClassifier model(c, BertClassifier::randomParameters(c, 0));
    at::manual_seed(0); // the same token ids and quality batches in every run
    auto ids = at::randint(1, c.vocabSize, {B, S}, at::kLong);
    auto mask = at::ones({B, S}, at::kLong);
    const double flops = encoderForwardFlops(c, B, S);
    const double peak = measurePeakFlopsNow(threads);
    std::printf("BERT-base shape: %d x %d, batch %lld x %lld, %d threads, %.1f GFLOP per forward\n", c.numLayers,
                c.hiddenSize, static_cast<long long>(B), static_cast<long long>(S), threads, flops / 1e9);
    std::printf("OMP_WAIT_POLICY=%s\n", std::getenv("OMP_WAIT_POLICY"));
    std::printf("GEMM path: %s; measured fp32 GEMM peak %.1f GFLOP/s\n",
                gemm::haveOneDnn() ? ("oneDNN " + gemm::oneDnnVersion() + " sgemm").c_str()
                                   : "at::linear (system BLAS)",
                peak / 1e9);
    std::printf("ISA: oneDNN %s, project kernels %s (CPU %s); int8 scheme %s: %s\n", gemm::oneDnnCpuIsa().c_str(),
                isa::name(isa::kernelLevel()), isa::name(isa::cpuLevel()), int8SchemeName(int8Scheme()),
                int8SchemeReason().c_str());

    const double engineMs = median(timeForwards(model, ids, mask, kWarmup, iterations));
    const double rate = flops / (engineMs / 1000.0);
    std::printf("engine fp32:         %8.1f ms  %6.1f GFLOP/s  %5.1f%% of peak\n", engineMs, rate / 1e9,
                100 * rate / peak);
    if (profile)
        printProfile(model, ids, mask, 3);
    if (int8 && enableDynamicInt8()) {
        // The engine's int8 kernel and LibTorch's quantized::linear_dynamic, each in a model of
        // its own over the same weights, timed interleaved with fp32 (one forward each in turn)
        // so that changing machine load hits all three alike; medians.
        BertClassifier int8Model(c, model.parameters());
        int8Model.setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeDynamicInt8Linear(w, b); });
        std::unique_ptr<BertClassifier> torchInt8;
        try {
            torchInt8 = std::make_unique<BertClassifier>(c, model.parameters());
            torchInt8->setLinearFactory([](const std::string &, const at::Tensor &w, const at::Tensor &b) {
                return makeTorchDynamicInt8Linear(w, b);
            });
        } catch (const std::exception &) {
            torchInt8.reset(); // no ONEDNN quantized engine in this LibTorch
        }
        std::vector<double> fp32Ms, int8Ms, torchMs;
        for (int i = 0; i <= iterations; ++i) { // the first round warms up
            auto one = [&](const BertClassifier &m) { return timeForwards(m, ids, mask, 0, 1).front(); };
            const double a = one(model), b = one(int8Model), t = torchInt8 ? one(*torchInt8) : 0.0;
            if (i > 0) {
                fp32Ms.push_back(a);
                int8Ms.push_back(b);
                torchMs.push_back(t);
            }
        }
        std::printf("interleaved: engine fp32 %8.1f ms\n", median(fp32Ms));
        std::printf("engine dynamic-int8: %8.1f ms  (%.2fx fp32)\n", median(int8Ms), median(fp32Ms) / median(int8Ms));
        if (torchInt8)
            std::printf("LibTorch quantized::linear_dynamic: %8.1f ms  (%.2fx fp32)\n", median(torchMs),
                        median(fp32Ms) / median(torchMs));
    }
    if (python) {
        // Engine and eager alternate in blocks (engine, eager process, engine, ...), so a change
        // in machine load between the two hits both; the ratio is the median of the rounds'.
        std::vector<double> engineBlocks{engineMs}, eagerBlocks, ratios;
        std::string torchVersion;
        for (int r = 0; r < eagerRounds; ++r) {
            if (r > 0)
                engineBlocks.push_back(median(timeForwards(model, ids, mask, 1, iterations)));
            std::string version;
            const double eagerMs = eagerMedianMs(threads, kWarmup, iterations, version);
            if (eagerMs <= 0) {
                std::printf("PyTorch eager: could not run bench_bert.py (%s)\n", version.c_str());
                break;
            }
            torchVersion = version;
            eagerBlocks.push_back(eagerMs);
            ratios.push_back(eagerMs / engineBlocks.back());
            std::printf("  round %d: engine %8.1f ms, eager %8.1f ms\n", r + 1, engineBlocks.back(), eagerMs);
        }
        if (!ratios.empty()) {
            const double eagerMs = median(eagerBlocks);
            const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
            std::printf("PyTorch eager %s: %8.1f ms  %6.1f GFLOP/s  (engine %8.1f ms: %.2fx eager's speed, rounds "
                        "%.2f-%.2f)\n",
                        torchVersion.c_str(), eagerMs, flops / (eagerMs / 1000.0) / 1e9, median(engineBlocks),
                        median(ratios), *lo, *hi);
            const double blockRate = flops / (median(engineBlocks) / 1000.0);
            std::printf("engine fp32 over the %zu blocks: %.1f GFLOP/s, %.1f%% of the measured GEMM peak\n",
                        engineBlocks.size(), blockRate / 1e9, 100 * blockRate / peak);
        }
    }
    if (ort && enableDynamicInt8())
        optibench::bench::runAgainstOrt(c, model.parameters(), ids, mask, threads, iterations, eagerRounds);
    optibench::bench::runModes(c, model.parameters(), ids, mask, modeRounds, modes);
    if (demoInt8)
        optibench::bench::runDemoDynamicInt8(threads);
    return 0;
}
