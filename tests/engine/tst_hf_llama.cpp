// Llama, Qwen2 and Mistral checkpoints (tests/data/hf/*-tiny, made by
// tools/make_decoder_fixtures.py from a reimplementation of transformers' forward) through the
// native LlamaModel: logits and mean NLL against the reference, its greedy continuations, a
// left-padded prompt equal to the prompt alone, grouped-query attention, rope scaling and the
// config's refusals.
#include "engine/formats/errors.h"
#include "engine/formats/hf_config.h"
#include "engine/measure/flops.h"
#include "engine/models/hf_loader.h"
#include "engine/models/model_save.h"
#include "engine/run/generation.h"
#include "tests/engine/hf_reference.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace optibench::engine;
using optibench::engine::testing::readReference;
using optibench::engine::testing::tensorOf;

namespace {

std::string folder(const std::string &name)
{
    return std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/" + name;
}

class HfLlama : public ::testing::TestWithParam<const char *> {};

} // namespace

TEST_P(HfLlama, LogitsAndNllMatchTheReference)
{
    const auto dir = folder(GetParam());
    auto model = loadHfModel(dir);
    EXPECT_TRUE(model->isLanguageModel());
    const auto ref = readReference(dir);
    auto ids = tensorOf(ref["input_ids"], at::kLong);
    auto mask = tensorOf(ref["attention_mask"], at::kLong);
    auto want = tensorOf(ref["logits"], at::kDouble);
    auto got = model->forward(ids, mask).to(at::kDouble);
    ASSERT_EQ(got.sizes(), want.sizes());
    // Every real token's logits; padded positions have none to compare.
    const auto real = mask.to(at::kBool).unsqueeze(-1).expand_as(want);
    const double worst = (got - want).abs().masked_select(real).max().item<double>();
    EXPECT_LT(worst, 2e-5) << GetParam();
    // The last position's logits, and row 0's mean next-token NLL.
    EXPECT_LT((got.select(1, -1) - want.select(1, -1)).abs().max().item<double>(), 2e-5);
    auto logp = at::log_softmax(got[0].slice(0, 0, -1), -1);
    const double nll = -logp.gather(-1, ids[0].slice(0, 1).unsqueeze(-1)).mean().item<double>();
    EXPECT_NEAR(nll, ref["mean_nll_row0"].get<double>(), 1e-5);
    std::cout << GetParam() << ": worst logit error " << worst << ", mean NLL error "
              << std::abs(nll - ref["mean_nll_row0"].get<double>()) << "\n";
    for (const auto &[name, info] : ref["tensors"].items()) {
        ASSERT_TRUE(model->parameters().count(name)) << name;
        EXPECT_NEAR(model->parameters().at(name).to(at::kDouble).sum().item<double>(), info["sum"].get<double>(), 1e-4)
            << name;
    }
}

// A left-padded prompt gets the positions and keys it has alone: its logits equal the
// unpadded prompt's.
TEST_P(HfLlama, ALeftPaddedPromptEqualsThePromptAlone)
{
    auto model = loadHfModel(folder(GetParam()));
    const auto ref = readReference(folder(GetParam()));
    auto ids = tensorOf(ref["input_ids"], at::kLong);
    auto mask = tensorOf(ref["attention_mask"], at::kLong);
    auto batched = model->forward(ids, mask);
    auto alone = model->forward(ids[1].slice(0, 3).unsqueeze(0), mask[1].slice(0, 3).unsqueeze(0));
    EXPECT_LT((batched[1].slice(0, 3) - alone[0]).abs().max().item<double>(), 2e-5);
}

// Greedy decoding with the KV cache gives the tokens the float64 reference gives by recomputing
// the whole sequence for each (both rows in one batch, the second left-padded; through
// mistral-tiny's sliding window of 4).
TEST_P(HfLlama, GreedyContinuationsMatchTheReference)
{
    auto model = loadHfModel(folder(GetParam()));
    const auto ref = readReference(folder(GetParam()));
    const auto want = tensorOf(ref["greedy"], at::kLong);
    GenerationOptions o;
    o.maxNewTokens = static_cast<int>(want.size(1));
    o.stopAtEos = false;
    const auto got =
        generate(*model, tensorOf(ref["input_ids"], at::kLong), tensorOf(ref["attention_mask"], at::kLong), o);
    EXPECT_TRUE(got.tokens.equal(want)) << GetParam() << ": " << got.tokens << " against " << want
                                        << " (smallest top-2 gap " << ref["greedy_min_margin"].get<double>() << ")";
}

INSTANTIATE_TEST_SUITE_P(Checkpoints, HfLlama, ::testing::Values("llama-tiny", "qwen2-tiny", "mistral-tiny"));

TEST(HfLlamaConfig, ReadsTheFamilysFields)
{
    const auto llama = loadHfConfig(folder("llama-tiny"));
    EXPECT_EQ(llama.family, ArchitectureFamily::Llama);
    EXPECT_EQ(kvHeads(llama), 2);
    EXPECT_EQ(llama.rope.scaling, "llama3");
    EXPECT_FALSE(llama.tieWordEmbeddings);
    EXPECT_FALSE(llama.attentionBias);
    const auto qwen = loadHfConfig(folder("qwen2-tiny"));
    EXPECT_TRUE(qwen.attentionBias);
    EXPECT_FALSE(qwen.outputBias);
    EXPECT_EQ(qwen.slidingWindow, 0) << "use_sliding_window is false";
    EXPECT_EQ(kvHeads(qwen), 1);
    const auto mistral = loadHfConfig(folder("mistral-tiny"));
    EXPECT_EQ(headDim(mistral), 16);
    EXPECT_EQ(mistral.slidingWindow, 4);
    EXPECT_EQ(mistral.rope.scaling, "linear");
    // Tied: one tensor for the embeddings and the head, counted once.
    auto model = loadHfModel(folder("qwen2-tiny"));
    EXPECT_TRUE(model->parameters().at("lm_head.weight").is_same(model->parameters().at("model.embed_tokens.weight")));
    // FLOPs count the narrower key/value projections and the window.
    const double full = encoderForwardFlops(llama, 1, 8);
    auto mha = llama;
    mha.numKvHeads = 4;
    EXPECT_LT(full, encoderForwardFlops(mha, 1, 8));
}

TEST(HfLlamaConfig, RefusesWhatItCannotCompute)
{
    auto error = [](const std::string &json) {
        try {
            parseHfConfig(json, "config.json");
        } catch (const std::exception &e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const std::string base = R"("architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 64,
        "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 48)";
    EXPECT_EQ(error("{" + base + "}"), "");
    EXPECT_NE(error("{" + base + R"(, "num_key_value_heads": 3})").find("num_key_value_heads"), std::string::npos);
    EXPECT_NE(error("{" + base + R"(, "rope_scaling": {"rope_type": "yarn", "factor": 4}})").find("yarn"),
              std::string::npos);
    EXPECT_NE(error("{" + base + R"(, "hidden_act": "gelu"})").find("hidden_act"), std::string::npos);
    EXPECT_NE(error("{" + base + R"(, "mlp_bias": true})").find("mlp_bias"), std::string::npos);
    // Llama 3 lists several eos ids: the first is taken.
    EXPECT_EQ(parseHfConfig("{" + base + R"(, "eos_token_id": [128001, 128009], "pad_token_id": 0})", "config.json")
                  .eosTokenId,
              128001);
}

// What a saved model's config.json says reads back as the same architecture.
TEST(HfLlamaConfig, TheSavedConfigReadsBackTheSame)
{
    for (const char *name : {"llama-tiny", "qwen2-tiny", "mistral-tiny"}) {
        const auto c = loadHfConfig(folder(name));
        const auto back = parseHfConfig(hfConfigJson(c).dump(), "saved config.json");
        EXPECT_EQ(back.architecture, c.architecture) << name;
        EXPECT_EQ(kvHeads(back), kvHeads(c)) << name;
        EXPECT_EQ(headDim(back), headDim(c)) << name;
        EXPECT_EQ(back.rope.scaling, c.rope.scaling) << name;
        EXPECT_DOUBLE_EQ(back.rope.factor, c.rope.factor) << name;
        EXPECT_DOUBLE_EQ(back.rope.theta, c.rope.theta) << name;
        EXPECT_EQ(back.rope.originalMaxPositions, c.rope.originalMaxPositions) << name;
        EXPECT_EQ(back.slidingWindow, c.slidingWindow) << name;
        EXPECT_EQ(back.attentionBias, c.attentionBias) << name;
        EXPECT_EQ(back.outputBias, c.outputBias) << name;
        EXPECT_EQ(back.tieWordEmbeddings, c.tieWordEmbeddings) << name;
        EXPECT_DOUBLE_EQ(back.layerNormEps, c.layerNormEps) << name;
    }
}
