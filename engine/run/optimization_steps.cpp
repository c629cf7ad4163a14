// The optimization steps of a run. See engine/run/optimization_steps.h.
#include "engine/run/optimization_steps.h"
#include "engine/kernels/quantize.h"
#include "engine/kernels/weight_quant.h"
#include "engine/measure/metric_builder.h"
#include "engine/optimize/precision.h"
#include "engine/optimize/sharing.h"
#include "engine/run/run_options.h"
#include "engine/run/run_state.h"
#include "engine/train/qat.h"

#include <c10/core/InferenceMode.h>

namespace optibench::engine {

namespace {

using options::Quantization;

// Training batches that calibrate qat's observers in an inference run.
constexpr int kQatCalibrationBatches = 8;

class PruningStep : public OptimizationStep {
public:
    std::string field() const override { return "optimizations.pruning"; }
    bool applies(const RunConfig &c) const override { return c.pruningMethod != options::PruningMethod::None; }
    void apply(RunState &run) const override
    {
        run.progress("preparing", 0, 1, options::name(run.config.pruningMethod) + " pruning");
        run.pruning = prune(*run.model, pruningOptions(run.config));
        run.progress("preparing", 1, 1, std::to_string(run.pruning.parametersAfter) + " parameters after pruning");
    }
};

class SharingStep : public OptimizationStep {
public:
    std::string field() const override { return "optimizations.share_layers"; }
    bool applies(const RunConfig &c) const override { return c.shareLayers > 1; }
    void apply(RunState &run) const override
    {
        run.progress("preparing", 0, 1, "sharing layer weights in groups of " + std::to_string(run.config.shareLayers));
        shareLayers(*run.model, run.config.shareLayers);
        run.progress("preparing", 1, 1, std::to_string(run.model->parameterCount()) + " parameters after sharing");
    }
};

class QuantizationStep : public OptimizationStep {
public:
    std::string field() const override { return "optimizations.quantization"; }
    bool applies(const RunConfig &c) const override { return c.quantization != Quantization::None; }
    void apply(RunState &run) const override
    {
        const Quantization q = run.config.quantization;
        if (q == Quantization::Qat)
            return applyQat(run);
        if (q == Quantization::DynamicInt8 && !enableDynamicInt8())
            throw EngineError(field()
                              + ": dynamic-int8 needs LibTorch's ONEDNN quantized engine, which this LibTorch "
                                "build lacks");
        auto &native = run.native(field(), options::name(q) + " rebuilds a native model's linears");
        run.progress("preparing", 0, 1,
                     q == Quantization::DynamicInt8 ? "quantizing linears to dynamic int8 (ONEDNN)"
                                                    : "storing linear weights as " + options::name(q));
        native.setLinearFactory([q](const std::string &, const at::Tensor &w, const at::Tensor &b) {
            if (q == Quantization::DynamicInt8)
                return makeDynamicInt8Linear(w, b);
            if (q == Quantization::WeightInt8)
                return makeWeightInt8Linear(w, b);
            if (options::isInt4(q))
                return makeWeightInt4Linear(w, b, q == Quantization::WeightInt4G32 ? 32 : 128);
            return makeHalfWeightLinear(w, b, q == Quantization::Fp16Weights ? at::kHalf : at::kBFloat16);
        });
        run.progress("preparing", 1, 1, "");
    }

private:
    // In an inference run: fake quant, observers calibrated on training batches, then int8. A
    // training run trains through the fake-quant linears and converts after it (engine/train).
    void applyQat(RunState &run) const
    {
        auto &native = run.native(field(), "qat rebuilds a native model's linears");
        if (!enableDynamicInt8())
            throw EngineError(field()
                              + ": qat converts to LibTorch's ONEDNN int8 kernels, which this LibTorch build lacks");
        if (run.training()) {
            run.progress("preparing", 1, 1, "qat: training through fake-quant linears, then converting to int8");
            return;
        }
        const auto calibration = run.calibrationBatches(kQatCalibrationBatches);
        insertFakeQuant(native);
        {
            c10::InferenceMode inference;
            std::int64_t done = 0;
            for (const auto &b : calibration) {
                run.progress("preparing", done++, static_cast<std::int64_t>(calibration.size()),
                             "calibrating fake-quant observers on training batches");
                native.forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
            }
        }
        convertQat(native);
        run.progress("preparing", 1, 1, "converted fake-quant linears to int8");
    }
};

class EmbeddingTablesStep : public OptimizationStep {
public:
    std::string field() const override { return "optimizations.quantize_embeddings"; }
    bool applies(const RunConfig &c) const override { return c.quantizeEmbeddings; }
    void apply(RunState &run) const override
    {
        const auto tables = run.native(field(), "needs a native model").quantizeEmbeddingTables();
        run.progress("preparing", 1, 1, std::to_string(tables.size()) + " embedding tables stored as int8");
    }
};

class PrecisionStep : public OptimizationStep {
public:
    std::string field() const override { return "optimizations.precision"; }
    bool applies(const RunConfig &c) const override
    {
        return c.precision != options::Precision::Fp32 && c.mode != options::Mode::Training;
    }
    void apply(RunState &run) const override
    {
        run.progress("preparing", 0, 1, "precision " + options::name(run.config.precision));
        applyPrecision(run.loaded.model, run.config.precision, run.device, run.config.modelPath);
        run.model = run.loaded.model.get();
        run.progress("preparing", 1, 1, "");
    }
};

} // namespace

const std::vector<std::unique_ptr<OptimizationStep>> &optimizationSteps()
{
    static const auto steps = [] {
        std::vector<std::unique_ptr<OptimizationStep>> s;
        s.push_back(std::make_unique<PruningStep>());
        s.push_back(std::make_unique<SharingStep>());
        s.push_back(std::make_unique<QuantizationStep>());
        s.push_back(std::make_unique<EmbeddingTablesStep>());
        s.push_back(std::make_unique<PrecisionStep>());
        return s;
    }();
    return steps;
}

void applyOptimizations(RunState &run)
{
    for (const auto &step : optimizationSteps()) {
        if (step->applies(run.config))
            step->apply(run);
    }
}

void reportPruning(const RunState &run, RunReport &report)
{
    if (run.config.pruningMethod == options::PruningMethod::None)
        return;
    MetricBuilder metrics(report.metrics);
    metrics.add("parameters_baseline", static_cast<double>(run.pruning.parametersBefore), "count");
    metrics.add("pruned_heads", static_cast<double>(run.pruning.prunedHeads), "count");
    metrics.add("pruned_neurons", static_cast<double>(run.pruning.prunedNeurons), "count");
    // 1 when 2:4 Linears run on a sparse kernel; 0 when the zeros are stored and computed dense.
    metrics.add("sparse_kernel", sparseKernelLinears(*run.model) > 0 ? 1.0 : 0.0, "");
    const auto layers = layerSparsity(*run.model);
    for (std::size_t i = 0; i < layers.size(); ++i)
        report.series.push_back({"layer_sparsity", static_cast<std::int64_t>(i), layers[i]});
}

} // namespace optibench::engine
