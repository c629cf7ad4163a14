#pragma once
// Loading a Hugging Face model folder (config.json + model.safetensors, possibly sharded) into
// the native models. Tensor bytes come from the formats engineer's safetensors reader.
#include "engine/bert.h"

#include <memory>
#include <string>

namespace optibench::engine {

// Every tensor of the checkpoint as float32 CPU tensors (F32 copied, F16/BF16/F64 converted).
// Throws EngineError naming the file and the tensor for a dtype that cannot be computed with.
ParameterMap loadSafetensorsParameters(const std::string &path);

// A BERT-family sequence classifier from a folder. Throws EngineError naming the folder and
// the problem (unsupported architecture, missing or mis-shaped parameter).
std::unique_ptr<BertClassifier> loadHfBertClassifier(const std::string &folder);

} // namespace optibench::engine
