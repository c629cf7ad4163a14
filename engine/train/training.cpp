// The training runner. See engine/train/training.h.
#include "engine/train/training.h"
#include "engine/formats/strings.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/quantize.h"
#include "engine/measure/metrics.h"
#include "engine/train/loss_scale.h"
#include "engine/train/qat.h"

#include <c10/core/InferenceMode.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

namespace optibench::engine {

namespace {

// latency_p50_ms, latency_p90_ms, latency_mean_ms and throughput_tokens_s of an evaluation's
// timed forward passes, set in `metrics` (replaced where present, else added).
void setLatencyMetrics(const Evaluation &e, std::vector<Measurement> &metrics)
{
    const auto stats = latencyStats(e.latencyMs);
    const double totalMs = std::accumulate(e.latencyMs.begin(), e.latencyMs.end(), 0.0);
    auto set = [&](const char *key, double value, const char *unit) {
        auto it = std::find_if(metrics.begin(), metrics.end(), [&](const Measurement &m) { return m.key == key; });
        if (it == metrics.end())
            metrics.push_back({key, value, unit});
        else
            it->value = value;
    };
    set("latency_p50_ms", stats.p50, "ms");
    set("latency_p90_ms", stats.p90, "ms");
    set("latency_mean_ms", stats.mean, "ms");
    set("throughput_tokens_s", totalMs > 0 ? static_cast<double>(e.tokens) / (totalMs / 1000.0) : 0.0, "tokens/s");
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Autocast for one forward pass. The cast cache holds bf16/fp16 copies of the weights; it is
// cleared after every pass because the optimizer changes the weights in place.
class AutocastScope {
public:
    AutocastScope(const std::string &precision, const at::Device &device)
    {
        if (precision == "amp-bf16")
            m_dtype = at::kBFloat16;
        else if (precision == "amp-fp16")
            m_dtype = at::kHalf;
        else
            return;
        m_device = device.is_cuda() ? at::kCUDA : at::kCPU;
        compat::setAutocast(m_device, true, m_dtype);
        m_on = true;
    }
    ~AutocastScope()
    {
        if (!m_on)
            return;
        compat::setAutocast(m_device, false, m_dtype);
        at::autocast::clear_cache();
    }
    AutocastScope(const AutocastScope &) = delete;
    AutocastScope &operator=(const AutocastScope &) = delete;

private:
    bool m_on = false;
    at::DeviceType m_device = at::kCPU;
    at::ScalarType m_dtype = at::kFloat;
};

// Scales all gradients so that their global L2 norm is at most maxNorm; returns the norm.
double clipGradNorm(const std::vector<at::Tensor> &parameters, double maxNorm)
{
    std::vector<at::Tensor> norms;
    for (const auto &p : parameters)
        if (p.grad().defined())
            norms.push_back(p.grad().norm(2).to(at::kFloat));
    if (norms.empty())
        return 0.0;
    const double total = at::stack(norms).norm(2).item<double>();
    const double coefficient = maxNorm / (total + 1e-6);
    if (coefficient < 1.0)
        for (const auto &p : parameters)
            if (p.grad().defined())
                p.grad().mul_(coefficient);
    return total;
}

void checkOptions(const TrainingOptions &o, const at::Device &device)
{
    auto fail = [](const std::string &m) { throw EngineError(m); };
    if (o.steps < 1)
        fail("task.steps: must be at least 1, is " + std::to_string(o.steps));
    if (o.evalEvery < 0)
        fail("task.eval_every: must not be negative, is " + std::to_string(o.evalEvery));
    if (!(o.learningRate > 0) || !std::isfinite(o.learningRate))
        fail("task.learning_rate: must be a positive number, is " + std::to_string(o.learningRate));
    if (o.warmupSteps < 0)
        fail("task.warmup_steps: must not be negative, is " + std::to_string(o.warmupSteps));
    if (o.gradAccumulation < 1)
        fail("optimizations.grad_accumulation: must be at least 1, is " + std::to_string(o.gradAccumulation));
    if (o.checkpointEvery < 0)
        fail("optimizations.checkpoint_every: must not be negative, is " + std::to_string(o.checkpointEvery));
    if (o.precision != "fp32" && o.precision != "amp-bf16" && o.precision != "amp-fp16")
        fail("optimizations.precision: '" + o.precision
             + "' is not a training precision (fp32, amp-bf16, amp-fp16: autocast with fp32 master weights)");
    if (o.precision == "amp-fp16" && !device.is_cuda())
        fail("optimizations.precision: amp-fp16 training needs a CUDA device (fp16 on the CPU has no fast "
             "kernels); use amp-bf16 on the CPU");
    if (o.quantizationAware && o.precision != "fp32")
        fail("optimizations.precision: qat trains through fp32 fake-quant linears; use precision fp32");
    if (o.quantizationAware && device.is_cuda())
        fail("device: qat converts the trained model to the CPU's int8 kernels; train it on the CPU");
}

// True when every Linear of the model is a FakeQuantLinear holding the model's current
// parameter tensors (so that the optimizer's updates reach it).
bool holdsFakeQuantOverParameters(NativeModel &model)
{
    const auto names = model.linearNames();
    const auto ops = fakeQuantLinears(model);
    if (names.empty() || ops.size() != names.size())
        return false;
    const auto &params = model.parameters();
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto w = params.find(names[i] + ".weight");
        auto b = params.find(names[i] + ".bias");
        if (w == params.end() || ops[i]->weight().unsafeGetTensorImpl() != w->second.unsafeGetTensorImpl())
            return false;
        if ((b == params.end()) != !ops[i]->bias().defined())
            return false;
        if (b != params.end() && ops[i]->bias().unsafeGetTensorImpl() != b->second.unsafeGetTensorImpl())
            return false;
    }
    return true;
}

// Per-epoch batch order from the seed: the same seed, the same order.
class BatchCycle {
public:
    BatchCycle(std::size_t count, std::uint64_t seed) : m_order(count), m_rng(seed) { reshuffle(); }
    std::size_t next()
    {
        if (m_pos == m_order.size()) {
            reshuffle();
        }
        return m_order[m_pos++];
    }

private:
    void reshuffle()
    {
        std::iota(m_order.begin(), m_order.end(), std::size_t{0});
        // Fisher-Yates with the engine's own draws, so the order does not depend on the
        // standard library's shuffle.
        for (std::size_t i = m_order.size(); i > 1; --i)
            std::swap(m_order[i - 1], m_order[static_cast<std::size_t>(m_rng() % i)]);
        m_pos = 0;
    }
    std::vector<std::size_t> m_order;
    std::mt19937_64 m_rng;
    std::size_t m_pos = 0;
};

} // namespace

double learningRateAt(int step, int steps, int warmupSteps, double peak)
{
    if (step < warmupSteps)
        return peak * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
    const int decaySteps = std::max(1, steps - warmupSteps);
    return peak * static_cast<double>(std::max(0, steps - step)) / static_cast<double>(decaySteps);
}

at::Tensor classificationLoss(const at::Tensor &logits, const at::Tensor &labels)
{
    return at::cross_entropy_loss(logits.to(at::kFloat), labels.to(logits.device()));
}

at::Tensor nextTokenLoss(const at::Tensor &logits, const at::Tensor &ids, const at::Tensor &mask)
{
    const auto S = logits.size(1);
    auto scores = logits.slice(1, 0, S - 1).to(at::kFloat);
    auto targets = ids.slice(1, 1, S).to(logits.device());
    auto keep =
        mask.slice(1, 0, S - 1).to(logits.device()).gt(0).logical_and(mask.slice(1, 1, S).to(logits.device()).gt(0));
    targets = targets.masked_fill(keep.logical_not(), -100);
    return at::cross_entropy_loss(scores.reshape({-1, scores.size(-1)}), targets.reshape({-1}), {}, at::Reduction::Mean,
                                  -100);
}

LossFn defaultLoss(const Model &model)
{
    if (model.isLanguageModel())
        return [&model](const Batch &b) {
            return nextTokenLoss(model.forward(b.inputIds, b.attentionMask, b.tokenTypeIds), b.inputIds,
                                 b.attentionMask);
        };
    if (model.config().numLabels <= 0)
        throw EngineError("model.path: a bare encoder (no classification head) has no training objective");
    return [&model](const Batch &b) {
        return classificationLoss(model.forward(b.inputIds, b.attentionMask, b.tokenTypeIds), b.labels);
    };
}

bool isEmbeddingParameter(const std::string &name)
{
    return name.find("embeddings.") != std::string::npos || name == "transformer.wte.weight"
        || name == "transformer.wpe.weight";
}

bool decays(const std::string &name)
{
    return !endsWith(name, ".bias") && name.find("LayerNorm") == std::string::npos
        && name.find("layer_norm") == std::string::npos && name.find(".ln_") == std::string::npos;
}

std::vector<std::pair<std::string, at::Tensor>> enableTraining(NativeModel &model, const TrainingOptions &options)
{
    std::vector<std::pair<std::string, at::Tensor>> trainable;
    std::map<const void *, bool> frozen; // per tensor: frozen when any of its names is
    for (auto &[name, t] : model.mutableParameters()) {
        const bool f = options.freezeEmbeddings && isEmbeddingParameter(name);
        auto [it, fresh] = frozen.emplace(t.unsafeGetTensorImpl(), f);
        if (!fresh)
            it->second = it->second || f;
    }
    std::set<const void *> seen;
    for (auto &[name, t] : model.mutableParameters()) {
        // Leaves of their own: a parameter must not carry history from a previous computation.
        if (t.grad_fn())
            throw EngineError("model: parameter " + name + " is not a leaf tensor");
        const bool f = frozen.at(t.unsafeGetTensorImpl());
        t.requires_grad_(!f);
        if (!f && seen.insert(t.unsafeGetTensorImpl()).second)
            trainable.emplace_back(name, t);
    }
    if (options.quantizationAware) {
        // FakeQuantLinear's forward is differentiable already (fake_quantize_* pass the gradient
        // straight through to the parameter tensors, autograd::linear does the product).
        if (!holdsFakeQuantOverParameters(model))
            insertFakeQuant(model, options.qat);
        setFakeQuantObserving(model, true);
    } else {
        model.setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeTrainableLinear(w, b); });
    }
    model.setCheckpointEvery(options.checkpointEvery);
    return trainable;
}

void disableTraining(NativeModel &model)
{
    for (auto &[name, t] : model.mutableParameters()) {
        t.mutable_grad() = at::Tensor();
        t.requires_grad_(false);
    }
    const auto names = model.linearNames();
    const bool converted = !names.empty() && std::all_of(names.begin(), names.end(), [&](const std::string &n) {
        return model.linear(n).kind() == "dynamic-int8";
    });
    if (!converted)
        model.setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
    model.setCheckpointEvery(0);
}

Evaluation evaluate(const Model &model, const std::vector<Batch> &batches)
{
    at::NoGradGuard noGrad;
    Evaluation e;
    double lossSum = 0;
    std::int64_t correct = 0;
    const bool lm = model.isLanguageModel();
    std::vector<at::Tensor> predictions;
    for (const auto &b : batches) {
        const auto t0 = std::chrono::steady_clock::now();
        auto out = model.forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
        compat::synchronize(out.device());
        e.latencyMs.push_back(msSince(t0));
        e.tokens += b.realTokens;
        if (lm) {
            const auto l = lmLoss(out, b.inputIds, b.attentionMask);
            lossSum += l.nll;
            e.examples += l.tokens;
        } else {
            const auto n = b.inputIds.size(0);
            lossSum += classificationLoss(out, b.labels).item<double>() * static_cast<double>(n);
            auto predicted = out.argmax(-1).cpu();
            correct += predicted.eq(b.labels.cpu()).sum().item<std::int64_t>();
            predictions.push_back(std::move(predicted));
            e.examples += n;
        }
    }
    if (!predictions.empty())
        e.predictions = at::cat(predictions);
    e.loss = e.examples > 0 ? lossSum / static_cast<double>(e.examples) : 0.0;
    if (!lm)
        e.accuracy = e.examples > 0 ? static_cast<double>(correct) / static_cast<double>(e.examples) : 0.0;
    return e;
}

TrainingResult train(NativeModel &model, const std::vector<Batch> &trainBatches, const std::vector<Batch> &evalBatches,
                     const TrainingOptions &options, const LossFn &loss, const ProgressFn &progress,
                     const StepHook &afterStep)
{
    auto report = [&](const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message) {
        if (progress && !progress(stage, done, total, message))
            throw Cancelled();
    };
    if (trainBatches.empty())
        throw EngineError("task.dataset: the train split has no batches");
    const at::Device device = trainBatches.front().inputIds.device();
    checkOptions(options, device);
    const bool qat = options.quantizationAware;
    if (qat && !enableDynamicInt8())
        throw EngineError("optimizations.quantization: qat converts to int8 kernels (oneDNN or LibTorch's ONEDNN "
                          "quantized engine), which this build lacks");
    at::manual_seed(options.seed);

    const auto named = enableTraining(model, options);
    std::vector<at::Tensor> params;
    std::vector<at::Tensor> decayed, undecayed;
    std::int64_t trainableCount = 0;
    for (const auto &[name, t] : named) {
        params.push_back(t);
        (decays(name) ? decayed : undecayed).push_back(t);
        trainableCount += t.numel();
    }
    if (params.empty())
        throw EngineError("optimizations.freeze_embeddings: no parameter is left to train");

    std::vector<torch::optim::OptimizerParamGroup> groups;
    auto defaults = torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay);
    if (!decayed.empty())
        groups.emplace_back(decayed, std::make_unique<torch::optim::AdamWOptions>(defaults));
    if (!undecayed.empty())
        groups.emplace_back(undecayed,
                            std::make_unique<torch::optim::AdamWOptions>(
                                torch::optim::AdamWOptions(defaults).weight_decay(0.0)));
    torch::optim::AdamW optimizer(std::move(groups), defaults);

    const bool fp16 = options.precision == "amp-fp16";
    DynamicLossScaler scaler;
    BatchCycle cycle(trainBatches.size(), options.seed);
    TrainingResult result;
    auto &series = result.series;
    std::vector<double> stepMs;
    std::int64_t tokens = 0;
    int optimizerSteps = 0;
    resetPeakRss();
#if defined(OPTIBENCH_HAVE_CUDA)
    if (device.is_cuda())
        compat::cudaResetPeak(device.has_index() ? device.index() : 0);
#endif
    auto memoryNow = [&]() -> std::int64_t {
#if defined(OPTIBENCH_HAVE_CUDA)
        if (device.is_cuda())
            return static_cast<std::int64_t>(
                c10::cuda::CUDACachingAllocator::getDeviceStats(
                    static_cast<c10::DeviceIndex>(device.has_index() ? device.index() : 0))
                    .allocated_bytes[0] // StatType::AGGREGATE, as compat::cudaPeakAllocatedBytes
                    .current);
#endif
        return currentRssBytes();
    };
    auto runEval = [&](int step) {
        report("evaluating", step, options.steps, "evaluating on " + std::to_string(evalBatches.size()) + " batches");
        if (qat)
            setFakeQuantObserving(model, false); // the eval split does not move the learnt ranges
        auto e = evaluate(model, evalBatches);
        if (qat)
            setFakeQuantObserving(model, true);
        if (e.accuracy >= 0)
            series.push_back({"eval_accuracy", step, e.accuracy});
        series.push_back({"eval_loss", step, e.loss});
        return e;
    };

    const int k = options.gradAccumulation;
    for (int step = 0; step < options.steps; ++step) {
        report("training", step, options.steps,
               result.losses.empty() ? std::string() : "loss " + std::to_string(result.losses.back()));
        const auto t0 = std::chrono::steady_clock::now();
        const double lr = learningRateAt(step, options.steps, options.warmupSteps, options.learningRate);
        for (auto &group : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);
        optimizer.zero_grad();
        double stepLoss = 0;
        for (int micro = 0; micro < k; ++micro) {
            const auto &batch = trainBatches[cycle.next()];
            at::Tensor l;
            {
                AutocastScope autocast(options.precision, device);
                l = loss(batch);
            }
            TORCH_CHECK(l.dim() == 0, "the training loss must be a scalar, is ", l.sizes());
            auto scaled = l / static_cast<double>(k);
            (fp16 ? scaler.scaleLoss(scaled) : scaled).backward();
            stepLoss += l.item<double>() / static_cast<double>(k);
            tokens += batch.realTokens;
        }
        bool apply = true;
        if (fp16) {
            apply = scaler.unscale(params);
            scaler.update(apply);
            series.push_back({"loss_scale", step + 1, scaler.scale()});
        }
        if (apply) {
            if (options.maxGradNorm > 0)
                clipGradNorm(params, options.maxGradNorm);
            optimizer.step();
            ++optimizerSteps;
            if (afterStep)
                afterStep(step + 1);
        }
        compat::synchronize(device);
        const double ms = msSince(t0);
        stepMs.push_back(ms);
        result.losses.push_back(stepLoss);
        series.push_back({"loss", step + 1, stepLoss});
        series.push_back({"step_time_ms", step + 1, ms});
        series.push_back({"memory_bytes", step + 1, static_cast<double>(memoryNow())});
        series.push_back({"learning_rate", step + 1, lr});
        if (!std::isfinite(stepLoss) && !fp16)
            throw EngineError("task.learning_rate: the training loss became " + std::to_string(stepLoss) + " at step "
                              + std::to_string(step + 1) + "; try a lower learning rate");
        if (options.evalEvery > 0 && (step + 1) % options.evalEvery == 0 && step + 1 < options.steps)
            runEval(step + 1);
    }
    report("training", options.steps, options.steps, "");
    optimizer.zero_grad();

    std::int64_t peakMemory = peakRssBytes();
#if defined(OPTIBENCH_HAVE_CUDA)
    if (device.is_cuda())
        peakMemory = compat::cudaPeakAllocatedBytes(device.has_index() ? device.index() : 0);
#endif
    result.finalEval = evalBatches.empty() ? Evaluation{} : runEval(options.steps);
    Evaluation fakeQuantEval;
    if (qat) {
        // The fake-quant model was evaluated above; now the real int8 model of the same weights.
        fakeQuantEval = std::move(result.finalEval);
        result.finalEval = Evaluation{};
        report("evaluating", options.steps, options.steps, "converting the fake-quant linears to int8");
        convertQat(model);
        disableTraining(model); // keeps the int8 linears
        if (!evalBatches.empty()) {
            report("evaluating", options.steps, options.steps, "evaluating the int8 model");
            {
                // One untimed pass: the int8 kernels have not run yet (training warmed fp32 ones).
                at::NoGradGuard noGrad;
                const auto &b = evalBatches.front();
                model.forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
            }
            result.finalEval = evaluate(model, evalBatches);
        }
    }
    report("evaluating", options.steps, options.steps, "");

    // The final loss: mean over the last tenth of the steps (at least one), less noisy than one batch.
    const std::size_t tail = std::max<std::size_t>(1, result.losses.size() / 10);
    double finalLoss = 0;
    for (std::size_t i = result.losses.size() - tail; i < result.losses.size(); ++i)
        finalLoss += result.losses[i];
    finalLoss /= static_cast<double>(tail);
    double totalMs = 0;
    for (double v : stepMs)
        totalMs += v;

    auto add = [&](const char *key, double value, const char *unit) { result.metrics.push_back({key, value, unit}); };
    add("train_loss_final", finalLoss, "nats");
    add("step_time_mean_ms", totalMs / static_cast<double>(stepMs.size()), "ms");
    add("train_throughput_tokens_s", totalMs > 0 ? static_cast<double>(tokens) / (totalMs / 1000.0) : 0.0, "tokens/s");
    add("train_tokens", static_cast<double>(tokens), "tokens");
    add("optimizer_steps", optimizerSteps, "count");
    add("trainable_parameters", static_cast<double>(trainableCount), "count");
    add("peak_memory_bytes", static_cast<double>(peakMemory), "bytes");
    add("parameters", static_cast<double>(model.parameterCount()), "count");
    add("model_bytes", static_cast<double>(model.modelBytes()), "bytes");
    if (fp16)
        add("skipped_steps", scaler.skippedSteps(), "count");
    if (!evalBatches.empty()) {
        const auto &e = result.finalEval;
        add("eval_loss", e.loss, "nats");
        if (e.accuracy >= 0)
            add("accuracy", e.accuracy, "ratio");
        else
            add("perplexity", std::exp(e.loss), "");
        add("eval_examples", static_cast<double>(e.examples), "count");
        if (qat) {
            const auto &f = fakeQuantEval;
            add("eval_loss_fake_quant", f.loss, "nats");
            if (f.accuracy >= 0)
                add("accuracy_fake_quant", f.accuracy, "ratio");
            else
                add("perplexity_fake_quant", std::exp(f.loss), "");
            if (f.predictions.defined() && e.predictions.defined() && f.predictions.numel() == e.predictions.numel())
                add("agreement_fake_quant", f.predictions.eq(e.predictions).to(at::kDouble).mean().item<double>(),
                    "ratio");
        }
        if (options.reportLatency && !e.latencyMs.empty()) {
            // The final evaluation's forward passes, timed: the trained model's inference cost
            // on the eval split (no warm-up of their own; training warmed the kernels).
            setLatencyMetrics(e, result.metrics);
        }
    }
    return result;
}

void timeForInference(const Model &model, const std::vector<Batch> &batches, std::vector<Measurement> &metrics)
{
    if (batches.empty())
        return;
    c10::InferenceMode inference;
    setLatencyMetrics(evaluate(model, batches), metrics);
}

} // namespace optibench::engine
