#pragma once
// Hugging Face config.json -> TransformerConfig for the architectures the native models build:
// BERT, RoBERTa, DistilBERT (bare encoder or sequence classification) and GPT-2 (bare or LM
// head). Unknown architectures, unsupported options and wrongly typed fields are refused with a
// message naming the file and the field. No LibTorch here.
#include "engine/formats/errors.h"
#include "engine/formats/transformer_config.h"

#include <string>
#include <string_view>
#include <vector>

namespace optibench::engine {

class ConfigError : public EngineError {
public:
    using EngineError::EngineError;
};

// Parses config.json text; `displayName` (the file) starts every error message.
TransformerConfig parseHfConfig(std::string_view jsonText, const std::string &displayName = "config.json");
// Reads and parses a config.json file (or the config.json inside a folder).
TransformerConfig loadHfConfig(const std::string &path);

// The "architectures" values parseHfConfig accepts.
const std::vector<std::string> &supportedArchitectures();
const char *familyName(ArchitectureFamily family); // "bert", "roberta", "distilbert", "gpt2"

} // namespace optibench::engine
