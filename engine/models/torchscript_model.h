#pragma once
// TorchScript archives as a Model: forward(input_ids, attention_mask), the output taken as
// logits (a tensor, the first tensor of a tuple or list, or a dict's "logits"). torch::jit
// stays in torchscript_model.cpp; the module is opaque, so optimizations that rebuild Linears
// do not apply to it.
#include "engine/models/model.h"

#include <memory>
#include <string>

namespace optibench::engine {

// Loads on the CPU. Throws EngineError naming the file when it cannot be loaded or has no
// forward method.
std::unique_ptr<Model> loadTorchScriptModel(const std::string &path);

} // namespace optibench::engine
