// A real Hugging Face GPT-2 checkpoint (tests/data/hf/gpt2-tiny, made by
// tools/make_hf_fixtures.py) through the native decoder, against the reference logits.
#include "engine/kernels/compat.h"
#include "engine/kernels/quantize.h"
#include "engine/models/hf_loader.h"
#include "engine/run/benchmark.h"
#include "tests/engine/hf_reference.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

using namespace optibench::engine;
using optibench::engine::testing::readReference;
using optibench::engine::testing::relativeError;
using optibench::engine::testing::tensorOf;

namespace {

const std::string kFolder = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/gpt2-tiny";

// Records the user scopes a forward pass opens.
std::set<std::string> scopesOf(const std::function<void()> &fn)
{
    static std::set<std::string> *sink = nullptr;
    std::set<std::string> names;
    sink = &names;
    auto handle = at::addThreadLocalCallback(
        at::RecordFunctionCallback([](const at::RecordFunction &fn) -> std::unique_ptr<at::ObserverContext> {
            if (sink)
                sink->insert(fn.name());
            return nullptr;
        }).scopes({compat::kUserScope}));
    fn();
    at::removeCallback(handle);
    sink = nullptr;
    return names;
}

} // namespace

TEST(HfGpt2, LogitsMatchTheReference)
{
    auto model = loadHfGpt2(kFolder);
    EXPECT_TRUE(model->isLanguageModel());
    EXPECT_EQ(model->config().numLayers, 2);
    const auto ref = readReference(kFolder);
    auto ids = tensorOf(ref["input_ids"], at::kLong);
    auto mask = tensorOf(ref["attention_mask"], at::kLong);
    auto want = tensorOf(ref["logits"], at::kDouble);
    auto got = model->forward(ids, mask);
    ASSERT_EQ(got.sizes(), want.sizes());
    EXPECT_LT(relativeError(got, want), 1e-5);
    // Checksums of what was loaded (Conv1D weights are held transposed: their sums agree).
    for (const auto &[name, info] : ref["tensors"].items()) {
        ASSERT_TRUE(model->parameters().count(name)) << name;
        EXPECT_NEAR(model->parameters().at(name).to(at::kDouble).sum().item<double>(), info["sum"].get<double>(), 1e-4)
            << name;
    }
}

TEST(HfGpt2, LmHeadIsTiedAndCountedOnce)
{
    auto model = loadHfGpt2(kFolder);
    const auto &p = model->parameters();
    EXPECT_TRUE(p.at("lm_head.weight").is_same(p.at("transformer.wte.weight")));
    std::int64_t all = 0;
    for (const auto &[name, t] : p)
        all += t.numel();
    EXPECT_EQ(model->parameterCount(), all - p.at("lm_head.weight").numel());
    const auto &c = model->config();
    EXPECT_EQ(model->linear("transformer.h.0.attn.c_attn").outFeatures(), 3 * c.hiddenSize);
    EXPECT_EQ(model->linear("transformer.h.0.attn.c_attn").inFeatures(), c.hiddenSize);
}

TEST(HfGpt2, CausalAndPaddingMasksHideTheFuture)
{
    auto model = loadHfGpt2(kFolder);
    auto ids = at::randint(0, model->config().vocabSize - 1, {1, 10}, at::kLong);
    auto mask = at::ones_like(ids);
    auto full = model->forward(ids, mask);
    auto changed = ids.clone();
    changed[0][9] = (ids[0][9].item<std::int64_t>() + 1) % (model->config().vocabSize - 1);
    auto other = model->forward(changed, mask);
    // Positions before the changed token do not see it.
    EXPECT_LT(relativeError(other.slice(1, 0, 9), full.slice(1, 0, 9)), 1e-6);
    // A right-padded row computes its real positions as the unpadded sequence does.
    auto padded = at::cat({ids.slice(1, 0, 6), at::full({1, 4}, model->config().padTokenId, at::kLong)}, 1);
    auto padMask = at::cat({at::ones({1, 6}, at::kLong), at::zeros({1, 4}, at::kLong)}, 1);
    auto short6 = model->forward(ids.slice(1, 0, 6), at::ones({1, 6}, at::kLong));
    EXPECT_LT(relativeError(model->forward(padded, padMask).slice(1, 0, 6), short6), 1e-5);
}

TEST(HfGpt2, BlocksOpenRecordFunctionScopes)
{
    auto model = loadHfGpt2(kFolder);
    auto ids = at::zeros({1, 4}, at::kLong);
    const auto names = scopesOf([&] { model->forward(ids, at::ones_like(ids)); });
    for (const char *n : {"h.0", "h.0.attn", "h.0.mlp", "h.1.attn", "h.1.mlp", "lm_head"})
        EXPECT_TRUE(names.count(n)) << n;
}

TEST(HfGpt2, DynamicInt8StaysCloseToFp32)
{
    if (!enableDynamicInt8())
        GTEST_SKIP() << "no ONEDNN quantized engine";
    auto model = loadHfGpt2(kFolder);
    const auto ref = readReference(kFolder);
    auto ids = tensorOf(ref["input_ids"], at::kLong);
    auto mask = tensorOf(ref["attention_mask"], at::kLong);
    auto fp32 = model->forward(ids, mask);
    model->setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeDynamicInt8Linear(w, b); });
    auto int8 = model->forward(ids, mask);
    std::printf("GPT-2 fixture, dynamic-int8 (%s): relative logit error %.3e\n", int8SchemeName(int8Scheme()),
                relativeError(int8, fp32));
    EXPECT_LT(relativeError(int8, fp32), 0.1);
    EXPECT_LT(model->modelBytes(), model->parameterCount() * 4);
}

TEST(HfGpt2, EncoderLoaderRefusesADecoder)
{
    EXPECT_THROW(loadHfBertClassifier(kFolder), EngineError);
}
