#include "engine/run/run_options.h"
#include "engine/data/batching.h"
#include "engine/formats/option_checks.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/linear.h"
#include "engine/optimize/precision.h"

namespace optibench::engine {

DistillationConfig distillationConfig(const RunConfig &c)
{
    return {c.distillationTeacher, c.studentLayers, c.studentHidden, c.distillationAlpha, c.distillationTemperature};
}

PruningOptions pruningOptions(const RunConfig &c)
{
    PruningOptions o;
    o.method = c.pruningMethod;
    o.amount = c.pruningAmount;
    o.scope = c.pruningScope;
    o.includeEmbeddings = c.pruneEmbeddings;
    return o;
}

TrainingOptions trainingOptions(const RunConfig &c)
{
    TrainingOptions o;
    o.steps = c.steps;
    o.evalEvery = c.evalEvery;
    o.learningRate = c.learningRate;
    o.warmupSteps = c.warmupSteps;
    o.gradAccumulation = c.gradAccumulation;
    o.checkpointEvery = c.checkpointEvery;
    o.freezeEmbeddings = c.freezeEmbeddings;
    o.quantizationAware = c.quantization == options::Quantization::Qat; // trains through fake quant, ends int8
    o.precision = c.precision;
    o.seed = c.seed;
    return o;
}

options::Choices choicesOf(const RunConfig &c)
{
    options::Choices o;
    o.mode = c.mode;
    o.device = c.device;
    o.precision = c.precision;
    o.quantization = c.quantization;
    o.quantizeEmbeddings = c.quantizeEmbeddings;
    o.pruningMethod = c.pruningMethod;
    o.pruningAmount = c.pruningAmount;
    o.pruningScope = c.pruningScope;
    o.pruneEmbeddings = c.pruneEmbeddings;
    o.checkpointEvery = c.checkpointEvery;
    o.gradAccumulation = c.gradAccumulation;
    o.freezeEmbeddings = c.freezeEmbeddings;
    o.shareLayers = c.shareLayers;
    o.distillation = c.distillation;
    o.hasTeacher = !c.distillationTeacher.empty();
    o.savesModel = !c.savePath.empty();
    o.steps = c.steps;
    o.evalEvery = c.evalEvery;
    return o;
}

void validatePrecision(const RunConfig &c)
{
    requireValid(choicesOf(c)); // the rules of options/rules.h, the spec's own
    if (options::isCudaDevice(c.device))
        return;
    // What the table cannot know: which half types this LibTorch runs on the CPU.
    const auto p = c.precision;
    const at::ScalarType dtype = p == options::Precision::AmpBf16 ? at::kBFloat16 : modelDtype(p);
    std::string why;
    if (dtype != at::kFloat && !cpuSupportsDtype(dtype, &why))
        throw EngineError("optimizations.precision: " + options::name(p) + " on the CPU needs " + dtypeName(dtype)
                          + " matmuls, which this LibTorch " + compat::torchVersionString() + " lacks (" + why + ")");
}

namespace {

void requireRanges(const RunConfig &c)
{
    namespace range = options::range;
    requireInRange(range::threads, c.threads);
    requireInRange(range::batchSize, c.batchSize);
    requireInRange(range::maxLength, c.maxLength);
    requireInRange(range::warmup, c.warmup);
    requireInRange(range::iterations, c.iterations);
    requireInRange(range::blocks, c.blocks);
    requireInRange(range::minBlockMs, c.minBlockMs);
    requireInRange(range::checkpointEvery, c.checkpointEvery);
    requireInRange(range::gradAccumulation, c.gradAccumulation);
    requireInRange(range::shareLayers, c.shareLayers);
    requireInRange(range::pruningAmount, c.pruningAmount);
    if (c.mode == options::Mode::Training)
        requireTrainingRanges(trainingOptions(c));
    if (c.mode == options::Mode::Generation) {
        requireInRange(range::promptLength, c.generation.promptLength);
        requireInRange(range::newTokens, c.generation.newTokens);
        requireInRange(range::samplingTemperature, c.generation.temperature);
        requireInRange(range::topK, c.generation.topK);
        requireInRange(range::topP, c.generation.topP);
    }
}

} // namespace

void validateRunConfig(const RunConfig &c)
{
    requireRanges(c);
    validatePrecision(c); // the combination rules, then what this LibTorch runs
    if (c.distillation)
        validateDistillation(distillationConfig(c));
    if (c.device != "cpu" && !options::isCudaDevice(c.device))
        throw EngineError("device: unknown device '" + c.device + "' (cpu, cuda, cuda:N)");
#if !defined(OPTIBENCH_HAVE_CUDA)
    if (options::isCudaDevice(c.device))
        throw EngineError("device: '" + c.device + "' needs a CUDA build of LibTorch; this build is CPU-only");
#endif
}

} // namespace optibench::engine
