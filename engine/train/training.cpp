// Training's pieces: losses, the learning-rate schedule, switching a model between training
// and inference, evaluation. The runner itself is engine/train/trainer.cpp.
#include "engine/train/training.h"
#include "engine/formats/strings.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/compat.h"
#include "engine/measure/device_memory.h"
#include "engine/measure/metrics.h"
#include "engine/train/qat.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace optibench::engine {

namespace {

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
        return model.linear(n).kind() == options::name(options::Quantization::DynamicInt8);
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

} // namespace optibench::engine
