#pragma once
// The run's configuration as the engine reads it. No LibTorch in this header.
#include <cstdint>
#include <string>

namespace optibench::engine {

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

} // namespace optibench::engine
