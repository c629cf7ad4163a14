#pragma once
// The built-in demo model "demo:tiny-bert" (its dataset, demo:reviews, and its tokenizer are
// engine/text/demo_text.h). The model's architecture is fixed here; its weights were trained on
// the train split of demo:reviews (tools/make_demo_weights.cpp) and are built into the engine
// library from data/demo/tiny-bert.safetensors (engine/models/demo_weights.h), so its accuracy on the
// eval split is meaningful. "demo:tiny-bert-untrained" is the same architecture with random
// weights from a fixed seed (what the trained model started from). The demo decoder,
// demo:tiny-llama, is engine/models/demo_decoder.h.
#include "engine/formats/transformer_config.h"
#include "engine/models/bert.h"
#include "engine/models/demo_weights.h"
#include "engine/text/demo_text.h"

#include <cstdint>

namespace optibench::engine::demo {

inline constexpr const char *kModelName = "demo:tiny-bert";
inline constexpr const char *kUntrainedModelName = "demo:tiny-bert-untrained";
inline constexpr std::uint64_t kModelSeed = 20240501;

TransformerConfig tinyBertConfig();
// The trained weights (float32 copies of the embedded file). A build configured without
// data/demo/tiny-bert.safetensors has none: then the untrained ones (the model summary says so).
ParameterMap tinyBertParameters();
bool haveTrainedWeights();
// Random weights from kModelSeed (BertClassifier::randomParameters).
ParameterMap untrainedTinyBertParameters();

// The float32 parameters of an embedded safetensors file (copies: training and pruning edit
// weights in place); `source` names it in errors. Empty when the build has no such file.
ParameterMap embeddedParameters(EmbeddedModel model, const std::string &source);

} // namespace optibench::engine::demo
