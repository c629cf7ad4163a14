#pragma once
// The run's configuration as the engine reads it. No LibTorch in this header.
#include "options/generation.h"
#include "options/values.h"

#include <cstdint>
#include <string>

namespace optibench::engine {

// What the engine runs: the engine's own copy of the experiment spec's fields, so that the
// engine does not depend on app/core. app/session fills it from the spec.
struct RunConfig {
    std::string modelPath = "demo:tiny-bert";
    std::string modelFormat = "auto";
    options::Mode mode = options::Mode::Inference;
    std::string dataset = "demo:reviews";
    options::Split split = options::Split::Eval;
    int batchSize = 8;
    int maxLength = 128;
    int warmup = 3;      // inference: untimed batches; generation: untimed generations
    int iterations = 20; // the workload: timed batches that each block passes over whole
    int blocks = 5;      // timed blocks (engine/run/inference_pass.cpp); generation: timed generations
    options::GenerationSettings generation;                      // mode generation (engine/run/generation_pass.h)
    double minBlockMs = 50;                                      // each block also times at least this long
    options::QualityScope quality = options::QualityScope::Auto; // which batches quality is scored on
    int steps = 100;
    int evalEvery = 0;
    double learningRate = 5e-5;
    int warmupSteps = 10;
    std::string savePath; // training: where to save the trained model as a Hugging Face folder (empty: not saved)
    options::Precision precision = options::Precision::Fp32;
    options::Quantization quantization = options::Quantization::None;
    bool quantizeEmbeddings = false; // dynamic-int8 / weight-int8: embedding tables int8 too
    options::PruningMethod pruningMethod = options::PruningMethod::None;
    double pruningAmount = 0.0;
    options::PruningScope pruningScope = options::PruningScope::Global;
    bool pruneEmbeddings = false;
    options::Padding padding = options::Padding::Dynamic;
    int checkpointEvery = 0;
    int gradAccumulation = 1;
    bool freezeEmbeddings = false;
    int shareLayers = 0;
    // optimizations.distillation (training only), from the model at distillationTeacher (which
    // the rules refuse to be empty).
    // The student is the model at modelPath cut to studentLayers / studentHidden (0: as is).
    bool distillation = false;
    std::string distillationTeacher;
    int studentLayers = 0;
    int studentHidden = 0;
    double distillationAlpha = 0.5;
    double distillationTemperature = 2.0;
    std::string device = "cpu";
    int threads = 2;
    std::uint64_t seed = 0;
};

} // namespace optibench::engine
