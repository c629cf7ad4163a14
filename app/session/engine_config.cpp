#include "app/session/engine_config.h"

namespace optibench::session {

engine::RunConfig toEngineConfig(const core::ExperimentSpec &spec)
{
    engine::RunConfig c;
    c.modelPath = spec.model.path;
    c.modelFormat = spec.model.format;
    c.mode = spec.task.mode;
    c.dataset = spec.task.dataset;
    c.split = spec.task.split;
    c.quality = spec.task.quality;
    c.batchSize = spec.task.batchSize;
    c.maxLength = spec.task.maxLength;
    c.warmup = spec.task.warmup;
    c.iterations = spec.task.iterations;
    c.blocks = spec.task.blocks;
    c.minBlockMs = spec.task.minBlockMs;
    c.steps = spec.task.steps;
    c.evalEvery = spec.task.evalEvery;
    c.learningRate = spec.task.learningRate;
    c.warmupSteps = spec.task.warmupSteps;
    c.savePath = spec.task.savePath;
    c.generation = spec.task.generation;

    const auto &o = spec.optimizations;
    c.precision = o.precision;
    c.quantization = o.quantization;
    c.pruningMethod = o.pruning.method;
    c.pruningAmount = o.pruning.amount;
    c.pruningScope = o.pruning.scope;
    c.pruneEmbeddings = o.pruning.includeEmbeddings;
    c.padding = o.padding;
    c.checkpointEvery = o.checkpointEvery;
    c.gradAccumulation = o.gradAccumulation;
    c.freezeEmbeddings = o.freezeEmbeddings;
    c.quantizeEmbeddings = o.quantizeEmbeddings;
    c.shareLayers = o.shareLayers;
    if (o.distillation) {
        c.distillation = true;
        c.distillationTeacher = o.distillation->teacher;
        c.studentLayers = o.distillation->studentLayers;
        c.studentHidden = o.distillation->studentHidden;
        c.distillationAlpha = o.distillation->alpha;
        c.distillationTemperature = o.distillation->temperature;
    }

    c.device = spec.device;
    c.threads = spec.threads;
    c.seed = spec.seed;
    return c;
}

} // namespace optibench::session
