// The native BERT encoder against an independent, naive double-precision reference written
// from the BERT paper's equations, plus masking, parameter naming and the profiler scopes.
#include "engine/formats/demo_architecture.h"
#include "engine/models/bert.h"
#include "engine/models/demo.h"

#include <ATen/ATen.h>
#include <ATen/record_function.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace optibench::engine;

namespace {

TransformerConfig smallConfig()
{
    TransformerConfig c;
    c.vocabSize = 50;
    c.hiddenSize = 32;
    c.numLayers = 2;
    c.numHeads = 4;
    c.intermediateSize = 64;
    c.maxPositions = 40;
    c.numLabels = 3;
    return c;
}

// One example at a time, per head, with explicit loops over heads: shares no code with the engine.
at::Tensor naiveLogits(const TransformerConfig &c, const ParameterMap &p, const at::Tensor &ids, int64_t length)
{
    auto P = [&](const std::string &n) { return p.at(n).to(at::kDouble); };
    auto lin = [&](const at::Tensor &x, const std::string &n) {
        return at::matmul(x, P(n + ".weight").t()) + P(n + ".bias");
    };
    auto norm = [&](const at::Tensor &x, const std::string &n) {
        auto mean = x.mean(-1, true);
        auto var = (x - mean).pow(2).mean(-1, true);
        return (x - mean) / at::sqrt(var + c.layerNormEps) * P(n + ".weight") + P(n + ".bias");
    };
    auto gelu = [](const at::Tensor &x) { return 0.5 * x * (1 + at::erf(x / std::sqrt(2.0))); };
    auto tok = ids.slice(0, 0, length);
    auto h = P("bert.embeddings.word_embeddings.weight").index_select(0, tok)
        + P("bert.embeddings.position_embeddings.weight").slice(0, 0, length)
        + P("bert.embeddings.token_type_embeddings.weight")[0];
    h = norm(h, "bert.embeddings.LayerNorm");
    const int64_t D = c.hiddenSize / c.numHeads;
    for (int l = 0; l < c.numLayers; ++l) {
        const std::string pl = "bert.encoder.layer." + std::to_string(l) + ".";
        auto q = lin(h, pl + "attention.self.query"), k = lin(h, pl + "attention.self.key"),
             v = lin(h, pl + "attention.self.value");
        std::vector<at::Tensor> heads;
        for (int hd = 0; hd < c.numHeads; ++hd) {
            auto qh = q.slice(1, hd * D, (hd + 1) * D), kh = k.slice(1, hd * D, (hd + 1) * D),
                 vh = v.slice(1, hd * D, (hd + 1) * D);
            auto s = at::matmul(qh, kh.t()) / std::sqrt(double(D));
            auto e = at::exp(s - std::get<0>(s.max(-1, true)));
            heads.push_back(at::matmul(e / e.sum(-1, true), vh));
        }
        auto a = norm(lin(at::cat(heads, 1), pl + "attention.output.dense") + h, pl + "attention.output.LayerNorm");
        h = norm(lin(gelu(lin(a, pl + "intermediate.dense")), pl + "output.dense") + a, pl + "output.LayerNorm");
    }
    auto pooled = at::tanh(lin(h[0], "bert.pooler.dense"));
    return lin(pooled, "classifier");
}

} // namespace

TEST(Bert, MatchesNaiveReferenceWithPadding)
{
    const auto config = smallConfig();
    const auto params = BertClassifier::randomParameters(config, 5);
    BertClassifier model(config, params);
    at::manual_seed(9);
    const std::vector<int64_t> lengths{13, 5, 9};
    const int64_t S = 13;
    auto ids = at::zeros({3, S}, at::kLong);
    auto mask = at::zeros({3, S}, at::kLong);
    for (int b = 0; b < 3; ++b) {
        ids[b].slice(0, 0, lengths[b]).copy_(at::randint(1, config.vocabSize, {lengths[b]}, at::kLong));
        mask[b].slice(0, 0, lengths[b]).fill_(1);
    }
    auto logits = model.forward(ids, mask);
    ASSERT_EQ(logits.sizes(), (std::vector<int64_t>{3, 3}));
    for (int b = 0; b < 3; ++b) {
        auto want = naiveLogits(config, params, ids[b], lengths[b]);
        auto err = (logits[b].to(at::kDouble) - want).abs().max().item<double>();
        EXPECT_LT(err, 1e-5 * std::max(1.0, want.abs().max().item<double>())) << "example " << b;
    }
}

TEST(Bert, PaddingDoesNotChangeTheUnpaddedOutputs)
{
    const auto config = smallConfig();
    BertClassifier model(config, BertClassifier::randomParameters(config, 6));
    auto ids = at::randint(1, config.vocabSize, {1, 6}, at::kLong);
    auto alone = model.forward(ids, at::ones({1, 6}, at::kLong));
    // Same tokens followed by 10 positions of garbage that the mask hides.
    auto padded = at::cat({ids, at::randint(1, config.vocabSize, {1, 10}, at::kLong)}, 1);
    auto mask = at::cat({at::ones({1, 6}, at::kLong), at::zeros({1, 10}, at::kLong)}, 1);
    auto withPad = model.forward(padded, mask);
    EXPECT_LT((alone - withPad).abs().max().item<double>(), 1e-5);
    // And the mask matters: without it the garbage changes the result.
    auto unmasked = model.forward(padded, at::ones({1, 16}, at::kLong));
    EXPECT_GT((alone - unmasked).abs().max().item<double>(), 1e-4);
}

TEST(Bert, UsesHuggingFaceParameterNamesAndValidatesShapes)
{
    const auto config = smallConfig();
    auto params = BertClassifier::randomParameters(config, 1);
    for (const char *name :
         {"bert.embeddings.word_embeddings.weight", "bert.encoder.layer.1.attention.self.query.weight",
          "bert.encoder.layer.0.output.LayerNorm.bias", "bert.pooler.dense.weight", "classifier.weight"})
        EXPECT_TRUE(params.count(name)) << name;
    BertClassifier model(config, params);
    EXPECT_EQ(model.linearNames().size(), 2u * 6u + 2u);
    // BERT parameter count formula for this config.
    const int64_t H = 32, I = 64, V = 50, P = 40, L = 2, C = 3;
    const int64_t expected = V * H + P * H + 2 * H + 2 * H
        + L * (4 * (H * H + H) + 2 * H + (I * H + I) + (H * I + H) + 2 * H) + (H * H + H) + (C * H + C);
    EXPECT_EQ(model.parameterCount(), expected);
    EXPECT_EQ(model.modelBytes(), expected * 4);

    auto missing = params;
    missing.erase("bert.encoder.layer.1.intermediate.dense.bias");
    EXPECT_THROW(BertClassifier(config, missing), std::invalid_argument);
    auto wrong = params;
    wrong["classifier.weight"] = at::zeros({2, 32});
    EXPECT_THROW(BertClassifier(config, wrong), std::invalid_argument);
}

TEST(Bert, OpensNamedUserScopesForTheProfiler)
{
    const auto config = smallConfig();
    BertClassifier model(config, BertClassifier::randomParameters(config, 2));
    static thread_local std::set<std::string> *names = nullptr;
    std::set<std::string> seen;
    names = &seen;
    auto handle = at::addThreadLocalCallback(
        at::RecordFunctionCallback([](const at::RecordFunction &fn) -> std::unique_ptr<at::ObserverContext> {
            names->insert(fn.name());
            return nullptr;
        }).scopes({at::RecordScope::USER_SCOPE}));
    model.forward(at::ones({1, 4}, at::kLong), at::ones({1, 4}, at::kLong));
    at::removeCallback(handle);
    names = nullptr;
    for (const char *n : {"embeddings", "encoder.layer.0", "encoder.layer.1.attention.self",
                          "encoder.layer.1.intermediate", "encoder.layer.0.output", "pooler", "classifier"})
        EXPECT_TRUE(seen.count(n)) << n;
}

TEST(Bert, DemoModelIsDeterministic)
{
    auto a = demo::tinyBertParameters();
    auto b = demo::tinyBertParameters();
    EXPECT_TRUE(a.at("classifier.weight").equal(b.at("classifier.weight")));
    const auto c = demo::tinyBertConfig();
    EXPECT_EQ(c.vocabSize, demo::tokenizer().vocabSize());
    EXPECT_EQ(c.numLayers, 4);
    EXPECT_EQ(c.hiddenSize, 128);
    auto ids = demo::tokenizer().encode("Great kettle, but the LID was broken.", 64);
    EXPECT_EQ(ids.front(), demo::WordTokenizer::kCls);
    EXPECT_EQ(ids.back(), demo::WordTokenizer::kSep);
    EXPECT_EQ(demo::tokenizer().word(ids[1]), "great");
    EXPECT_EQ(demo::tokenizer().word(ids[3]), ",");
    EXPECT_EQ(ids[6], demo::WordTokenizer::kUnk); // "lid" is not in the demo vocabulary
}

// The GUI shows the demo's shape and parameter count from demo_architecture.h without LibTorch:
// both must be the model's own.
TEST(Bert, DemoArchitectureDescribesTheModel)
{
    std::int64_t parameters = 0;
    for (const auto &[name, tensor] : demo::tinyBertParameters())
        parameters += tensor.numel();
    EXPECT_EQ(demo::kTinyBert.parameters(), parameters);
    const auto c = demo::tinyBertConfig();
    EXPECT_EQ(c.numHeads, demo::kTinyBert.heads);
    EXPECT_EQ(c.intermediateSize, demo::kTinyBert.intermediate);
    EXPECT_EQ(c.vocabSize, demo::kTinyBert.vocabSize);
}
