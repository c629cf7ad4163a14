#pragma once
// Text generation with a decoder's KV cache: the prompt once (prefill), then one token a step
// (decode), greedy or sampled (temperature, top-k, top-p, a seed), until each row has its eos
// or the length. A batch is left-padded with positions from the mask, as Hugging Face's
// generate does, so each row continues as it would alone.
#include "engine/models/kv_cache.h"
#include "engine/models/model.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace optibench::engine {

struct SamplingOptions {
    bool sample = false;      // false: greedy (the most likely token)
    double temperature = 1.0; // > 0
    int topK = 0;             // 0: no cut
    double topP = 1.0;        // nucleus: the smallest set of tokens holding this probability
    std::uint64_t seed = 0;
};

struct GenerationOptions {
    int maxNewTokens = 32;
    SamplingOptions sampling;
    int eosTokenId = -1;   // -1: the model's config
    bool stopAtEos = true; // false: every row runs maxNewTokens (a benchmark's fixed work)
    int padTokenId = -1;   // what a finished row gets; -1: the config's pad id
};

struct Generated {
    at::Tensor tokens;           // [B, steps] new tokens; a finished row continues with pad ids
    std::vector<int> lengths;    // per row: new tokens up to and with its eos
    std::int64_t cacheBytes = 0; // the KV cache at the end
};

// Called after each step with its tokens [B] (step 0 is the prefill's token).
using TokenCallback = std::function<void(int step, const at::Tensor &tokens)>;

// ids and mask [B, S], left-padded. `model` must keep a KV cache (GPT-2, the Llama family).
// Throws std::invalid_argument when it does not, or when the prompt and the new tokens exceed
// the model's positions, naming both.
Generated generate(const Model &model, const at::Tensor &ids, const at::Tensor &mask, const GenerationOptions &options,
                   const TokenCallback &onStep = {});

struct GenerationStats {
    int promptTokens = 0;
    int newTokens = 0;
    double prefillMs = 0;        // the prompt's pass to its first token (time to first token)
    double decodeMs = 0;         // every later token
    std::int64_t cacheBytes = 0; // the KV cache at the end
};

// A model (engine::loadModel: a Hugging Face folder of a decoder) continuing `prompt`:
// `stream` gets the text as it grows (a character split over tokens waits for its last byte).
// Returns the whole new text. Throws EngineError naming the model, or std::invalid_argument.
std::string generateText(const std::string &modelPath, const std::string &prompt, const GenerationOptions &options,
                         const std::function<void(const std::string &piece)> &stream, GenerationStats *stats);

// The next token of each row from its logits [B, vocab].
at::Tensor chooseTokens(const at::Tensor &logits, const SamplingOptions &options, at::Generator &generator);

} // namespace optibench::engine
