// Pruning: validation, unstructured magnitude and 2:4 masks, re-applying masks, sparsity
// statistics. Structured pruning lives in engine/optimize/prune_structured.cpp. See engine/optimize/prune.h.
#include "engine/optimize/prune.h"
#include "engine/formats/errors.h"
#include "engine/formats/option_checks.h"

#include <ATen/core/grad_mode.h>

#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

namespace optibench::engine {

namespace {

// The exact count of elements an amount removes from n.
std::int64_t countToRemove(double amount, std::int64_t n)
{
    return std::min<std::int64_t>(n, std::llround(amount * static_cast<double>(n)));
}

// Keep-mask over a flat vector of magnitudes with exactly k elements removed: those below the
// k-th smallest value, then ties at that value in index order, so ties never change the count.
at::Tensor keepMask(const at::Tensor &magnitudes, std::int64_t k)
{
    const auto n = magnitudes.numel();
    if (k <= 0)
        return at::ones_like(magnitudes, magnitudes.options().dtype(at::kBool));
    if (k >= n)
        return at::zeros_like(magnitudes, magnitudes.options().dtype(at::kBool));
    const auto kth = std::get<0>(magnitudes.kthvalue(k)).item<float>();
    auto keep = magnitudes.gt(kth);
    const auto below = magnitudes.lt(kth).sum().item<std::int64_t>();
    auto ties = at::nonzero(magnitudes.eq(kth)).flatten();
    // ties[0 .. k - below) are removed; the later ties stay.
    keep.index_fill_(0, ties.slice(0, k - below), true);
    return keep;
}

std::map<std::string, at::Tensor> magnitudeMasks(const ParameterMap &params, const std::vector<std::string> &names,
                                                 double amount, bool global)
{
    std::map<std::string, at::Tensor> masks;
    if (!global) {
        for (const auto &name : names) {
            const auto &w = params.at(name);
            masks[name] =
                keepMask(w.detach().abs().flatten().to(at::kFloat), countToRemove(amount, w.numel())).view(w.sizes());
        }
        return masks;
    }
    std::vector<at::Tensor> flat;
    std::int64_t total = 0;
    for (const auto &name : names) {
        flat.push_back(params.at(name).detach().abs().flatten().to(at::kFloat));
        total += flat.back().numel();
    }
    auto keep = keepMask(at::cat(flat), countToRemove(amount, total));
    std::int64_t offset = 0;
    for (const auto &name : names) {
        const auto &w = params.at(name);
        masks[name] = keep.slice(0, offset, offset + w.numel()).view(w.sizes()).clone();
        offset += w.numel();
    }
    return masks;
}

// In every group of 4 consecutive weights along the last (input) dimension, keeps the 2 of
// largest magnitude (topk picks exactly 2 even with ties).
std::map<std::string, at::Tensor> twoFourMasks(const ParameterMap &params, const std::vector<std::string> &names)
{
    std::map<std::string, at::Tensor> masks;
    for (const auto &name : names) {
        const auto &w = params.at(name);
        if (w.dim() != 2 || w.size(1) % 4 != 0)
            throw EngineError("optimizations.pruning.method: 2:4 needs groups of 4 along the input dimension; " + name
                              + " has shape " + c10::str(w.sizes()));
        auto groups = w.detach().abs().reshape({-1, 4});
        auto top = std::get<1>(groups.topk(2, 1, /*largest=*/true, /*sorted=*/false));
        auto keep = at::zeros(groups.sizes(), groups.options().dtype(at::kBool)).scatter_(1, top, true);
        masks[name] = keep.view(w.sizes());
    }
    return masks;
}

NativeModel &nativeOrRefuse(Model &model, const std::string &method)
{
    auto *native = dynamic_cast<NativeModel *>(&model);
    if (!native || model.linearNames().empty())
        throw EngineError("optimizations.pruning.method: " + method
                          + " pruning needs a native model (BERT, RoBERTa, DistilBERT or GPT-2 from Hugging Face "
                            "weights, or the demo); this model is opaque (TorchScript), its weights cannot be edited");
    return *native;
}

// Rebuilds the pruned Linears on a 2:4 sparse kernel where one runs; true when any did.
bool useSparseKernel(NativeModel &model, const std::vector<std::string> &pruned)
{
    if (pruned.empty() || !model.parameters().at(pruned.front()).is_cuda())
        return false; // no CPU kernel: the weights stay dense
    std::set<std::string> names(pruned.begin(), pruned.end());
    bool any = false;
    model.setLinearFactory([&](const std::string &name, const at::Tensor &w, const at::Tensor &b) {
        if (names.count(name + ".weight")) {
            if (auto op = detail::makeSparse24Linear(w, b)) {
                any = true;
                return op;
            }
        }
        return makeFp32Linear(w, b);
    });
    return any;
}

} // namespace

void validatePruning(const PruningOptions &o)
{
    requireInRange(options::range::pruningAmount, o.amount);
    options::Choices c; // the pruning choices alone: no other rule fires on the defaults
    c.pruningMethod = o.method;
    c.pruningAmount = o.amount;
    c.pruningScope = o.scope;
    c.pruneEmbeddings = o.includeEmbeddings;
    requireValid(c);
}

PruningResult prune(Model &model, const PruningOptions &o)
{
    validatePruning(o);
    PruningResult result;
    result.parametersBefore = model.parameterCount();
    result.parametersAfter = result.parametersBefore;
    using options::PruningMethod;
    if (o.method == PruningMethod::None)
        return result;
    auto &native = nativeOrRefuse(model, options::name(o.method));
    at::NoGradGuard noGrad;
    if (o.method == PruningMethod::Magnitude || o.method == PruningMethod::TwoFour) {
        const auto names = prunableParameters(model, o.includeEmbeddings);
        const bool global = o.scope == options::PruningScope::Global;
        result.masks = o.method == PruningMethod::TwoFour
            ? twoFourMasks(native.parameters(), names)
            : magnitudeMasks(native.parameters(), names, o.amount, global);
        applyMasks(native.mutableParameters(), result.masks);
        for (const auto &[name, mask] : result.masks)
            result.prunedWeights += mask.numel() - mask.sum().item<std::int64_t>();
        result.prunedParameters = names;
        if (o.method == PruningMethod::TwoFour)
            result.sparseKernel = useSparseKernel(native, names);
    } else if (o.method == PruningMethod::Heads) {
        detail::pruneHeads(model, o.amount, result);
    } else {
        detail::pruneNeurons(model, o.amount, result);
    }
    result.parametersAfter = model.parameterCount();
    return result;
}

void applyMasks(ParameterMap &parameters, const std::map<std::string, at::Tensor> &masks)
{
    at::NoGradGuard noGrad;
    for (const auto &[name, mask] : masks) {
        auto it = parameters.find(name);
        if (it == parameters.end())
            throw std::invalid_argument("pruning mask for unknown parameter " + name);
        auto &p = it->second;
        if (p.sizes() != mask.sizes())
            throw std::invalid_argument("pruning mask for " + name + " has shape " + c10::str(mask.sizes())
                                        + ", the parameter " + c10::str(p.sizes()));
        p.masked_fill_(mask.to(p.device()).logical_not(), 0);
    }
}

void applyMasks(Model &model, const std::map<std::string, at::Tensor> &masks)
{
    auto *native = dynamic_cast<NativeModel *>(&model);
    if (!native)
        throw std::invalid_argument("pruning masks apply to native models only");
    applyMasks(native->mutableParameters(), masks);
}

std::vector<std::string> prunableParameters(const Model &model, bool includeEmbeddings)
{
    const auto &params = model.parameters();
    std::set<std::string> linearWeights;
    for (const auto &name : model.linearNames())
        linearWeights.insert(name + ".weight");
    // Embedding tables: the 2-D parameters outside the Linears.
    std::vector<std::string> embeddings;
    std::set<const void *> embeddingStorage;
    for (const auto &[name, t] : params)
        if (t.dim() == 2 && !linearWeights.count(name)) {
            embeddings.push_back(name);
            embeddingStorage.insert(t.data_ptr());
        }
    std::vector<std::string> names;
    std::set<const void *> seen;
    for (const auto &name : model.linearNames()) {
        const auto &w = params.at(name + ".weight");
        // A Linear tied to an embedding (GPT-2's lm_head) is pruned with the embeddings only.
        if (embeddingStorage.count(w.data_ptr()) || !seen.insert(w.data_ptr()).second)
            continue;
        names.push_back(name + ".weight");
    }
    if (includeEmbeddings)
        for (const auto &name : embeddings)
            if (seen.insert(params.at(name).data_ptr()).second)
                names.push_back(name);
    return names;
}

double zeroFraction(const Model &model, const std::vector<std::string> &parameterNames)
{
    std::int64_t zeros = 0, total = 0;
    std::set<const void *> seen;
    const auto *native = dynamic_cast<const NativeModel *>(&model);
    for (const auto &name : parameterNames) {
        at::Tensor t;
        if (auto it = model.parameters().find(name); it != model.parameters().end())
            t = it->second;
        else if (native && native->int8Tables().count(name))
            t = native->int8Tables().at(name).first; // a pruned zero stays zero in int8
        if (!t.defined() || !seen.insert(t.data_ptr()).second)
            continue; // a model that no longer holds it by name (e.g. wrapped after a cast)
        zeros += t.eq(0).sum().item<std::int64_t>();
        total += t.numel();
    }
    return total > 0 ? static_cast<double>(zeros) / static_cast<double>(total) : 0.0;
}

std::vector<double> layerSparsity(const Model &model)
{
    const auto layers = static_cast<std::size_t>(std::max(model.config().numLayers, 0));
    std::vector<std::int64_t> zeros(layers, 0), total(layers, 0);
    for (const auto &name : model.linearNames()) {
        const int layer = layerIndexOf(name);
        auto it = model.parameters().find(name + ".weight");
        if (layer < 0 || static_cast<std::size_t>(layer) >= layers || it == model.parameters().end())
            continue;
        const auto &w = it->second;
        zeros[static_cast<std::size_t>(layer)] += w.eq(0).sum().item<std::int64_t>();
        total[static_cast<std::size_t>(layer)] += w.numel();
    }
    std::vector<double> out(layers, 0.0);
    for (std::size_t i = 0; i < layers; ++i)
        out[i] = total[i] > 0 ? static_cast<double>(zeros[i]) / static_cast<double>(total[i]) : 0.0;
    return out;
}

int layerIndexOf(const std::string &name)
{
    // The first ".N." component: bert.encoder.layer.3., distilbert.transformer.layer.3.,
    // transformer.h.3.
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
        std::size_t end = dot + 1;
        while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end])))
            ++end;
        if (end > dot + 1 && end < name.size() && name[end] == '.')
            return std::stoi(name.substr(dot + 1, end - dot - 1));
    }
    return -1;
}

int sparseKernelLinears(const Model &model)
{
    const auto *native = dynamic_cast<const NativeModel *>(&model);
    if (!native)
        return 0;
    int n = 0;
    for (const auto &name : model.linearNames())
        if (native->linear(name).kind() == "sparse-2:4")
            ++n;
    return n;
}

} // namespace optibench::engine
