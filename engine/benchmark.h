#pragma once
// The engine's face towards app/session: one benchmark run of one model configuration.
// No LibTorch in this header (it is included by code that must compile fast); the model,
// tensors and kernels live behind the pimpl.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace optibench::engine {

// A failure the user can act on. what() names the file or the field and the problem.
class EngineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Thrown out of a run when the progress callback asked to stop.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// Reports progress; return false to cancel (the run then throws Cancelled at the next check).
using ProgressFn = std::function<bool(const std::string &stage, std::int64_t done, std::int64_t total,
                                      const std::string &message)>;

// What the engine runs: the engine's own copy of the experiment spec's fields, so that the
// engine does not depend on app/core. app/session fills it from the spec.
struct RunConfig {
    std::string modelPath = "demo:tiny-bert";
    std::string modelFormat = "auto";
    std::string mode = "inference";
    std::string dataset = "demo:reviews";
    std::string split = "eval";
    int batchSize = 8;
    int maxLength = 128;
    int warmup = 3;
    int iterations = 20;
    int steps = 100;
    int evalEvery = 0;
    double learningRate = 5e-5;
    int warmupSteps = 10;
    std::string savePath; // training: where to save the trained model as a Hugging Face folder (empty: not saved)
    std::string precision = "fp32";
    std::string quantization = "none";
    bool quantizeEmbeddings = false; // dynamic-int8 / weight-int8: embedding tables int8 too
    std::string pruningMethod = "none";
    double pruningAmount = 0.0;
    std::string pruningScope = "global";
    bool pruneEmbeddings = false;
    std::string padding = "dynamic";
    int checkpointEvery = 0;
    int gradAccumulation = 1;
    bool freezeEmbeddings = false;
    int shareLayers = 0;
    // optimizations.distillation (training only): on when distillationTeacher is not empty.
    // The student is the model at modelPath cut to studentLayers / studentHidden (0: as is).
    std::string distillationTeacher;
    int studentLayers = 0;
    int studentHidden = 0;
    double distillationAlpha = 0.5;
    double distillationTemperature = 2.0;
    std::string device = "cpu";
    int threads = 2;
    std::uint64_t seed = 0;
};

struct Measurement {
    std::string key; // latency_p50_ms, throughput_tokens_s, ... (DESIGN.md "metrics")
    double value = 0;
    std::string unit;
};

struct SeriesSample {
    std::string name; // latency_ms, loss, memory_bytes, ...
    std::int64_t step = 0;
    double value = 0;
};

struct ModelSummary {
    std::string source;
    std::string format;       // hf | torchscript | demo
    std::string architecture;
    int layers = 0, hidden = 0, heads = 0, intermediate = 0, vocab = 0, maxPositions = 0, numLabels = 0;
    std::int64_t parameters = 0;
    std::int64_t sizeOnDiskBytes = 0;
    std::int64_t memoryBytes = 0;
    std::string dtype;
    std::string tokenizer;    // wordpiece | bpe | none
    std::string sha256;
    std::string note;         // what the user should know, e.g. "randomly initialised (not trained)"
};

struct RunReport {
    std::vector<Measurement> metrics;
    std::vector<SeriesSample> series;
};

class Benchmark {
public:
    Benchmark(RunConfig config, ProgressFn progress);
    ~Benchmark();
    Benchmark(const Benchmark &) = delete;
    Benchmark &operator=(const Benchmark &) = delete;

    // Loads model, tokenizer and dataset, computes the baseline outputs that quality needs,
    // then applies the optimizations in their fixed order. Throws EngineError or Cancelled.
    void prepare();
    const ModelSummary &model() const;

    // Warm-up and timed iterations, untraced; quality against the baseline; memory; FLOPs.
    RunReport measure();

    // The same forward passes as measure(), `iterations` of them, for a tracer the caller has
    // switched on; returns their wall time in ns. Layer ranges are opened with RecordFunction.
    std::int64_t tracedPass(int iterations);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// CPU, GPU, driver, CUDA, LibTorch, threads, OS as a JSON object text.
std::string environmentJson(int threads);
std::string libtorchVersion();
std::string cudaVersion();                 // empty without CUDA
std::vector<std::string> availableDevices(); // "cpu", "cuda:0", ...

} // namespace optibench::engine
