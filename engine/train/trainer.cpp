// The training runner: train() and its step loop. See engine/train/training.h.
#include "engine/formats/option_checks.h"
#include "engine/formats/progress.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/quantize.h"
#include "engine/measure/device_memory.h"
#include "engine/measure/metric_builder.h"
#include "engine/measure/metrics.h"
#include "engine/optimize/precision.h"
#include "engine/train/loss_scale.h"
#include "engine/train/qat.h"
#include "engine/train/training.h"

#include <c10/core/InferenceMode.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

namespace optibench::engine {

namespace {

// latency_p50_ms, latency_p90_ms, latency_mean_ms and throughput_tokens_s of an evaluation's
// timed forward passes, set in `metrics` (replaced where present, else added).
void setLatencyMetrics(const Evaluation &e, MetricBuilder &metrics)
{
    const auto stats = latencyStats(e.latencyMs);
    const double totalMs = std::accumulate(e.latencyMs.begin(), e.latencyMs.end(), 0.0);
    metrics.set("latency_p50_ms", stats.p50, "ms");
    metrics.set("latency_p90_ms", stats.p90, "ms");
    metrics.set("latency_mean_ms", stats.mean, "ms");
    metrics.set("throughput_tokens_s", totalMs > 0 ? static_cast<double>(e.tokens) / (totalMs / 1000.0) : 0.0,
                "tokens/s");
}

// Autocast for one forward pass. The cast cache holds bf16/fp16 copies of the weights; it is
// cleared after every pass because the optimizer changes the weights in place.
class AutocastScope {
public:
    AutocastScope(options::Precision precision, const at::Device &device) : m_dtype(autocastDtype(precision))
    {
        if (m_dtype == at::ScalarType::Undefined)
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
    requireTrainingRanges(o);
    options::Choices c; // the training choices; the rest keep the spec's defaults
    c.mode = options::Mode::Training;
    c.device = device.is_cuda() ? "cuda" : "cpu";
    c.precision = o.precision;
    c.quantization = o.quantizationAware ? options::Quantization::Qat : options::Quantization::None;
    c.checkpointEvery = o.checkpointEvery;
    c.gradAccumulation = o.gradAccumulation;
    c.freezeEmbeddings = o.freezeEmbeddings;
    c.steps = o.steps;
    requireValid(c);
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

// The trainable parameters and their optimizer: AdamW with weight decay on the parameters that
// decay (not biases, layer norms or embeddings).
struct TrainingSetup {
    std::vector<at::Tensor> params;
    std::int64_t trainableCount = 0;
    std::unique_ptr<torch::optim::AdamW> optimizer;
};

TrainingSetup setUpTraining(NativeModel &model, const TrainingOptions &options, const at::Device &device)
{
    checkOptions(options, device);
    if (options.quantizationAware && !enableDynamicInt8())
        throw EngineError("optimizations.quantization: qat converts to int8 kernels (oneDNN or LibTorch's ONEDNN "
                          "quantized engine), which this build lacks");
    at::manual_seed(options.seed);
    TrainingSetup setup;
    std::vector<at::Tensor> decayed, undecayed;
    for (const auto &[name, t] : enableTraining(model, options)) {
        setup.params.push_back(t);
        (decays(name) ? decayed : undecayed).push_back(t);
        setup.trainableCount += t.numel();
    }
    if (setup.params.empty())
        throw EngineError("optimizations.freeze_embeddings: no parameter is left to train");
    std::vector<torch::optim::OptimizerParamGroup> groups;
    auto defaults = torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay);
    if (!decayed.empty())
        groups.emplace_back(decayed, std::make_unique<torch::optim::AdamWOptions>(defaults));
    if (!undecayed.empty())
        groups.emplace_back(undecayed,
                            std::make_unique<torch::optim::AdamWOptions>(
                                torch::optim::AdamWOptions(defaults).weight_decay(0.0)));
    setup.optimizer = std::make_unique<torch::optim::AdamW>(std::move(groups), defaults);
    return setup;
}

// The step loop: one optimizer step per call of step(), over options.gradAccumulation
// micro-batches, with its series, and the evaluations it asks for.
class TrainingLoop {
public:
    TrainingLoop(NativeModel &model, const std::vector<Batch> &trainBatches, const std::vector<Batch> &evalBatches,
                 const TrainingOptions &options, const LossFn &loss, const Progress &progress,
                 const StepHook &afterStep, TrainingSetup &setup, TrainingResult &result)
        : m_model(model)
        , m_trainBatches(trainBatches)
        , m_evalBatches(evalBatches)
        , m_options(options)
        , m_loss(loss)
        , m_progress(progress)
        , m_afterStep(afterStep)
        , m_setup(setup)
        , m_result(result)
        , m_device(trainBatches.front().inputIds.device())
        , m_cycle(trainBatches.size(), options.seed)
    {}

    void run()
    {
        resetPeakRss();
        resetDevicePeakMemory(m_device);
        for (int step = 0; step < m_options.steps; ++step) {
            m_progress("training", step, m_options.steps,
                       m_result.losses.empty() ? std::string() : "loss " + std::to_string(m_result.losses.back()));
            this->step(step);
            if (m_options.evalEvery > 0 && (step + 1) % m_options.evalEvery == 0 && step + 1 < m_options.steps)
                evaluateAt(step + 1);
        }
        m_progress("training", m_options.steps, m_options.steps);
        m_setup.optimizer->zero_grad();
        peakMemory = peakMemoryBytes(m_device);
    }

    // The eval split's loss and accuracy at `step`, added to the series.
    Evaluation evaluateAt(int step)
    {
        m_progress("evaluating", step, m_options.steps,
                   "evaluating on " + std::to_string(m_evalBatches.size()) + " batches");
        if (m_options.quantizationAware)
            setFakeQuantObserving(m_model, false); // the eval split does not move the learnt ranges
        auto e = evaluate(m_model, m_evalBatches);
        if (m_options.quantizationAware)
            setFakeQuantObserving(m_model, true);
        if (e.accuracy >= 0)
            m_result.series.push_back({"eval_accuracy", step, e.accuracy});
        m_result.series.push_back({"eval_loss", step, e.loss});
        return e;
    }

    bool fp16() const { return m_options.precision == options::Precision::AmpFp16; }

    std::vector<double> stepMs;
    std::int64_t tokens = 0;
    int optimizerSteps = 0;
    std::int64_t peakMemory = 0;
    DynamicLossScaler scaler;

private:
    void step(int step)
    {
        const auto t0 = std::chrono::steady_clock::now();
        const double lr = learningRateAt(step, m_options.steps, m_options.warmupSteps, m_options.learningRate);
        for (auto &group : m_setup.optimizer->param_groups())
            static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);
        m_setup.optimizer->zero_grad();
        const double stepLoss = accumulateGradients();
        bool apply = true;
        if (fp16()) {
            apply = scaler.unscale(m_setup.params);
            scaler.update(apply);
            m_result.series.push_back({"loss_scale", step + 1, scaler.scale()});
        }
        if (apply) {
            if (m_options.maxGradNorm > 0)
                clipGradNorm(m_setup.params, m_options.maxGradNorm);
            m_setup.optimizer->step();
            ++optimizerSteps;
            if (m_afterStep)
                m_afterStep(step + 1);
        }
        compat::synchronize(m_device);
        const double ms = msSince(t0);
        stepMs.push_back(ms);
        m_result.losses.push_back(stepLoss);
        auto &series = m_result.series;
        series.push_back({"loss", step + 1, stepLoss});
        series.push_back({"step_time_ms", step + 1, ms});
        series.push_back({"memory_bytes", step + 1, static_cast<double>(currentMemoryBytes(m_device))});
        series.push_back({"learning_rate", step + 1, lr});
        if (!std::isfinite(stepLoss) && !fp16())
            throw EngineError("task.learning_rate: the training loss became " + std::to_string(stepLoss) + " at step "
                              + std::to_string(step + 1) + "; try a lower learning rate");
    }

    // Forward and backward over the step's micro-batches; returns their mean loss.
    double accumulateGradients()
    {
        const int k = m_options.gradAccumulation;
        double stepLoss = 0;
        for (int micro = 0; micro < k; ++micro) {
            const auto &batch = m_trainBatches[m_cycle.next()];
            at::Tensor l;
            {
                AutocastScope autocast(m_options.precision, m_device);
                l = m_loss(batch);
            }
            TORCH_CHECK(l.dim() == 0, "the training loss must be a scalar, is ", l.sizes());
            auto scaled = l / static_cast<double>(k);
            (fp16() ? scaler.scaleLoss(scaled) : scaled).backward();
            stepLoss += l.item<double>() / static_cast<double>(k);
            tokens += batch.realTokens;
        }
        return stepLoss;
    }

    NativeModel &m_model;
    const std::vector<Batch> &m_trainBatches;
    const std::vector<Batch> &m_evalBatches;
    const TrainingOptions &m_options;
    const LossFn &m_loss;
    const Progress &m_progress;
    const StepHook &m_afterStep;
    TrainingSetup &m_setup;
    TrainingResult &m_result;
    at::Device m_device;
    BatchCycle m_cycle;
};

// qat: the fake-quant model was evaluated (result.finalEval); converts it to int8 and evaluates
// the int8 model of the same weights. Returns the fake-quant model's evaluation.
Evaluation finishQat(NativeModel &model, const std::vector<Batch> &evalBatches, const Progress &progress, int steps,
                     TrainingResult &result)
{
    Evaluation fakeQuant = std::move(result.finalEval);
    result.finalEval = Evaluation{};
    progress("evaluating", steps, steps, "converting the fake-quant linears to int8");
    convertQat(model);
    disableTraining(model); // keeps the int8 linears
    if (!evalBatches.empty()) {
        progress("evaluating", steps, steps, "evaluating the int8 model");
        {
            // One untimed pass: the int8 kernels have not run yet (training warmed fp32 ones).
            at::NoGradGuard noGrad;
            const auto &b = evalBatches.front();
            model.forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
        }
        result.finalEval = evaluate(model, evalBatches);
    }
    return fakeQuant;
}

// The final loss: mean over the last tenth of the steps (at least one), less noisy than one batch.
double finalLoss(const std::vector<double> &losses)
{
    const std::size_t tail = std::max<std::size_t>(1, losses.size() / 10);
    return std::accumulate(losses.end() - static_cast<std::ptrdiff_t>(tail), losses.end(), 0.0)
        / static_cast<double>(tail);
}

void addStepMetrics(MetricBuilder &m, const NativeModel &model, const TrainingLoop &loop, const TrainingSetup &setup,
                    const TrainingResult &result)
{
    const double totalMs = std::accumulate(loop.stepMs.begin(), loop.stepMs.end(), 0.0);
    m.add("train_loss_final", finalLoss(result.losses), "nats");
    m.add("step_time_mean_ms", totalMs / static_cast<double>(loop.stepMs.size()), "ms");
    m.add("train_throughput_tokens_s", totalMs > 0 ? static_cast<double>(loop.tokens) / (totalMs / 1000.0) : 0.0,
          "tokens/s");
    m.add("train_tokens", static_cast<double>(loop.tokens), "tokens");
    m.add("optimizer_steps", loop.optimizerSteps, "count");
    m.add("trainable_parameters", static_cast<double>(setup.trainableCount), "count");
    m.add("peak_memory_bytes", static_cast<double>(loop.peakMemory), "bytes");
    m.add("parameters", static_cast<double>(model.parameterCount()), "count");
    m.add("model_bytes", static_cast<double>(model.modelBytes()), "bytes");
    if (loop.fp16())
        m.add("skipped_steps", loop.scaler.skippedSteps(), "count");
}

void addEvalMetrics(MetricBuilder &m, const TrainingOptions &options, const TrainingResult &result,
                    const Evaluation *fakeQuant)
{
    const auto &e = result.finalEval;
    m.add("eval_loss", e.loss, "nats");
    if (e.accuracy >= 0)
        m.add("accuracy", e.accuracy, "ratio");
    else
        m.add("perplexity", std::exp(e.loss), "");
    m.add("eval_examples", static_cast<double>(e.examples), "count");
    if (fakeQuant) {
        const auto &f = *fakeQuant;
        m.add("eval_loss_fake_quant", f.loss, "nats");
        if (f.accuracy >= 0)
            m.add("accuracy_fake_quant", f.accuracy, "ratio");
        else
            m.add("perplexity_fake_quant", std::exp(f.loss), "");
        if (f.predictions.defined() && e.predictions.defined() && f.predictions.numel() == e.predictions.numel())
            m.add("agreement_fake_quant", f.predictions.eq(e.predictions).to(at::kDouble).mean().item<double>(),
                  "ratio");
    }
    if (options.reportLatency && !e.latencyMs.empty()) {
        // The final evaluation's forward passes, timed: the trained model's inference cost
        // on the eval split (no warm-up of their own; training warmed the kernels).
        setLatencyMetrics(e, m);
    }
}

} // namespace

void requireTrainingRanges(const TrainingOptions &o)
{
    namespace range = options::range;
    requireInRange(range::steps, o.steps);
    requireInRange(range::evalEvery, o.evalEvery);
    requireInRange(range::learningRate, o.learningRate);
    requireInRange(range::warmupSteps, o.warmupSteps);
    requireInRange(range::gradAccumulation, o.gradAccumulation);
    requireInRange(range::checkpointEvery, o.checkpointEvery);
}

TrainingResult train(NativeModel &model, const std::vector<Batch> &trainBatches, const std::vector<Batch> &evalBatches,
                     const TrainingOptions &options, const LossFn &loss, const ProgressFn &progress,
                     const StepHook &afterStep)
{
    if (trainBatches.empty())
        throw EngineError("task.dataset: the train split has no batches");
    const Progress report(progress);
    auto setup = setUpTraining(model, options, trainBatches.front().inputIds.device());
    TrainingResult result;
    TrainingLoop loop(model, trainBatches, evalBatches, options, loss, report, afterStep, setup, result);
    loop.run();

    result.finalEval = evalBatches.empty() ? Evaluation{} : loop.evaluateAt(options.steps);
    Evaluation fakeQuantEval;
    if (options.quantizationAware)
        fakeQuantEval = finishQat(model, evalBatches, report, options.steps, result);
    report("evaluating", options.steps, options.steps);

    MetricBuilder metrics(result.metrics);
    addStepMetrics(metrics, model, loop, setup, result);
    if (!evalBatches.empty())
        addEvalMetrics(metrics, options, result, options.quantizationAware ? &fakeQuantEval : nullptr);
    return result;
}

void timeForInference(const Model &model, const std::vector<Batch> &batches, std::vector<Measurement> &metrics)
{
    if (batches.empty())
        return;
    c10::InferenceMode inference;
    MetricBuilder builder(metrics);
    setLatencyMetrics(evaluate(model, batches), builder);
}

} // namespace optibench::engine
