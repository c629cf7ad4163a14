// A real Hugging Face BERT checkpoint (tests/data/hf/bert-tiny, made by tools/make_hf_fixtures.py)
// through the native runtime, against the reference logits stored beside it.
#include "engine/data/batching.h"
#include "engine/models/hf_loader.h"
#include "engine/models/model_loader.h"
#include "engine/run/benchmark.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace optibench::engine;

namespace {

const std::string kFolder = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/bert-tiny";

at::Tensor tensorOf(const nlohmann::json &j, at::ScalarType type)
{
    std::vector<double> flat;
    std::vector<std::int64_t> shape{static_cast<std::int64_t>(j.size()), static_cast<std::int64_t>(j[0].size())};
    for (const auto &row : j)
        for (const auto &v : row)
            flat.push_back(v.get<double>());
    return at::tensor(flat, at::kDouble).view(shape).to(type);
}

} // namespace

TEST(HfBert, LogitsMatchTheReference)
{
    auto model = loadHfBertClassifier(kFolder);
    EXPECT_EQ(model->config().numLayers, 2);
    nlohmann::json ref;
    std::ifstream(kFolder + "/reference.json") >> ref;
    auto ids = tensorOf(ref["input_ids"], at::kLong);
    auto mask = tensorOf(ref["attention_mask"], at::kLong);
    auto types = tensorOf(ref["token_type_ids"], at::kLong);
    auto want = tensorOf(ref["logits"], at::kDouble);
    auto got = model->forward(ids, mask, types).to(at::kDouble);
    ASSERT_EQ(got.sizes(), want.sizes());
    EXPECT_LT((got - want).abs().max().item<double>(), 1e-5) << got << want;
    // The stored parameter checksums agree with what was loaded.
    for (const auto &[name, info] : ref["tensors"].items()) {
        if (!model->parameters().count(name))
            continue; // buffers such as position_ids
        EXPECT_NEAR(model->parameters().at(name).to(at::kDouble).sum().item<double>(), info["sum"].get<double>(), 1e-4)
            << name;
    }
}

TEST(HfBert, TextPairsGetBertSegmentIds)
{
    // [CLS] first [SEP] are segment 0, second [SEP] segment 1, as BERT's tokenizers set
    // token_type_ids; the forward pass then embeds them.
    auto loaded = loadModel(kFolder);
    std::int64_t start = -7;
    const auto ids = loaded.encodePair("the cat sat", "on the mat", 32, &start);
    const auto first = loaded.encode("the cat sat", 32);
    ASSERT_EQ(start, static_cast<std::int64_t>(first.size())); // first holds [CLS] ... [SEP]
    EXPECT_EQ(std::vector<std::int64_t>(ids.begin(), ids.begin() + start), first);
    auto batches = makeBatches({ids, first}, {0, 1}, 2, 32, Padding::Dynamic, 0, loaded.padId());
    attachSegments(batches, {start, -1});
    const auto &b = batches.at(0);
    const auto n = static_cast<std::int64_t>(ids.size());
    EXPECT_EQ(b.tokenTypeIds[0].slice(0, 0, start).sum().item<std::int64_t>(), 0);
    EXPECT_EQ(b.tokenTypeIds[0].slice(0, start, n).sum().item<std::int64_t>(), n - start);
    EXPECT_EQ(b.tokenTypeIds[1].sum().item<std::int64_t>(), 0);
    const auto withTypes = loaded.model->forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
    const auto withoutTypes = loaded.model->forward(b.inputIds, b.attentionMask);
    EXPECT_GT((withTypes[0] - withoutTypes[0]).abs().max().item<double>(), 1e-6); // the pair sees its segments
    EXPECT_LT((withTypes[1] - withoutTypes[1]).abs().max().item<double>(), 1e-6); // the single text does not
    // Truncating a long pair keeps both segments.
    const auto cut = loaded.encodePair("one two three four five six", "seven eight nine ten", 8, &start);
    EXPECT_EQ(cut.size(), 8u);
    EXPECT_GT(start, 1);
    EXPECT_LT(start, 8);
}

TEST(HfBert, BenchmarkRunsAHuggingFaceFolder)
{
    RunConfig c;
    c.modelPath = kFolder;
    c.batchSize = 4;
    c.maxLength = 32;
    c.warmup = 1;
    c.iterations = 2;
    Benchmark bench(c, nullptr);
    bench.prepare();
    EXPECT_EQ(bench.model().format, "hf");
    EXPECT_EQ(bench.model().tokenizer, "wordpiece");
    EXPECT_GT(bench.model().sizeOnDiskBytes, 0);
    EXPECT_FALSE(bench.measure().metrics.empty());
}

TEST(HfBert, UnsupportedArchitectureIsAnEngineError)
{
    EXPECT_THROW(loadHfBertClassifier(std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/gpt2-tiny"), EngineError);
    EXPECT_THROW(loadHfBertClassifier(std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/does-not-exist"), EngineError);
}
