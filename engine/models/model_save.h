#pragma once
// Saves a native model as a Hugging Face folder that engine/model_loader (and transformers)
// load again: config.json from its TransformerConfig, model.safetensors with the checkpoint's
// own parameter names (GPT-2's Conv1D weights transposed back to [in, out], a tied lm_head left
// out as transformers leaves it), and the tokenizer: the source folder's tokenizer files copied,
// or for the built-in demo its word vocabulary written as vocab.txt.
#include "engine/models/model.h"
#include "engine/models/model_loader.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace optibench::engine {

// config.json's content for a config (the fields parseHfConfig reads back).
nlohmann::json hfConfigJson(const TransformerConfig &config);

// Writes `model` into `folder` (created if missing; existing files of the same names are
// replaced). `tokenizerFolder`: where tokenizer files are copied from; empty writes the demo's
// vocabulary. Throws EngineError naming task.save_path when the model is not native or the
// folder cannot be written.
void saveHfFolder(const Model &model, const std::string &folder, const std::string &tokenizerFolder);

// The same for a loaded model, taking the tokenizer from where the model came from.
void saveLoadedModel(const LoadedModel &loaded, const std::string &folder);

} // namespace optibench::engine
