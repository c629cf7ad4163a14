#pragma once
// Cross-layer parameter sharing (ALBERT style). The encoder's layers are cut into groups of
// `groupSize` consecutive layers, and every layer of a group runs with the weights of the
// group's first layer: its parameter names point at that layer's tensors (one storage), so the
// parameter count falls while the forward pass still runs every layer (FLOPs are counted per
// use). In training the gradients of all uses accumulate into the shared tensors.
#include "engine/formats/transformer_config.h"

#include <string>
#include <utility>
#include <vector>

namespace optibench::engine {

class Model;

// The first parameter-name prefix of encoder layer `layer` for a native family, e.g.
// "bert.encoder.layer.3." or "transformer.h.3.".
std::string layerPrefix(const TransformerConfig &config, int layer);

// The layer whose weights `layer` runs with: the first of its group. groupSize >= 1; a group
// size of at least the layer count makes one group.
int sharedLayerSource(int layer, int groupSize);

// The (alias, source) parameter-name pairs that sharing with this group size sets up.
std::vector<std::pair<std::string, std::string>> sharedParameterNames(const Model &model, int groupSize);

// Shares the layers of a native model in place and rebuilds its Linears (fp32). groupSize 1
// changes nothing. Throws EngineError naming optimizations.share_layers for a group size below
// 1 or a model whose parameters cannot be shared (TorchScript).
void shareLayers(Model &model, int groupSize);

} // namespace optibench::engine
