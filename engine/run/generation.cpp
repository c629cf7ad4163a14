#include "engine/run/generation.h"
#include "engine/models/model_loader.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/record_function.h>

#include <chrono>
#include <limits>
#include <stdexcept>
#include <string>

namespace optibench::engine {

namespace {

// Hugging Face's TopKLogitsWarper and TopPLogitsWarper on [B, vocab] scores.
at::Tensor cutScores(at::Tensor scores, const SamplingOptions &o)
{
    const double lowest = -std::numeric_limits<float>::infinity();
    if (o.topK > 0 && o.topK < scores.size(-1)) {
        auto kth = std::get<0>(scores.topk(o.topK, -1)).select(-1, o.topK - 1).unsqueeze(-1);
        scores = scores.masked_fill(scores < kth, lowest);
    }
    if (o.topP < 1.0) {
        auto [sorted, order] = scores.sort(-1, false); // ascending
        auto cumulative = sorted.softmax(-1).cumsum(-1);
        auto drop = cumulative <= (1.0 - o.topP);
        drop.select(-1, drop.size(-1) - 1).fill_(false); // the most likely token always stays
        scores = scores.masked_fill(drop.scatter(-1, order, drop), lowest);
    }
    return scores;
}

} // namespace

at::Tensor chooseTokens(const at::Tensor &logits, const SamplingOptions &o, at::Generator &generator)
{
    if (!o.sample)
        return logits.argmax(-1);
    if (!(o.temperature > 0))
        throw std::invalid_argument("sampling temperature must be above 0, is " + std::to_string(o.temperature));
    auto scores = cutScores(logits.to(at::kFloat) / o.temperature, o);
    return at::multinomial(scores.softmax(-1), 1, false, generator).squeeze(-1);
}

Generated generate(const Model &model, const at::Tensor &ids, const at::Tensor &mask, const GenerationOptions &options,
                   const TokenCallback &onStep)
{
    const auto *decoder = dynamic_cast<const CachedDecoder *>(&model);
    if (!decoder || !model.isLanguageModel())
        throw std::invalid_argument(model.config().architecture
                                    + " does not generate text (it is no decoder "
                                      "language model with a KV cache)");
    const auto &c = model.config();
    const auto B = ids.size(0), S = ids.size(1);
    if (S + options.maxNewTokens > c.maxPositions)
        throw std::invalid_argument("the prompt (" + std::to_string(S) + " tokens) and "
                                    + std::to_string(options.maxNewTokens) + " new tokens exceed the model's "
                                    + std::to_string(c.maxPositions) + " positions");
    const int eos = !options.stopAtEos ? -1 : options.eosTokenId >= 0 ? options.eosTokenId : c.eosTokenId;
    const int pad = options.padTokenId >= 0 ? options.padTokenId : c.padTokenId;
    auto generator = at::detail::createCPUGenerator(options.sampling.seed);
    KvCache cache;
    cache.reserve = S + options.maxNewTokens;
    Generated out;
    out.lengths.assign(std::size_t(B), 0);
    auto finished = at::zeros({B}, ids.options().dtype(at::kBool));
    std::vector<at::Tensor> steps;
    at::Tensor logits;
    {
        RECORD_USER_SCOPE("prefill");
        logits = decoder->forwardCached(ids, mask, cache).select(1, -1);
    }
    for (int step = 0; step < options.maxNewTokens; ++step) {
        auto next = chooseTokens(logits, options.sampling, generator).to(at::kLong);
        next = next.masked_fill(finished, pad);
        steps.push_back(next);
        for (std::int64_t b = 0; b < B; ++b)
            if (!finished[b].item<bool>())
                ++out.lengths[std::size_t(b)];
        if (eos >= 0)
            finished = finished | (next == eos);
        if (onStep)
            onStep(step, next);
        if (step + 1 == options.maxNewTokens || finished.all().item<bool>())
            break;
        RECORD_USER_SCOPE("decode");
        // A finished row still steps (the batch stays rectangular), its token masked out.
        auto stepMask = at::logical_not(finished).to(at::kLong).unsqueeze(1);
        logits = decoder->forwardCached(next.unsqueeze(1), stepMask, cache).select(1, -1);
    }
    out.tokens = at::stack(steps, 1);
    out.cacheBytes = cache.bytes();
    return out;
}

std::string generateText(const std::string &modelPath, const std::string &prompt, const GenerationOptions &options,
                         const std::function<void(const std::string &piece)> &stream, GenerationStats *stats)
{
    const LoadedModel loaded = loadModel(modelPath, "auto");
    const auto promptIds = loaded.encode(prompt, 0);
    if (promptIds.empty())
        throw std::invalid_argument("the prompt is empty: give some text to continue");
    auto ids = at::tensor(promptIds, at::kLong).unsqueeze(0);
    // The new text is the whole sequence's text after the prompt's, so that the space between the
    // prompt and the first new word comes out as the tokenizer decodes it (word tokenizers have
    // none in their tokens; byte-level BPE carries it in the token).
    std::vector<std::int64_t> generated = promptIds;
    const std::string promptText = loaded.decode(promptIds);
    const auto newText = [&] {
        const std::string all = loaded.decode(generated);
        return all.compare(0, promptText.size(), promptText) == 0
            ? all.substr(promptText.size())
            : loaded.decode(
                std::vector<std::int64_t>(generated.begin() + std::ptrdiff_t(promptIds.size()), generated.end()));
    };
    std::string shown;
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto firstToken = start;
    auto onStep = [&](int step, const at::Tensor &tokens) {
        if (step == 0)
            firstToken = Clock::now();
        generated.push_back(tokens[0].item<std::int64_t>());
        const std::string text = newText();
        // U+FFFD at the end: a character whose bytes are not all here yet.
        const bool partial = text.size() >= 3 && text.compare(text.size() - 3, 3, "\xEF\xBF\xBD") == 0;
        if (!partial && text.size() > shown.size() && stream)
            stream(text.substr(shown.size()));
        if (!partial)
            shown = text;
    };
    const auto out = generate(*loaded.model, ids, {}, options, onStep);
    const auto end = Clock::now();
    const std::string text = newText();
    if (stream && text.size() > shown.size())
        stream(text.substr(shown.size()));
    if (stats) {
        stats->promptTokens = int(promptIds.size());
        stats->newTokens = out.lengths.empty() ? 0 : out.lengths[0];
        stats->prefillMs = std::chrono::duration<double, std::milli>(firstToken - start).count();
        stats->decodeMs = std::chrono::duration<double, std::milli>(end - firstToken).count();
        stats->cacheBytes = out.cacheBytes;
    }
    return text;
}

} // namespace optibench::engine
