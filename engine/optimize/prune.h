#pragma once
// Pruning of native models, applied before quantization (the fixed order of optimizations):
// - magnitude: unstructured, the smallest |w| of the chosen set zeroed to an exact count, with one
//   ranking over the whole set (scope global) or per tensor (scope layer);
// - 2:4: in every group of 4 consecutive weights along the input dimension the 2 smallest |w|
//   zeroed (50% exactly); a sparse kernel runs them where LibTorch and the device have one;
// - heads: attention heads removed per layer, ranked by the L2 norm of their query/key/value rows
//   and output-projection columns: in BERT-family encoders one by one, in Llama-family decoders
//   in whole grouped-query groups (a key/value head and the query heads it serves; the amount
//   counts groups);
// - neurons: FFN intermediate neurons removed per layer, ranked by |intermediate row| times
//   |output column| (a decoder's SwiGLU: |gate row| x |up row| x |down column|).
// Unstructured and 2:4 pruning keep their masks (PruningResult::masks) so that a training run
// can re-apply them after every optimizer step (applyMasks). Structured pruning really removes
// the rows and columns: the model's config then lists per-layer heads and FFN widths.
#include "engine/models/model.h"
#include "options/values.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace optibench::engine {

struct PruningOptions {
    options::PruningMethod method = options::PruningMethod::None;
    double amount = 0;                                           // fraction removed; 2:4 needs 0.5
    options::PruningScope scope = options::PruningScope::Global; // layer: magnitude only
    bool includeEmbeddings = false; // magnitude and 2:4: the embedding tables join the pruned set
};

struct PruningResult {
    // Unstructured and 2:4: one bool mask per pruned parameter (its name with ".weight"), true
    // where the weight is kept. Empty for structured pruning (the weights are gone).
    std::map<std::string, at::Tensor> masks;
    // The parameters the method pruned (magnitude, 2:4); sparsity is measured over them.
    std::vector<std::string> prunedParameters;
    std::int64_t parametersBefore = 0;
    std::int64_t parametersAfter = 0;
    std::int64_t prunedWeights = 0; // weights zeroed by the masks
    std::int64_t prunedHeads = 0;
    std::int64_t prunedNeurons = 0;
    // Per layer, what structured pruning removed: heads by their original index (as in the
    // config's prunedHeads), neurons by their index in the layer as it was before this call.
    std::map<int, std::vector<int>> removedHeads;
    std::map<int, std::vector<int>> removedNeurons;
    bool sparseKernel = false; // a 2:4 sparse kernel runs the pruned Linears
};

// The checks that need no model: the amount's range and the pruning rules of options/rules.h
// (2:4 with 0.5, scope and include_embeddings only where they apply). Throws EngineError
// naming optimizations.pruning.*.
void validatePruning(const PruningOptions &options);

// Prunes the model in place. Throws EngineError naming the field when the model cannot take the
// method (TorchScript models, heads or neurons on GPT-2, an amount that would remove every head,
// group or neuron of a layer).
PruningResult prune(Model &model, const PruningOptions &options);

// Multiplies each named parameter by its mask in place, with autograd off, so that weights an
// optimizer step moved off zero are zero again. Throws std::invalid_argument for an unknown name
// or a mask of another shape.
void applyMasks(ParameterMap &parameters, const std::map<std::string, at::Tensor> &masks);
void applyMasks(Model &model, const std::map<std::string, at::Tensor> &masks);

// The parameters magnitude and 2:4 pruning choose: every Linear's weight (a Linear tied to an
// embedding only with the embeddings), plus the embedding tables when includeEmbeddings; each
// storage once.
std::vector<std::string> prunableParameters(const Model &model, bool includeEmbeddings);

// Zeros over elements of the named parameters (0 when they hold none).
double zeroFraction(const Model &model, const std::vector<std::string> &parameterNames);

// Per encoder/decoder layer, the zero fraction of its Linears' weights (index = layer).
std::vector<double> layerSparsity(const Model &model);

// The layer a parameter or Linear name lies in ("bert.encoder.layer.3.attention..." -> 3,
// "transformer.h.0.mlp.c_fc" -> 0), or -1 outside the layers (embeddings, pooler, heads).
int layerIndexOf(const std::string &name);

// Linears of the model that run on a 2:4 sparse kernel (kind "sparse-2:4").
int sparseKernelLinears(const Model &model);

namespace detail {
// Structured pruning of a BERT-family encoder or a Llama-family decoder
// (engine/optimize/prune_structured.cpp).
void pruneHeads(Model &model, double amount, PruningResult &result);
void pruneNeurons(Model &model, double amount, PruningResult &result);
// A 2:4 sparse LinearOp for a weight already in the 2:4 pattern, or null when this build and
// device have no such kernel (engine/optimize/prune_kernel.cpp).
std::unique_ptr<LinearOp> makeSparse24Linear(const at::Tensor &weight, const at::Tensor &bias);
} // namespace detail

} // namespace optibench::engine
