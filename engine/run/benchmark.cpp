// The benchmark facade: load, prepare, time, evaluate. See engine/run/benchmark.h.
#include "engine/run/benchmark.h"
#include "engine/data/batching.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/quantize.h"
#include "engine/kernels/weight_quant.h"
#include "engine/measure/flops.h"
#include "engine/measure/host_allocator.h"
#include "engine/measure/metrics.h"
#include "engine/measure/peak_flops.h"
#include "engine/models/model_loader.h"
#include "engine/models/model_save.h"
#include "engine/optimize/precision.h"
#include "engine/optimize/prune.h"
#include "engine/optimize/sharing.h"
#include "engine/run/run_batches.h"
#include "engine/run/run_options.h"
#include "engine/text/dataset.h"
#include "engine/train/distill.h"
#include "engine/train/qat.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

namespace optibench::engine {

namespace {

double totalMsOf(const std::vector<double> &ms)
{
    double total = 0;
    for (double v : ms)
        total += v;
    return total;
}

double elapsedMs(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

struct Benchmark::Impl {
    RunConfig config;
    ProgressFn progress;
    LoadedModel loaded;
    Model *model = nullptr;
    bool languageModel = false;
    bool labelled = false;
    at::Device device{at::kCPU};
    std::vector<Batch> batches;           // the measured (inference) or evaluated (training) split
    std::vector<Batch> trainBatches;      // training: the train split
    std::unique_ptr<Distiller> distiller; // training with optimizations.distillation
    // Quality outputs of the unoptimized fp32 model per batch index (classifier logits, or a
    // language model's sampled next-token logits); empty when no optimization changed the model
    // (then the measured outputs are the baseline's, and agreement is 1 by definition).
    std::map<std::size_t, at::Tensor> baselineLogits;
    bool modelAltered = false;
    // What pruning did; its masks are re-applied after every optimizer step when training.
    PruningResult pruning;
    void reportPruning(RunReport &report) const;
    std::int64_t modelBytesBaseline = 0; // modelBytes() before the optimizations
    bool prepared = false;

    void report(const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message)
    {
        if (progress && !progress(stage, done, total, message))
            throw Cancelled();
    }
    std::size_t warmupBatch(int i) const { return static_cast<std::size_t>(i) % batches.size(); }
    std::size_t timedBatch(int i) const { return static_cast<std::size_t>(config.warmup + i) % batches.size(); }
    std::set<std::size_t> timedBatchSet() const
    {
        std::set<std::size_t> s;
        for (int i = 0; i < config.iterations; ++i)
            s.insert(timedBatch(i));
        return s;
    }
    at::Tensor run(std::size_t index) const
    {
        const auto &b = batches[index];
        auto out = model->forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
        // A bf16/fp16 model's outputs are cast back to fp32 for the quality metrics.
        return out.is_floating_point() && out.scalar_type() != at::kFloat ? out.to(at::kFloat) : out;
    }
    // What agreement and KL compare: logits [B, C], or next-token logits at sampled positions.
    at::Tensor qualityOutputs(std::size_t index, const at::Tensor &out) const
    {
        if (languageModel)
            return nextTokenSamples(out, batches[index].attentionMask, kLmSamplesPerSequence);
        return out.to(at::kFloat).cpu();
    }
    // Positions per sequence whose next-token distributions are compared with the baseline:
    // enough to see a change, few enough that a 50k vocabulary fits in memory.
    static constexpr int kLmSamplesPerSequence = 4;
    // Training batches that calibrate qat's observers in an inference run.
    static constexpr int kQatCalibrationBatches = 8;
    void loadModel();
    void loadData(const std::string &split, std::vector<Batch> &out);
    RunReport runTraining();
    std::vector<Batch> calibrationBatches(int count) const;
    void applyQuantization();
};

void Benchmark::Impl::loadModel()
{
    loaded = engine::loadModel(config.modelPath, config.modelFormat);
    model = loaded.model.get();
    languageModel = model->isLanguageModel();
    const auto &c = model->config();
    if (c.family == ArchitectureFamily::Gpt2 && !languageModel && c.architecture == "GPT2Model")
        throw EngineError("model.path: " + config.modelPath
                          + " is a bare GPT2Model (no lm_head): neither a classifier nor a language model to "
                            "evaluate");
    if (config.maxLength > usablePositions(c))
        throw EngineError("task.max_length: " + std::to_string(config.maxLength) + " exceeds the model's "
                          + std::to_string(usablePositions(c)) + " positions");
}

void Benchmark::Impl::loadData(const std::string &split, std::vector<Batch> &out)
{
    TextDataset dataset;
    try {
        dataset = loadDataset(config.dataset, split, config.seed, model->config().id2label);
    } catch (const EngineError &e) {
        const std::string what = e.what();
        throw EngineError(what.rfind("task.", 0) == 0 ? what : "task.dataset: " + what);
    }
    labelled = dataset.labelled() && !languageModel;
    if (!languageModel && !dataset.labelled())
        throw EngineError("task.dataset: " + config.dataset + " has no labels, and " + config.modelPath
                          + " is a classifier (give a .csv/.tsv/.jsonl file with a label column)");
    const int numLabels = labelled ? model->config().numLabels : 0;
    out = batchExamples(loaded, encodeExamples(loaded, dataset, config, numLabels), config, device);
    if (out.empty())
        throw EngineError("task.dataset: split '" + split + "' of " + config.dataset + " is empty");
}

// A few batches of the training split (distinct from the measured eval batches), for
// calibrating quantization observers.
std::vector<Batch> Benchmark::Impl::calibrationBatches(int count) const
{
    const auto train = loadDataset(config.dataset, "train", config.seed, model->config().id2label);
    const auto limit = static_cast<std::size_t>(count) * static_cast<std::size_t>(config.batchSize);
    return batchExamples(loaded, encodeExamples(loaded, train, config, 0, limit), config, device);
}

// weight-int8, fp16-weights, bf16-weights and qat (dynamic-int8 is applied in prepare()).
void Benchmark::Impl::applyQuantization()
{
    const auto &q = config.quantization;
    if (q == "none" || q == "dynamic-int8")
        return;
    auto *native = dynamic_cast<NativeModel *>(model);
    if (!native)
        throw EngineError("optimizations.quantization: " + q + " rebuilds a native model's linears; " + config.modelPath
                          + " is a " + loaded.summary.format + " model");
    if (q == "weight-int8" || q == "fp16-weights" || q == "bf16-weights") {
        report("preparing", 0, 1, "storing linear weights as " + q);
        native->setLinearFactory([&q](const std::string &, const at::Tensor &w, const at::Tensor &b) {
            if (q == "weight-int8")
                return makeWeightInt8Linear(w, b);
            return makeHalfWeightLinear(w, b, q == "fp16-weights" ? at::kHalf : at::kBFloat16);
        });
        report("preparing", 1, 1, "");
        return;
    }
    // qat in an inference run: fake quant, observers calibrated on training batches, then int8.
    if (!enableDynamicInt8())
        throw EngineError("optimizations.quantization: qat converts to LibTorch's ONEDNN int8 kernels, which this "
                          "LibTorch build lacks");
    if (config.mode == "training") {
        // The training runner trains through fake-quant linears and converts to int8 after it.
        report("preparing", 1, 1, "qat: training through fake-quant linears, then converting to int8");
        return;
    }
    const auto calibration = calibrationBatches(kQatCalibrationBatches);
    insertFakeQuant(*native);
    {
        c10::InferenceMode inference;
        std::int64_t done = 0;
        for (const auto &b : calibration) {
            report("preparing", done++, static_cast<std::int64_t>(calibration.size()),
                   "calibrating fake-quant observers on training batches");
            native->forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
        }
    }
    convertQat(*native);
    report("preparing", 1, 1, "converted fake-quant linears to int8");
}

// The pruning's own metrics and the per-layer sparsity series (nothing without pruning).
void Benchmark::Impl::reportPruning(RunReport &report) const
{
    if (config.pruningMethod == "none")
        return;
    auto add = [&](const char *key, double value, const char *unit) { report.metrics.push_back({key, value, unit}); };
    add("parameters_baseline", static_cast<double>(pruning.parametersBefore), "count");
    add("pruned_heads", static_cast<double>(pruning.prunedHeads), "count");
    add("pruned_neurons", static_cast<double>(pruning.prunedNeurons), "count");
    // 1 when 2:4 Linears run on a sparse kernel; 0 when the zeros are stored and computed dense.
    add("sparse_kernel", sparseKernelLinears(*model) > 0 ? 1.0 : 0.0, "");
    const auto layers = layerSparsity(*model);
    for (std::size_t i = 0; i < layers.size(); ++i)
        report.series.push_back({"layer_sparsity", static_cast<std::int64_t>(i), layers[i]});
}

// Training mode: the runner (engine/train/training.h) on the train split, evaluated on the eval split;
// then the model runs inference again (plain fp32 Linears) for tracedPass and is saved when asked.
RunReport Benchmark::Impl::runTraining()
{
    auto *native = dynamic_cast<NativeModel *>(model);
    if (!native)
        throw EngineError("task.mode: training needs a native model (a Hugging Face folder or the demo); "
                          + config.modelPath + " is a " + loaded.summary.format + " model");
    // Pruned weights stay zero: the masks are re-applied after every optimizer step.
    StepHook afterStep;
    if (!pruning.masks.empty())
        afterStep = [this, native](int) { applyMasks(*native, pruning.masks); };
    const auto options = trainingOptions(config);
    auto result = train(*native, trainBatches, batches, options,
                        distiller ? distiller->loss(*native) : defaultLoss(*native), progress, afterStep);
    if (distiller) {
        report("evaluating", 0, 1, "evaluating the teacher " + config.distillationTeacher);
        for (auto &m : distiller->teacherMetrics(batches))
            result.metrics.push_back(std::move(m));
        report("evaluating", 1, 1, "");
    }
    disableTraining(*native); // qat: keeps the converted int8 linears
    if (options.reportLatency) {
        // The trained model timed as inference runs (and the teacher) are, not in its training form.
        report("evaluating", 0, 1, "timing the trained model for inference");
        timeForInference(*native, batches, result.metrics);
        report("evaluating", 1, 1, "");
    }
    if (options.quantizationAware)
        result.metrics.push_back({"model_bytes_baseline", static_cast<double>(modelBytesBaseline), "bytes"});
    if (!config.savePath.empty()) {
        report("saving", 0, 1, "saving the trained model to " + config.savePath);
        saveLoadedModel(loaded, config.savePath);
        report("saving", 1, 1, "");
    }
    RunReport out;
    out.metrics = std::move(result.metrics);
    out.series = std::move(result.series);
    if (!pruning.prunedParameters.empty()) // after fine-tuning: the masks kept the zeros
        out.metrics.push_back({"sparsity", zeroFraction(*model, pruning.prunedParameters), "ratio"});
    reportPruning(out);
    return out;
}

Benchmark::Benchmark(RunConfig config, ProgressFn progress) : m_impl(std::make_unique<Impl>())
{
    m_impl->config = std::move(config);
    m_impl->progress = std::move(progress);
}

Benchmark::~Benchmark()
{
    m_impl.reset();
    releaseFreedBlocks(); // the run's activations and models go back to the kernel
}

void Benchmark::prepare()
{
    auto &d = *m_impl;
    validateRunConfig(d.config);
    at::set_num_threads(d.config.threads);
    keepFreedBlocksForReuse();
    at::manual_seed(d.config.seed);
    if (isCudaDevice(d.config.device)) {
        try {
            d.device = at::Device(d.config.device);
        } catch (const std::exception &e) {
            throw EngineError("device: '" + d.config.device + "' is not a valid device: " + e.what());
        }
        const auto devices = availableDevices();
        const auto name = "cuda:" + std::to_string(d.device.has_index() ? d.device.index() : 0);
        if (std::find(devices.begin(), devices.end(), name) == devices.end())
            throw EngineError("device: '" + d.config.device + "' is not available on this machine");
    }

    d.report("loading", 0, 1, "loading " + d.config.modelPath);
    d.loadModel();
    if (d.device != at::Device(at::kCPU))
        d.model->to(d.device);
    d.report("loading", 1, 1,
             d.loaded.summary.architecture + ", " + std::to_string(d.loaded.summary.parameters) + " parameters");
    if (!d.config.distillationTeacher.empty()) {
        // The student replaces the loaded model (its tokenizer and summary stay), before every
        // other optimization, so sharing or qat apply to the student.
        const auto dc = distillationConfig(d.config);
        d.report("loading", 0, 1, "building the student and loading the teacher " + dc.teacher);
        if (dc.studentLayers > 0 || dc.studentHidden > 0) {
            d.loaded.model = makeStudent(*d.model, dc.studentLayers, dc.studentHidden, d.config.seed);
            d.model = d.loaded.model.get();
            if (d.device != at::Device(at::kCPU))
                d.model->to(d.device);
        }
        d.distiller = std::make_unique<Distiller>(dc, *d.model, d.device);
        d.report("loading", 1, 1,
                 "student " + std::to_string(d.model->config().numLayers) + " layers x "
                     + std::to_string(d.model->config().hiddenSize) + ", " + std::to_string(d.model->parameterCount())
                     + " parameters");
    }

    // Training trains on the train split and evaluates (and traces) on the eval split.
    const bool training = d.config.mode == "training";
    const std::string split = training ? "eval" : d.config.split;
    d.report("preparing", 0, 1, "tokenizing and batching " + d.config.dataset + " (" + split + ")");
    d.loadData(split, d.batches);
    if (training)
        d.loadData("train", d.trainBatches);
    d.report("preparing", 1, 1, std::to_string(d.batches.size()) + " batches, padding " + d.config.padding);
    d.modelBytesBaseline = d.model->modelBytes();

    // The fp32 baseline's outputs are computed here, before any optimization changes the model.
    // With no optimization applied the measured model is the baseline itself.
    d.modelAltered = d.config.quantization != "none" || d.config.precision != "fp32" || d.config.shareLayers > 1
        || d.config.pruningMethod != "none";
    if (training)
        d.modelAltered = false; // training reports its own quality (eval loss, accuracy), no baseline
    if (d.modelAltered) {
        c10::InferenceMode inference;
        const auto needed = d.timedBatchSet();
        std::int64_t done = 0;
        for (auto index : needed) {
            d.report("baseline", done++, static_cast<std::int64_t>(needed.size()), "running the fp32 baseline");
            d.baselineLogits.emplace(index, d.qualityOutputs(index, d.run(index)));
        }
        d.report("baseline", done, done, "");
    } else {
        d.report("baseline", 0, 1, "the model is the fp32 baseline");
        d.report("baseline", 1, 1, "");
    }

    // Optimizations, in their fixed order: pruning (on the fp32 weights), cross-layer sharing (it
    // rebuilds the Linears as fp32), then quantization.
    if (d.config.pruningMethod != "none") {
        d.report("preparing", 0, 1, d.config.pruningMethod + " pruning");
        d.pruning = prune(*d.model, pruningOptions(d.config));
        d.report("preparing", 1, 1, std::to_string(d.pruning.parametersAfter) + " parameters after pruning");
    }
    if (d.config.shareLayers > 1) {
        d.report("preparing", 0, 1, "sharing layer weights in groups of " + std::to_string(d.config.shareLayers));
        shareLayers(*d.model, d.config.shareLayers);
        d.report("preparing", 1, 1, std::to_string(d.model->parameterCount()) + " parameters after sharing");
    }
    if (d.config.quantization == "dynamic-int8") {
        d.report("preparing", 0, 1, "quantizing linears to dynamic int8 (ONEDNN)");
        if (!enableDynamicInt8())
            throw EngineError("optimizations.quantization: dynamic-int8 needs LibTorch's ONEDNN quantized engine, "
                              "which this LibTorch build lacks");
        if (d.model->linearNames().empty())
            throw EngineError("optimizations.quantization: dynamic-int8 rebuilds a native model's linears; "
                              + d.config.modelPath + " is a " + d.loaded.summary.format + " model");
        d.model->setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeDynamicInt8Linear(w, b); });
        d.report("preparing", 1, 1, "");
    }
    // The other quantization modes, then the precision (a whole-model cast or autocast) last:
    // pruning edits fp32 weights, quantization converts them, the cast leaves converted Linears
    // as they are and moves everything else to the precision's dtype.
    d.applyQuantization();
    if (d.config.quantizeEmbeddings) {
        auto *native = dynamic_cast<NativeModel *>(d.model);
        if (!native)
            throw EngineError("optimizations.quantize_embeddings: needs a native model; " + d.config.modelPath
                              + " is a " + d.loaded.summary.format + " model");
        const auto tables = native->quantizeEmbeddingTables();
        d.report("preparing", 1, 1, std::to_string(tables.size()) + " embedding tables stored as int8");
    }
    if (d.config.precision != "fp32" && !training) { // training: autocast in the runner
        d.report("preparing", 0, 1, "precision " + d.config.precision);
        applyPrecision(d.loaded.model, d.config.precision, d.device, d.config.modelPath);
        d.model = d.loaded.model.get();
        d.report("preparing", 1, 1, "");
    }
    d.prepared = true;
}

const ModelSummary &Benchmark::model() const
{
    return m_impl->loaded.summary;
}

RunReport Benchmark::measure()
{
    auto &d = *m_impl;
    if (!d.prepared)
        throw EngineError("Benchmark::measure called before prepare()");
    at::set_num_threads(d.config.threads);
    if (d.config.mode == "training")
        return d.runTraining();
    c10::InferenceMode inference;
    RunReport report;
#if defined(OPTIBENCH_HAVE_CUDA)
    if (d.device.is_cuda())
        compat::cudaResetPeak(d.device.has_index() ? d.device.index() : 0);
#endif

    for (int i = 0; i < d.config.warmup; ++i) {
        d.report("warmup", i, d.config.warmup, "");
        d.run(d.warmupBatch(i));
        compat::synchronize(d.device);
    }
    d.report("warmup", d.config.warmup, d.config.warmup, "");

    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(d.config.iterations));
    std::map<std::size_t, at::Tensor> logits;
    LmLoss lm;
    std::int64_t realTokens = 0, paddedTokens = 0, sequences = 0;
    double flops = 0;
    for (int i = 0; i < d.config.iterations; ++i) {
        d.report("timing", i, d.config.iterations, "");
        const auto index = d.timedBatch(i);
        const auto t0 = std::chrono::steady_clock::now();
        auto out = d.run(index);
        compat::synchronize(d.device);
        const double ms = elapsedMs(t0);
        latencies.push_back(ms);
        report.series.push_back({"latency_ms", i, ms});
        const auto &b = d.batches[index];
        realTokens += b.realTokens;
        paddedTokens += b.paddedTokens;
        sequences += b.inputIds.size(0);
        flops += encoderForwardFlops(d.model->config(), b.inputIds.size(0), b.inputIds.size(1));
        if (!logits.count(index)) {
            logits.emplace(index, d.qualityOutputs(index, out));
            if (d.languageModel) {
                const auto l = lmLoss(out, b.inputIds, b.attentionMask);
                lm.nll += l.nll;
                lm.tokens += l.tokens;
            }
        }
    }
    d.report("timing", d.config.iterations, d.config.iterations, "");

    d.report("evaluating", 0, 2, "accuracy and agreement with the fp32 baseline");
    std::vector<at::Tensor> outs, base, labels;
    for (const auto &[index, l] : logits) {
        outs.push_back(l);
        base.push_back(d.baselineLogits.count(index) ? d.baselineLogits.at(index) : l);
        labels.push_back(d.batches[index].labels);
    }
    auto allLogits = at::cat(outs);
    auto allLabels = at::cat(labels);
    const double accuracy = d.labelled ? allLogits.argmax(-1).eq(allLabels).to(at::kDouble).mean().item<double>() : 0.0;
    const auto agreement = compareLogits(allLogits, at::cat(base));

    d.report("evaluating", 1, 2, "measuring the machine's fp32 GEMM peak");
    double peak = measuredPeakFlops(d.config.threads);
    if (!latencies.empty() && flops / (totalMsOf(latencies) / 1000.0) > peak)
        peak = remeasurePeakFlops(d.config.threads);
    d.report("evaluating", 2, 2, "");

    const auto stats = latencyStats(latencies);
    double totalMs = 0;
    for (double l : latencies)
        totalMs += l;
    const double totalS = totalMs / 1000.0;
    const double iterations = d.config.iterations;

    std::int64_t weights = 0, zeros = 0;
    for (const auto &name : d.model->linearNames()) {
        const auto &w = d.model->parameters().at(name + ".weight");
        if (name == "lm_head")
            continue; // tied to the embeddings
        weights += w.numel();
        zeros += w.eq(0).sum().item<std::int64_t>();
    }
    std::int64_t peakMemory = peakRssBytes();
#if defined(OPTIBENCH_HAVE_CUDA)
    if (d.device.is_cuda())
        peakMemory = compat::cudaPeakAllocatedBytes(d.device.has_index() ? d.device.index() : 0);
#endif

    auto add = [&](const char *key, double value, const char *unit) { report.metrics.push_back({key, value, unit}); };
    add("latency_p50_ms", stats.p50, "ms");
    add("latency_p90_ms", stats.p90, "ms");
    add("latency_p99_ms", stats.p99, "ms");
    add("latency_mean_ms", stats.mean, "ms");
    add("latency_stdev_ms", stats.stdev, "ms");
    add("throughput_seq_s", static_cast<double>(sequences) / totalS, "seq/s");
    add("throughput_tokens_s", static_cast<double>(realTokens) / totalS, "tokens/s");
    add("real_tokens", static_cast<double>(realTokens), "tokens");
    add("padded_tokens", static_cast<double>(paddedTokens), "tokens");
    // Share of the computed positions that were padding.
    add("padding_ratio",
        paddedTokens > 0 ? 1.0 - static_cast<double>(realTokens) / static_cast<double>(paddedTokens) : 0.0, "ratio");
    add("peak_memory_bytes", static_cast<double>(peakMemory), "bytes");
    add("model_bytes", static_cast<double>(d.model->modelBytes()), "bytes");
    add("model_bytes_baseline", static_cast<double>(d.modelBytesBaseline), "bytes");
    add("model_bytes_saved", static_cast<double>(d.model->savedBytes()), "bytes");
    add("parameters", static_cast<double>(d.model->parameterCount()), "count");
    // Zeros over the pruned set when magnitude or 2:4 pruning chose one, else over the Linears.
    add("sparsity",
        !d.pruning.prunedParameters.empty() ? zeroFraction(*d.model, d.pruning.prunedParameters)
            : weights > 0                   ? static_cast<double>(zeros) / static_cast<double>(weights)
                                            : 0.0,
        "ratio");
    d.reportPruning(report);
    // FLOPs of one timed forward pass (mean over the timed iterations' batch shapes).
    add("flops", flops / iterations, "flop");
    add("achieved_flops_s", flops / totalS, "flop/s");
    add("peak_flops_s", peak, "flop/s");
    add("peak_fraction", peak > 0 ? flops / totalS / peak : 0.0, "ratio");
    if (d.labelled)
        add("accuracy", accuracy, "ratio");
    if (d.languageModel) {
        // From the LM loss on the real tokens of the timed batches' texts.
        add("perplexity", lm.perplexity(), "");
        add("lm_loss", lm.tokens > 0 ? lm.nll / static_cast<double>(lm.tokens) : 0.0, "nats");
        add("eval_tokens", static_cast<double>(lm.tokens), "tokens");
    }
    add("agreement", agreement.agreement, "ratio");
    add("kl_divergence", agreement.klDivergence, "nats");
    add("eval_examples", static_cast<double>(agreement.examples), "count");
    return report;
}

std::int64_t Benchmark::tracedPass(int iterations)
{
    auto &d = *m_impl;
    if (!d.prepared)
        throw EngineError("Benchmark::tracedPass called before prepare()");
    at::set_num_threads(d.config.threads);
    c10::InferenceMode inference;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) {
        d.report("tracing", i, iterations, "");
        d.run(d.timedBatch(i));
        compat::synchronize(d.device);
    }
    d.report("tracing", iterations, iterations, "");
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace optibench::engine
