// inspectModel and predict (engine/run/inspect.h) on the demo and the Hugging Face fixtures, and a
// language model's Benchmark run (perplexity, next-token agreement).
#include "engine/formats/sha256.h"
#include "engine/run/benchmark.h"
#include "engine/run/inspect.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

const std::string kData = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/";

double metric(const RunReport &report, const std::string &key)
{
    for (const auto &m : report.metrics)
        if (m.key == key)
            return m.value;
    ADD_FAILURE() << "no metric " << key;
    return NAN;
}

} // namespace

TEST(Inspect, HuggingFaceFolders)
{
    const auto bert = inspectModel(kData + "bert-tiny");
    EXPECT_EQ(bert.architecture, "BertForSequenceClassification");
    EXPECT_EQ(bert.layers, 2);
    EXPECT_EQ(bert.hidden, 32);
    EXPECT_EQ(bert.heads, 4);
    EXPECT_EQ(bert.intermediate, 64);
    EXPECT_EQ(bert.vocab, 100);
    EXPECT_EQ(bert.maxPositions, 64);
    EXPECT_EQ(bert.numLabels, 3);
    EXPECT_EQ(bert.dtype, "float32");
    EXPECT_EQ(bert.tokenizer, "wordpiece");
    EXPECT_EQ(bert.sha256, sha256File(kData + "bert-tiny/model.safetensors"));
    EXPECT_EQ(bert.sizeOnDiskBytes, 99388);

    const auto gpt2 = inspectModel(kData + "gpt2-tiny");
    EXPECT_EQ(gpt2.architecture, "GPT2LMHeadModel");
    // wte counted once although lm_head shares it: 2 layers of 12E^2+13E, wte, wpe, ln_f.
    const std::int64_t E = 32, V = gpt2.vocab, P = 64;
    EXPECT_EQ(gpt2.parameters, 2 * (12 * E * E + 13 * E) + V * E + P * E + 2 * E);
    EXPECT_EQ(gpt2.sha256.size(), 64u);

    const auto distil = inspectModel(kData + "distilbert-tiny");
    EXPECT_EQ(distil.architecture, "DistilBertForSequenceClassification");
    EXPECT_EQ(distil.numLabels, 2);
}

TEST(Inspect, Demo)
{
    const auto demo = inspectModel("demo:tiny-bert");
    EXPECT_EQ(demo.format, "demo");
    EXPECT_EQ(demo.layers, 4);
    EXPECT_GT(demo.parameters, 0);
    EXPECT_TRUE(demo.sha256.empty()); // nothing on disk
    EXPECT_THROW(inspectModel(kData + "missing"), EngineError);
}

TEST(Predict, ClassifierGivesLogitsAndLabel)
{
    const auto out = predict(kData + "bert-tiny", {"the movie was great", "bad film"});
    ASSERT_EQ(out.size(), 2u);
    for (const auto &p : out) {
        EXPECT_EQ(p.logits.size(), 3u);
        EXPECT_GE(p.labelId, 0);
        EXPECT_TRUE(p.label == "negative" || p.label == "neutral" || p.label == "positive") << p.label;
        EXPECT_EQ(p.ids.front(), 2); // [CLS]
        double sum = 0;
        for (double q : p.probabilities)
            sum += q;
        EXPECT_NEAR(sum, 1.0, 1e-9);
    }
    const auto demo = predict("demo:tiny-bert", {"great product, works"});
    EXPECT_TRUE(demo[0].label == "negative" || demo[0].label == "positive");
}

TEST(Predict, LanguageModelGivesNextTokensAndPerplexity)
{
    const auto out = predict(kData + "gpt2-tiny", {"the world is"});
    ASSERT_EQ(out.size(), 1u);
    const auto &p = out[0];
    ASSERT_EQ(p.nextTokens.size(), 5u);
    for (std::size_t i = 1; i < p.nextTokens.size(); ++i)
        EXPECT_GE(p.nextTokens[i - 1].probability, p.nextTokens[i].probability);
    EXPECT_FALSE(p.nextTokens[0].token.empty());
    EXPECT_GT(p.perplexity, 1.0);
    EXPECT_TRUE(p.logits.empty());
}

TEST(LanguageModelBenchmark, ReportsPerplexityAndNextTokenAgreement)
{
    RunConfig c;
    c.modelPath = kData + "gpt2-tiny";
    c.batchSize = 4;
    c.maxLength = 32;
    c.warmup = 0;
    c.iterations = 2;
    c.quantization = options::Quantization::DynamicInt8;
    Benchmark bench(c, nullptr);
    bench.prepare();
    EXPECT_EQ(bench.model().tokenizer, "bpe");
    const auto report = bench.measure();
    const double ppl = metric(report, "perplexity");
    // A random tiny model: worse than a good model, no worse than far beyond uniform.
    EXPECT_GT(ppl, 1.0);
    EXPECT_LT(ppl, 10.0 * bench.model().vocab);
    EXPECT_GT(metric(report, "eval_tokens"), 0);
    EXPECT_GE(metric(report, "agreement"), 0.5);
    EXPECT_GE(metric(report, "kl_divergence"), 0.0);
    for (const auto &m : report.metrics)
        EXPECT_NE(m.key, "accuracy");
}
