// The built-in demo decoder (engine/models/demo_decoder.h): both variants load through loadModel,
// its text goes in as BOS and words and comes back as readable words, the trained model's eval
// perplexity is far below the untrained one's and below a unigram model's, greedy generation is
// deterministic and stays in the demo vocabulary, and the KV cache gives the logits of
// recomputing the sequence. Also the perplexity function (engine/run/perplexity.h) it is measured
// with. The trained cases are skipped in a build without data/demo/tiny-llama.safetensors.
#include "engine/data/batching.h"
#include "engine/formats/demo_architecture.h"
#include "engine/models/demo_decoder.h"
#include "engine/models/kv_cache.h"
#include "engine/models/model_loader.h"
#include "engine/run/generation.h"
#include "engine/run/perplexity.h"
#include "engine/text/demo_text.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace optibench::engine;
using demo::WordTokenizer;

namespace {

// Measured with the committed weights (tools/make_demo_weights.cpp --model tiny-llama, 1 thread):
// untrained 169.4, trained 98.3, word frequencies alone 122.0. demo:reviews draws its words
// independently, so little is left to learn beyond their frequencies, a review's polarity, the
// commas and where it ends: a model that knew the generator's rules would reach about 96 (an
// estimate from simulating them), so no model gets to a third of the untrained perplexity. The
// bound leaves a margin for weights retrained with other thread counts or steps.
constexpr double kTrainedPerplexityBound = 105.0;

constexpr const char *kNoWeights = "this build has no data/demo/tiny-llama.safetensors";

std::int64_t idOf(const std::string &word)
{
    const auto ids = demo::tokenizer().words(word);
    EXPECT_EQ(ids.size(), 1u) << word;
    return ids.empty() ? -1 : ids.front();
}

// Perplexity of word frequencies counted on the train split (add-one smoothing), over the same
// predicted tokens of the eval split: what a model that ignores the context reaches.
double unigramPerplexity()
{
    std::vector<double> counts(static_cast<std::size_t>(demo::tokenizer().vocabSize()), 1.0);
    double total = static_cast<double>(counts.size());
    for (const auto &seq : demo::decoderSequences("train"))
        for (std::size_t i = 1; i < seq.size(); ++i) {
            counts[static_cast<std::size_t>(seq[i])] += 1;
            total += 1;
        }
    double nll = 0;
    std::int64_t n = 0;
    for (const auto &seq : demo::decoderSequences("eval"))
        for (std::size_t i = 1; i < seq.size(); ++i) {
            nll -= std::log(counts[static_cast<std::size_t>(seq[i])] / total);
            ++n;
        }
    return std::exp(nll / static_cast<double>(n));
}

} // namespace

TEST(DemoDecoder, UntrainedLoadsAsALlamaDecoder)
{
    const auto loaded = loadModel(demo::kUntrainedDecoderName);
    const auto &c = loaded.model->config();
    EXPECT_TRUE(loaded.model->isLanguageModel());
    EXPECT_EQ(c.family, ArchitectureFamily::Llama);
    EXPECT_EQ(c.architecture, "LlamaForCausalLM");
    EXPECT_EQ(c.numLayers, demo::kTinyLlama.layers);
    EXPECT_EQ(c.numHeads, 4);
    EXPECT_EQ(kvHeads(c), 2); // grouped-query attention
    EXPECT_TRUE(c.tieWordEmbeddings);
    EXPECT_EQ(c.vocabSize, demo::tokenizer().vocabSize());
    EXPECT_EQ(c.bosTokenId, WordTokenizer::kCls);
    EXPECT_EQ(c.eosTokenId, WordTokenizer::kSep);
    EXPECT_EQ(loaded.padId(), WordTokenizer::kPad);
    EXPECT_EQ(loaded.summary.format, "demo");
    EXPECT_EQ(loaded.summary.parameters, demo::kTinyLlama.parameters()); // the GUI's count is the model's
    EXPECT_NE(loaded.summary.note.find("randomly initialised"), std::string::npos);
}

TEST(DemoDecoder, TrainedLoadsOrRefusesClearly)
{
    if (!demo::haveTrainedDecoderWeights()) {
        try {
            loadModel(demo::kDecoderName);
            FAIL() << "loaded without trained weights";
        } catch (const EngineError &e) {
            EXPECT_NE(std::string(e.what()).find("tiny-llama-untrained"), std::string::npos) << e.what();
        }
        return;
    }
    const auto loaded = loadModel(demo::kDecoderName, "demo");
    EXPECT_TRUE(loaded.model->isLanguageModel());
    EXPECT_EQ(loaded.summary.parameters, demo::kTinyLlama.parameters());
    EXPECT_NE(loaded.summary.note.find("trained on the train split"), std::string::npos);
    EXPECT_THROW(loadModel(demo::kDecoderName, "hf"), EngineError);
}

TEST(DemoDecoder, PromptsGetBosWithoutEosAndDecodeToWords)
{
    const auto loaded = loadModel(demo::kUntrainedDecoderName);
    const std::vector<std::int64_t> prompt{WordTokenizer::kCls, idOf("the"), idOf("battery")};
    EXPECT_EQ(loaded.encode("The battery", 0), prompt);
    EXPECT_EQ(loaded.encode("the battery was great", 2), std::vector<std::int64_t>(prompt.begin(), prompt.end() - 1));
    // Training sequences end with EOS.
    const auto sequences = demo::decoderSequences("eval");
    ASSERT_EQ(sequences.size(), 1000u);
    for (const auto &s : sequences) {
        ASSERT_GE(s.size(), 3u);
        EXPECT_EQ(s.front(), WordTokenizer::kCls);
        EXPECT_EQ(s.back(), WordTokenizer::kSep);
    }
    auto ids = demo::tokenizer().encode("The battery, great.", 256); // [CLS] the battery , great . [SEP]
    ASSERT_EQ(ids.size(), 7u);
    ids.push_back(WordTokenizer::kPad);
    EXPECT_EQ(loaded.decode(ids), "the battery, great.");
    EXPECT_EQ(loaded.tokenText(WordTokenizer::kSep), "[SEP]"); // lists of candidates name the specials
    // Each id only appends text (what generateText's stream relies on).
    for (std::size_t n = 1; n < ids.size(); ++n) {
        const auto shorter = loaded.decode({ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n)});
        EXPECT_EQ(loaded.decode({ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n + 1)}).rfind(shorter, 0), 0u);
    }
}

TEST(Perplexity, OverSequencesIsTheMeanNextTokenLossOfTheirBatches)
{
    const auto loaded = loadModel(demo::kUntrainedDecoderName);
    auto sequences = demo::decoderSequences("eval");
    sequences.resize(64);
    const auto p = perplexity(*loaded.model, sequences, 8, loaded.padId());
    std::int64_t predicted = 0;
    for (const auto &s : sequences)
        predicted += static_cast<std::int64_t>(s.size()) - 1;
    EXPECT_EQ(p.tokens, predicted);
    // The training runner's evaluation over differently padded batches: the same mean.
    const auto batches = makeBatches(sequences, {}, 5, 256, Padding::Dynamic, 0, loaded.padId());
    EXPECT_NEAR(p.meanNll, evaluate(*loaded.model, batches).loss, 1e-5);
    EXPECT_NEAR(perplexity(*loaded.model, batches).meanNll, p.meanNll, 1e-5);
    EXPECT_NEAR(p.perplexity(), std::exp(p.meanNll), 1e-9);

    EXPECT_THROW(perplexity(*loaded.model, {std::vector<std::int64_t>(300, 4)}), std::invalid_argument);
    const auto classifier = loadModel("demo:tiny-bert-untrained");
    EXPECT_THROW(perplexity(*classifier.model, sequences), std::invalid_argument);
}

TEST(DemoDecoder, TrainedPerplexityIsFarBelowTheUntrainedOnes)
{
    if (!demo::haveTrainedDecoderWeights())
        GTEST_SKIP() << kNoWeights;
    const auto eval = demo::decoderSequences("eval");
    const auto untrained = perplexity(*loadModel(demo::kUntrainedDecoderName).model, eval);
    const auto trained = perplexity(*loadModel(demo::kDecoderName).model, eval);
    const double unigram = unigramPerplexity();
    std::cout << "eval perplexity: untrained " << untrained.perplexity() << ", trained " << trained.perplexity()
              << ", unigram " << unigram << " (" << trained.tokens << " tokens)\n";
    // Random weights spread the probability about evenly over the vocabulary.
    EXPECT_GT(untrained.perplexity(), 0.9 * demo::kTinyLlama.vocabSize);
    EXPECT_LT(trained.perplexity(), kTrainedPerplexityBound);
    EXPECT_LT(trained.perplexity(), 0.65 * untrained.perplexity());
    // More than word frequencies: where reviews end, commas, a review's polarity.
    EXPECT_LT(trained.perplexity(), unigram);
}

TEST(DemoDecoder, GreedyGenerationIsDeterministicAndStaysInTheVocabulary)
{
    if (!demo::haveTrainedDecoderWeights())
        GTEST_SKIP() << kNoWeights;
    GenerationOptions o;
    o.maxNewTokens = 30;
    std::string streamed;
    const auto text = generateText(
        demo::kDecoderName, "the battery", o, [&](const std::string &piece) { streamed += piece; }, nullptr);
    EXPECT_EQ(streamed, text);
    EXPECT_EQ(generateText(demo::kDecoderName, "the battery", o, {}, nullptr), text);
    std::istringstream words(text);
    std::string word;
    int count = 0;
    for (; words >> word; ++count) {
        while (!word.empty() && (word.back() == '.' || word.back() == ','))
            word.pop_back();
        if (!word.empty()) {
            EXPECT_NE(demo::tokenizer().words(word), std::vector<std::int64_t>{WordTokenizer::kUnk}) << word;
        }
    }
    EXPECT_GT(count, 0) << text;

    const auto loaded = loadModel(demo::kDecoderName);
    const auto ids = at::tensor(loaded.encode("the battery", 0), at::kLong).unsqueeze(0);
    const auto out = generate(*loaded.model, ids, {}, o);
    const int length = out.lengths.at(0);
    ASSERT_GT(length, 0);
    // It ends with EOS, then only padding, or runs to the length.
    if (length < o.maxNewTokens) {
        EXPECT_EQ(out.tokens[0][length - 1].item<std::int64_t>(), WordTokenizer::kSep);
        EXPECT_EQ(out.tokens.size(1), length);
    } else {
        EXPECT_EQ(length, o.maxNewTokens);
    }
    std::vector<std::int64_t> generated;
    for (int i = 0; i < length; ++i)
        generated.push_back(out.tokens[0][i].item<std::int64_t>());
    EXPECT_EQ(loaded.decode(generated), text);
}

TEST(DemoDecoder, CachedStepsEqualRecomputingTheWholeSequence)
{
    for (const char *name : {demo::kUntrainedDecoderName, demo::kDecoderName}) {
        if (std::string(name) == demo::kDecoderName && !demo::haveTrainedDecoderWeights())
            continue;
        SCOPED_TRACE(name);
        const auto loaded = loadModel(name);
        const auto *decoder = dynamic_cast<const CachedDecoder *>(loaded.model.get());
        ASSERT_NE(decoder, nullptr);
        auto seq = at::tensor(loaded.encode("i bought this kettle for my kitchen and", 0), at::kLong).unsqueeze(0);
        KvCache cache;
        auto stepLogits = decoder->forwardCached(seq, {}, cache).select(1, -1);
        for (int step = 0; step < 12; ++step) {
            auto full = loaded.model->forward(seq, at::ones_like(seq)).select(1, -1);
            EXPECT_LT((full - stepLogits).abs().max().item<double>(), 2e-5) << "step " << step;
            auto next = full.argmax(-1, true);
            seq = at::cat({seq, next}, 1);
            stepLogits = decoder->forwardCached(next, {}, cache).select(1, -1);
        }
        EXPECT_EQ(cache.length(), seq.size(1));
    }
}
