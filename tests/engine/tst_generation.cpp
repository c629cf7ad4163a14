// Generation with the KV cache on the Llama, Qwen2, Mistral and GPT-2 fixtures: the cached steps equal
// recomputing the whole sequence, a left-padded batch continues each prompt as it would alone,
// sampling is reproducible from its seed, eos stops a row, and a prompt too long is refused.
#include "engine/models/hf_loader.h"
#include "engine/run/generation.h"
#include "tests/engine/hf_reference.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

using namespace optibench::engine;
using optibench::engine::testing::readReference;
using optibench::engine::testing::tensorOf;

namespace {

class Generation : public ::testing::TestWithParam<const char *> {
protected:
    void SetUp() override
    {
        const std::string dir = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/" + GetParam();
        m_model = loadHfModel(dir);
        m_decoder = dynamic_cast<CachedDecoder *>(m_model.get());
        ASSERT_NE(m_decoder, nullptr);
        const auto ref = readReference(dir);
        m_ids = tensorOf(ref["input_ids"], at::kLong);
        m_mask = tensorOf(ref["attention_mask"], at::kLong);
    }
    std::unique_ptr<NativeModel> m_model;
    CachedDecoder *m_decoder = nullptr;
    at::Tensor m_ids, m_mask;
};

} // namespace

TEST_P(Generation, CachedStepsEqualRecomputingTheWholeSequence)
{
    auto prompt = m_ids.slice(0, 0, 1);
    GenerationOptions o;
    o.maxNewTokens = 10; // past the sliding window of mistral-tiny (4)
    o.eosTokenId = 1000; // none: every step runs
    const auto cached = generate(*m_model, prompt, {}, o);
    ASSERT_EQ(cached.tokens.size(1), 10);
    // Without the cache: the whole sequence again for every token, its last logits compared.
    KvCache cache;
    auto seq = prompt;
    auto stepLogits = m_decoder->forwardCached(prompt, {}, cache).select(1, -1);
    for (int step = 0; step < 10; ++step) {
        auto full = m_model->forward(seq, at::ones_like(seq)).select(1, -1);
        EXPECT_LT((full - stepLogits).abs().max().item<double>(), 2e-5) << "step " << step;
        auto next = full.argmax(-1, true);
        EXPECT_EQ(next.item<std::int64_t>(), cached.tokens[0][step].item<std::int64_t>()) << "step " << step;
        seq = at::cat({seq, next}, 1);
        stepLogits = m_decoder->forwardCached(next, {}, cache).select(1, -1);
    }
    EXPECT_EQ(cache.length(), 8 + 10); // the prompt and one token a step
    EXPECT_GT(cached.cacheBytes, 0);
}

TEST_P(Generation, ALeftPaddedBatchContinuesEachPromptAsAlone)
{
    GenerationOptions o;
    o.maxNewTokens = 6;
    o.eosTokenId = 1000;
    // Row 0 whole, row 1 its real tokens left-padded to the same length.
    const auto S = m_ids.size(1);
    auto real = m_ids[1].masked_select(m_mask[1].to(at::kBool));
    const auto n = real.size(0), pad = S - n;
    ASSERT_GT(pad, 0);
    auto ids = at::stack({m_ids[0], at::cat({at::zeros({pad}, at::kLong), real})});
    auto mask = at::stack({at::ones({S}, at::kLong), at::cat({at::zeros({pad}, at::kLong), at::ones({n}, at::kLong)})});
    const auto batch = generate(*m_model, ids, mask, o);
    for (int row = 0; row < 2; ++row) {
        auto alone = generate(*m_model, (row == 0 ? m_ids[0] : real).unsqueeze(0), {}, o);
        EXPECT_TRUE(at::equal(batch.tokens[row], alone.tokens[0]))
            << "row " << row << ": " << batch.tokens[row] << " alone " << alone.tokens[0];
    }
}

TEST_P(Generation, SamplingIsReproducibleAndTopOneIsGreedy)
{
    GenerationOptions o;
    o.maxNewTokens = 8;
    o.eosTokenId = 1000;
    const auto greedy = generate(*m_model, m_ids, m_mask, o);
    o.sampling.sample = true;
    o.sampling.temperature = 1.5;
    o.sampling.topP = 0.9;
    o.sampling.seed = 7;
    const auto a = generate(*m_model, m_ids, m_mask, o), b = generate(*m_model, m_ids, m_mask, o);
    EXPECT_TRUE(at::equal(a.tokens, b.tokens));
    o.sampling.topK = 1;
    EXPECT_TRUE(at::equal(generate(*m_model, m_ids, m_mask, o).tokens, greedy.tokens));
}

TEST_P(Generation, EosEndsARowAndTheOthersGoOn)
{
    GenerationOptions o;
    o.maxNewTokens = 5;
    o.eosTokenId = 1000;
    const auto free = generate(*m_model, m_ids, m_mask, o);
    o.eosTokenId = int(free.tokens[0][1].item<std::int64_t>()); // row 0's second token
    o.padTokenId = 0;
    const auto stopped = generate(*m_model, m_ids, m_mask, o);
    EXPECT_LE(stopped.lengths[0], 2);
    for (std::int64_t s = stopped.lengths[0]; s < stopped.tokens.size(1); ++s)
        EXPECT_EQ(stopped.tokens[0][s].item<std::int64_t>(), 0) << "a finished row gets pad ids";
    // Row 1 is the same as long as it has not met that token itself.
    for (int s = 0; s < stopped.lengths[1]; ++s)
        EXPECT_EQ(stopped.tokens[1][s].item<std::int64_t>(), free.tokens[1][s].item<std::int64_t>());
}

TEST_P(Generation, APromptLongerThanThePositionsIsRefused)
{
    GenerationOptions o;
    o.maxNewTokens = m_model->config().maxPositions;
    try {
        generate(*m_model, m_ids, m_mask, o);
        FAIL() << "no error";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("positions"), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Checkpoints, Generation,
                         ::testing::Values("llama-tiny", "qwen2-tiny", "mistral-tiny", "gpt2-tiny"));

TEST(GenerationRefusals, AnEncoderDoesNotGenerate)
{
    auto bert = loadHfModel(std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/bert-tiny");
    try {
        generate(*bert, at::ones({1, 4}, at::kLong), {}, GenerationOptions{});
        FAIL() << "no error";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("does not generate"), std::string::npos) << e.what();
    }
}
