#pragma once
// Model inspection and single-text prediction for the CLI's `inspect` and `predict` verbs. No
// LibTorch in this header.
#include "engine/formats/errors.h"
#include "engine/models/model_summary.h"

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

// What a model is: architecture, sizes, labels, parameters (shared weights once), dtype, size
// on disk and the sha256 of its weights file(s). `path`: demo:tiny-bert, a Hugging Face folder
// or a TorchScript archive. Throws EngineError naming the path and the problem.
ModelSummary inspectModel(const std::string &path);

struct TokenProbability {
    std::int64_t id = 0;
    std::string token; // decoded text of the token
    double probability = 0;
};

struct Prediction {
    std::string text;
    std::vector<std::int64_t> ids; // the model's input (specials included)
    // Classifiers:
    std::vector<double> logits;
    std::vector<double> probabilities;
    int labelId = -1;
    std::string label; // id2label of the argmax ("LABEL_n" when the model names none)
    // Language models:
    std::vector<TokenProbability> nextTokens; // the 5 most likely next tokens, most likely first
    double perplexity = 0;                    // of the text's own tokens (0 when it has fewer than two)
};

// Runs each text alone (no padding) through the model. Throws EngineError.
std::vector<Prediction> predict(const std::string &path, const std::vector<std::string> &texts);

} // namespace optibench::engine
