#include "engine/run/run_options.h"
#include "engine/data/batching.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/linear.h"
#include "engine/optimize/precision.h"

#include <algorithm>
#include <stdexcept>

namespace optibench::engine {

bool isCudaDevice(const std::string &device)
{
    return device == "cuda" || device.rfind("cuda:", 0) == 0;
}

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
    o.quantizationAware = c.quantization == "qat"; // trains through fake quant, ends converted to int8
    o.precision = c.precision;
    o.seed = c.seed;
    return o;
}

namespace {

std::string joined(const std::vector<std::string> &values)
{
    std::string s;
    for (const auto &v : values)
        s += (s.empty() ? "" : ", ") + v;
    return s;
}

} // namespace

void validatePrecision(const RunConfig &c)
{
    auto fail = [](const std::string &msg) { throw EngineError(msg); };
    const auto &p = c.precision;
    const auto &q = c.quantization;
    if (std::find(knownPrecisions().begin(), knownPrecisions().end(), p) == knownPrecisions().end())
        fail("optimizations.precision: unknown precision '" + p + "' (" + joined(knownPrecisions()) + ")");
    if (std::find(knownQuantizations().begin(), knownQuantizations().end(), q) == knownQuantizations().end())
        fail("optimizations.quantization: unknown quantization '" + q + "' (" + joined(knownQuantizations()) + ")");
    const bool cuda = isCudaDevice(c.device);

    if (p == "tf32" && !cuda)
        fail("optimizations.precision: tf32 is a CUDA matmul mode (TensorFloat-32 on tensor cores); the device is '"
             + c.device + "' (use fp32, bf16 or amp-bf16 on the CPU)");
    if (p == "amp-fp16" && !cuda)
        fail("optimizations.precision: amp-fp16 autocasts to float16, which the CPU autocast does not do; the "
             "device is '"
             + c.device + "' (use amp-bf16 on the CPU)");
    if (!cuda && modelDtype(p) != at::kFloat) {
        std::string why;
        if (!cpuSupportsDtype(modelDtype(p), &why))
            fail("optimizations.precision: " + p + " on the CPU needs " + dtypeName(modelDtype(p))
                 + " matmuls, which this LibTorch " + compat::torchVersionString() + " lacks (" + why + ")");
    }
    if (!cuda && p == "amp-bf16") {
        std::string why;
        if (!cpuSupportsDtype(at::kBFloat16, &why))
            fail("optimizations.precision: amp-bf16 on the CPU needs bf16 matmuls, which this LibTorch "
                 + compat::torchVersionString() + " lacks (" + why + ")");
    }

    // dynamic-int8 and qat compute with the CPU's int8 kernels on fp32 activations.
    if ((q == "dynamic-int8" || q == "qat") && cuda)
        fail("optimizations.quantization: " + q
             + " runs on the CPU only (int8 kernels of LibTorch's ONEDNN "
               "quantized engine); the device is '"
             + c.device + "'");
    if ((q == "dynamic-int8" || q == "qat") && p != "fp32")
        fail("optimizations.quantization: " + q + " takes fp32 activations, so it needs precision fp32 (is " + p + ")");
    if (autocastDtype(p) != at::ScalarType::Undefined && q != "none")
        fail("optimizations.quantization: " + q + " replaces the Linears that " + p + " runs in autocast; combine " + p
             + " with quantization none");
    if ((q == "fp16-weights" && p == "fp16") || (q == "bf16-weights" && p == "bf16"))
        fail("optimizations.quantization: " + q + " changes nothing with precision " + p
             + "; the weights already have that type");
    if (c.mode != "inference" && q != "none" && q != "qat")
        fail("optimizations.quantization: " + q + " is post-training quantization; training accepts none or qat");
}

void validateRunConfig(const RunConfig &c)
{
    auto fail = [](const std::string &msg) { throw EngineError(msg); };
    if (c.mode != "inference" && c.mode != "training")
        fail("task.mode: '" + c.mode + "' is not a mode (inference, training)");
    validatePrecision(c);               // optimizations.precision and .quantization (above)
    validatePruning(pruningOptions(c)); // optimizations.pruning (engine/optimize/prune.h)
    try {
        parsePadding(c.padding);
    } catch (const std::invalid_argument &e) {
        fail(std::string("optimizations.") + e.what());
    }
    const bool training = c.mode == "training";
    if (c.checkpointEvery < 0)
        fail("optimizations.checkpoint_every: must not be negative, is " + std::to_string(c.checkpointEvery));
    if (c.gradAccumulation < 1)
        fail("optimizations.grad_accumulation: must be at least 1, is " + std::to_string(c.gradAccumulation));
    if (!training && c.checkpointEvery != 0)
        fail("optimizations.checkpoint_every: gradient checkpointing acts on training only; task.mode is inference");
    if (!training && c.gradAccumulation != 1)
        fail("optimizations.grad_accumulation: gradient accumulation acts on training only; task.mode is inference");
    if (c.quantizeEmbeddings && c.quantization != "dynamic-int8" && c.quantization != "weight-int8")
        fail("optimizations.quantize_embeddings: int8 embedding tables go with quantization dynamic-int8 or "
             "weight-int8 (quantization is "
             + c.quantization + ")");
    if (!training && c.freezeEmbeddings)
        fail("optimizations.freeze_embeddings: freezing embeddings acts on training only; task.mode is inference");
    if (!training && !c.savePath.empty())
        fail("task.save_path: saving a trained model needs task.mode training");
    if (!c.savePath.empty() && c.pruningMethod == "neurons")
        fail("task.save_path: neurons pruning leaves each layer its own FFN width, which a Hugging Face "
             "config.json cannot describe (it has one intermediate_size); prune heads or magnitude to save");
    if (training) {
        if (c.steps < 1)
            fail("task.steps: must be at least 1, is " + std::to_string(c.steps));
        if (c.evalEvery < 0 || c.evalEvery > c.steps)
            fail("task.eval_every: must be between 0 and task.steps (" + std::to_string(c.steps) + "), is "
                 + std::to_string(c.evalEvery));
        if (!(c.learningRate > 0))
            fail("task.learning_rate: must be positive, is " + std::to_string(c.learningRate));
        if (c.warmupSteps < 0)
            fail("task.warmup_steps: must not be negative, is " + std::to_string(c.warmupSteps));
    }
    if (!c.distillationTeacher.empty()) {
        if (!training)
            fail("optimizations.distillation: distillation trains a student; task.mode is inference");
        validateDistillation(distillationConfig(c));
    }
    if (c.shareLayers < 0)
        fail("optimizations.share_layers: layers per group must be at least 1 (0: off), is "
             + std::to_string(c.shareLayers));
    if (c.device != "cpu" && !isCudaDevice(c.device))
        fail("device: unknown device '" + c.device + "' (cpu, cuda, cuda:N)");
#if !defined(OPTIBENCH_HAVE_CUDA)
    if (isCudaDevice(c.device))
        fail("device: '" + c.device + "' needs a CUDA build of LibTorch; this build is CPU-only");
#endif
    if (c.threads < 1)
        fail("threads: must be at least 1, is " + std::to_string(c.threads));
    if (c.batchSize < 1)
        fail("task.batch_size: must be at least 1, is " + std::to_string(c.batchSize));
    if (c.maxLength < 2)
        fail("task.max_length: must be at least 2, is " + std::to_string(c.maxLength));
    if (c.warmup < 0)
        fail("task.warmup: must not be negative, is " + std::to_string(c.warmup));
    if (c.iterations < 1)
        fail("task.iterations: must be at least 1, is " + std::to_string(c.iterations));
}

} // namespace optibench::engine
