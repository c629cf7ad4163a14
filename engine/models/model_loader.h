#pragma once
// One entry point for every model source the engine runs: the built-in demos, Hugging Face
// folders (native BERT/RoBERTa/DistilBERT/GPT-2) and TorchScript archives; pickle checkpoints
// are refused with model_format's message. Gives the model, its tokenizer and its summary
// (with the weights' sha256), for Benchmark, inspectModel and predict.
#include "engine/formats/errors.h"
#include "engine/models/model.h"
#include "engine/models/model_summary.h"
#include "engine/text/tokenizer.h"

#include <memory>
#include <string>
#include <vector>

namespace optibench::engine {

struct LoadedModel {
    std::unique_ptr<Model> model;
    std::unique_ptr<Tokenizer> tokenizer; // null: the demo's word tokenizer
    // The demo decoder (engine/models/demo_decoder.h) reads the word tokenizer as a language
    // model: encode gives BOS and the words (no EOS, so generation continues the text) and
    // decode readable words without the special tokens.
    bool demoDecoder = false;
    ModelSummary summary;
    std::vector<std::string> weightFiles; // what sha256 and size on disk cover

    // The model's input for one text (specials added, truncated to maxLength).
    std::vector<std::int64_t> encode(const std::string &text, int maxLength) const;
    // A pair of texts (text, text_pair), truncating the longer first. secondStart, when given,
    // receives the position where the second text's segment begins (after the first separator),
    // or -1 when truncation left none of it.
    std::vector<std::int64_t> encodePair(const std::string &text, const std::string &pair, int maxLength,
                                         std::int64_t *secondStart = nullptr) const;
    std::int64_t padId() const;
    std::string decode(const std::vector<std::int64_t> &ids) const;
    // One token as a list of candidates shows it, special tokens by name ("[SEP]", "</s>").
    std::string tokenText(std::int64_t id) const;
};

// `format`: auto, demo, hf or torchscript (the spec's model.format). Throws EngineError naming
// the path (or model.format) and the problem.
LoadedModel loadModel(const std::string &path, const std::string &format = "auto");

} // namespace optibench::engine
