#pragma once
// Loading a Hugging Face model folder (config.json + model.safetensors, possibly sharded) into
// the native models. Tensor bytes come from the formats engineer's safetensors reader.
#include "engine/models/bert.h"
#include "engine/models/gpt2.h"
#include "engine/models/llama.h"

#include <memory>
#include <string>

namespace optibench::engine {

// Every tensor of the checkpoint as float32 CPU tensors (F32 copied, F16/BF16/F64 converted).
// Throws EngineError naming the file and the tensor for a dtype that cannot be computed with.
ParameterMap loadSafetensorsParameters(const std::string &path);

// The native model a folder's config.json names: BERT, RoBERTa, DistilBERT (BertClassifier),
// GPT-2 (Gpt2Model), or Llama, Mistral and Qwen2 (LlamaModel). Throws EngineError naming the folder and the problem (unsupported
// architecture, missing or mis-shaped parameter).
std::unique_ptr<NativeModel> loadHfModel(const std::string &folder);

// A BERT-family encoder from a folder; decoder folders are refused with an EngineError.
std::unique_ptr<BertClassifier> loadHfBertClassifier(const std::string &folder);
std::unique_ptr<Gpt2Model> loadHfGpt2(const std::string &folder);

} // namespace optibench::engine
