#pragma once
// Quantization-aware training: fake-quant Linears and their conversion to real int8.
//
// insertFakeQuant() puts a FakeQuantLinear behind every Linear of a native model. Its forward
// rounds the weight to int8 per output channel (symmetric, max |w| -> 127, the scheme the
// dynamic int8 kernel uses) and the input to uint8 per tensor over a moving-average min/max
// range, with at::fake_quantize_*: the values are what int8 inference would see, and the
// gradient passes straight through (zero outside the clamp range), so the model can be
// fine-tuned with the rounding in the loop. The ops hold the model's own parameter tensors:
// an optimizer that updates them in place trains the fake-quant model.
//
// convertQat() replaces them with the dynamic int8 Linear (engine/kernels/quantize.h, ONEDNN) built
// from the current weights: the same per-channel weight rounding; activations are then
// quantized per call over each batch's own range.
//
// In a training run (engine/train/training.h, TrainingOptions::quantizationAware) enableTraining()
// inserts the fake-quant Linears, the observers run on every training forward pass (frozen while
// evaluating), and train() ends by evaluating the fake-quant model, converting it and evaluating
// the int8 model. For inference without training (quantization "qat" in an inference run) the
// benchmark inserts fake quant, calibrates the observers on a few training batches and converts.
#include "engine/kernels/linear.h"

#include <ATen/ATen.h>

#include <memory>
#include <utility>
#include <vector>

namespace optibench::engine {

class NativeModel;

struct QatOptions {
    // Weight of the newest batch in the moving-average min/max observer (PyTorch's default).
    double averagingConstant = 0.01;
};

class FakeQuantLinear : public LinearOp {
public:
    FakeQuantLinear(at::Tensor weight, at::Tensor bias, QatOptions options = {});

    at::Tensor forward(const at::Tensor &x) const override;
    std::string kind() const override { return "qat-fake-quant"; }
    std::int64_t weightBytes() const override;
    std::int64_t inFeatures() const override { return m_weight.size(1); }
    std::int64_t outFeatures() const override { return m_weight.size(0); }

    // Observing (the default): each forward first folds its input's range into the observer.
    // Switch off to freeze the range (evaluation of a calibrated model).
    void setObserving(bool on) { m_observing = on; }
    bool observing() const { return m_observing; }
    // Off: the plain fp32 product (observers still run while observing).
    void setFakeQuantEnabled(bool on) { m_enabled = on; }
    bool fakeQuantEnabled() const { return m_enabled; }

    bool calibrated() const { return m_batches > 0; }
    std::int64_t observedBatches() const { return m_batches; }
    // The observed input range [min, max] (always containing 0); {0, 0} before any batch.
    std::pair<double, double> activationRange() const { return {m_min, m_max}; }
    // The uint8 affine parameters for that range.
    double activationScale() const;
    std::int64_t activationZeroPoint() const;
    // The per-output-channel symmetric weight scales (float32 [out]) of the current weight.
    at::Tensor weightScales() const;

    const at::Tensor &weight() const { return m_weight; }
    const at::Tensor &bias() const { return m_bias; }

private:
    void observe(const at::Tensor &x) const;

    at::Tensor m_weight;
    at::Tensor m_bias;
    QatOptions m_options;
    bool m_observing = true;
    bool m_enabled = true;
    // The observer is state of a const forward (Model::forward is const).
    mutable double m_min = 0, m_max = 0;
    mutable std::int64_t m_batches = 0;
};

// Replaces every Linear of the model with a FakeQuantLinear over its parameters (held, not
// copied) and returns them in linearNames() order; they live as long as the model keeps them.
std::vector<FakeQuantLinear *> insertFakeQuant(NativeModel &model, const QatOptions &options = {});

// The model's FakeQuantLinears in linearNames() order (skipping Linears of other kinds); valid
// until the model's Linears are rebuilt.
std::vector<FakeQuantLinear *> fakeQuantLinears(NativeModel &model);
// Switches the observers of every FakeQuantLinear of the model on or off: on while training,
// off while evaluating (the ranges learnt from the training data stay as they are).
void setFakeQuantObserving(NativeModel &model, bool on);

// Replaces the FakeQuantLinears with dynamic int8 Linears of the current weights. Throws
// std::logic_error when the model has no fake-quant Linears, std::runtime_error when this
// LibTorch lacks the ONEDNN quantized engine.
void convertQat(NativeModel &model);

} // namespace optibench::engine
