// RoBERTa and DistilBERT checkpoints (tests/data/hf/roberta-tiny, distilbert-tiny, made by
// tools/make_hf_fixtures.py) through the BERT-family encoder, against their reference logits.
#include "engine/models/hf_loader.h"
#include "engine/models/model_loader.h"
#include "engine/run/benchmark.h"
#include "tests/engine/hf_reference.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

using namespace optibench::engine;
namespace options = optibench::options;
using optibench::engine::testing::readReference;
using optibench::engine::testing::relativeError;
using optibench::engine::testing::tensorOf;

namespace {

const std::string kData = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/";

void expectReferenceLogits(const std::string &name)
{
    const auto folder = kData + name;
    auto model = loadHfBertClassifier(folder);
    const auto ref = readReference(folder);
    auto got = model->forward(tensorOf(ref["input_ids"], at::kLong), tensorOf(ref["attention_mask"], at::kLong));
    auto want = tensorOf(ref["logits"], at::kDouble);
    ASSERT_EQ(got.sizes(), want.sizes());
    EXPECT_LT(relativeError(got, want), 1e-5) << got << want;
    for (const auto &[tensor, info] : ref["tensors"].items()) {
        ASSERT_TRUE(model->parameters().count(tensor)) << tensor;
        EXPECT_NEAR(model->parameters().at(tensor).to(at::kDouble).sum().item<double>(), info["sum"].get<double>(),
                    1e-4)
            << tensor;
    }
}

} // namespace

TEST(HfEncoders, RobertaLogitsMatchTheReference)
{
    expectReferenceLogits("roberta-tiny");
}

TEST(HfEncoders, DistilBertLogitsMatchTheReference)
{
    expectReferenceLogits("distilbert-tiny");
}

TEST(HfEncoders, RobertaHeadAndPositionsFollowTheFamily)
{
    auto model = loadHfBertClassifier(kData + "roberta-tiny");
    const auto names = model->linearNames();
    EXPECT_EQ(names.front(), "roberta.encoder.layer.0.attention.self.query");
    EXPECT_EQ(names[names.size() - 2], "classifier.dense");
    EXPECT_EQ(names.back(), "classifier.out_proj");
    // Positions count over non-pad tokens: a right-padded row's real positions compute as the
    // unpadded row does.
    const auto ref = readReference(kData + "roberta-tiny");
    auto ids = tensorOf(ref["input_ids"], at::kLong);
    auto mask = tensorOf(ref["attention_mask"], at::kLong);
    auto row = ids.slice(0, 1, 2).slice(1, 0, 4);
    EXPECT_LT(relativeError(model->forward(row, at::ones_like(row)), model->forward(ids, mask).slice(0, 1, 2)), 1e-5);
}

TEST(HfEncoders, DistilBertNames)
{
    auto model = loadHfBertClassifier(kData + "distilbert-tiny");
    const auto names = model->linearNames();
    EXPECT_EQ(names.front(), "distilbert.transformer.layer.0.attention.q_lin");
    EXPECT_EQ(names[5], "distilbert.transformer.layer.0.ffn.lin2");
    EXPECT_EQ(names[names.size() - 2], "pre_classifier");
    EXPECT_EQ(names.back(), "classifier");
    EXPECT_EQ(model->config().typeVocabSize, 0);
}

TEST(HfEncoders, RobertaTokenizerGivesTheReferenceIds)
{
    const auto loaded = loadModel(kData + "roberta-tiny");
    const auto ref = readReference(kData + "roberta-tiny");
    const auto ids = loaded.encode(ref["text"].get<std::string>(), 32);
    EXPECT_EQ(ids, ref["input_ids"][0].get<std::vector<std::int64_t>>());
    EXPECT_EQ(loaded.padId(), 1);
    EXPECT_EQ(loaded.summary.tokenizer, "bpe");
}

TEST(HfEncoders, BenchmarkRunsBothFamilies)
{
    for (const char *name : {"roberta-tiny", "distilbert-tiny"}) {
        RunConfig c;
        c.modelPath = kData + name;
        c.batchSize = 4;
        c.maxLength = 24;
        c.warmup = 0;
        c.iterations = 2;
        c.quantization = options::Quantization::DynamicInt8;
        Benchmark bench(c, nullptr);
        bench.prepare();
        EXPECT_EQ(bench.model().format, "hf");
        const auto report = bench.measure();
        bool agreement = false;
        for (const auto &m : report.metrics)
            if (m.key == "agreement") {
                agreement = true;
                EXPECT_GE(m.value, 0.5) << name;
            }
        EXPECT_TRUE(agreement) << name;
    }
}
