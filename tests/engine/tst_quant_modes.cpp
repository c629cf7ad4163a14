// Weight-only quantization modes (engine/kernels/weight_quant.h) and dynamic int8: the Linears against
// fp32 on random inputs, their bytes, and demo runs through the Benchmark with agreement and KL
// against the fp32 baseline on the whole eval split.
#include "engine/kernels/linear.h"
#include "engine/kernels/weight_quant.h"
#include "engine/models/demo.h"
#include "engine/models/gpt2.h"
#include "engine/run/benchmark.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

double relativeError(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).abs().max() / w.abs().max()).item<double>();
}

std::map<std::string, double> demoRun(const std::string &quantization, bool quantizeEmbeddings = false)
{
    RunConfig c;
    c.modelPath = "demo:tiny-bert";
    c.quantization = options::parseOrThrow<options::Quantization>(quantization);
    c.quantizeEmbeddings = quantizeEmbeddings;
    c.batchSize = 50;
    c.maxLength = 64;
    c.warmup = 0;
    c.iterations = 20; // the whole eval split (1000 reviews)
    c.blocks = 1;      // one pass over the workload: quality is what this checks, not timing
    c.minBlockMs = 0;
    c.quality = options::QualityScope::Timed; // the workload's batches, as the bounds here were set
    c.threads = 2;
    Benchmark bench(c, nullptr);
    bench.prepare();
    std::map<std::string, double> m;
    for (const auto &x : bench.measure().metrics)
        m[x.key] = x.value;
    return m;
}

// Bytes of the demo model's Linears as fp32 and as they would be stored with `perLinear`
// (weight count, outputs) -> bytes.
template<typename F>
std::pair<double, double> demoLinearBytes(F perLinear)
{
    BertClassifier model(demo::tinyBertConfig(), demo::tinyBertParameters());
    double fp32 = 0, stored = 0;
    for (const auto &name : model.linearNames()) {
        const auto &w = model.parameters().at(name + ".weight");
        const auto out = w.size(0), weights = w.numel();
        fp32 += static_cast<double>((weights + out) * 4);
        stored += static_cast<double>(perLinear(weights, out));
    }
    return {fp32, stored};
}

} // namespace

TEST(QuantModes, Int8WeightRoundTripIsWithinHalfAStep)
{
    at::manual_seed(4);
    auto w = at::randn({48, 96}) * 0.05;
    w[7].zero_(); // a pruned row
    const auto q = quantizeWeightInt8(w);
    EXPECT_EQ(q.values.scalar_type(), at::kChar);
    EXPECT_EQ(q.scales.sizes(), (std::vector<std::int64_t>{48}));
    EXPECT_LE(q.values.abs().max().item<int>(), 127);
    // Each row's largest |w| maps to +-127.
    EXPECT_TRUE(q.values.abs().amax({1}).slice(0, 0, 7).eq(127).all().item<bool>());
    auto back = q.values.to(at::kFloat) * q.scales.unsqueeze(1);
    auto err = (back - w).abs() - q.scales.unsqueeze(1) / 2;
    EXPECT_LE(err.max().item<double>(), 1e-7);
    EXPECT_TRUE(back[7].eq(0).all().item<bool>());
}

TEST(QuantModes, WeightOnlyLinearsMatchFp32)
{
    at::manual_seed(5);
    at::set_num_threads(2);
    const std::int64_t out = 96, in = 256;
    auto x = at::randn({3, 10, in});
    auto w = at::randn({out, in}) * 0.05;
    auto b = at::randn({out}) * 0.01;
    const auto want = at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble));

    auto int8 = makeWeightInt8Linear(w, b);
    EXPECT_EQ(int8->kind(), "weight-int8");
    EXPECT_EQ(int8->weightBytes(), out * in + out * 4 + out * 4); // int8 values, fp32 scales, fp32 bias
    EXPECT_EQ(int8->savedBytes(), int8->weightBytes());
    auto y = int8->forward(x);
    EXPECT_EQ(y.sizes(), want.sizes());
    EXPECT_EQ(y.scalar_type(), at::kFloat);
    // Half a step of 1/127 of each row's range, summed over 256 inputs, mostly cancels.
    EXPECT_LT(relativeError(y, want), 2e-2);
    EXPECT_GT(relativeError(y, want), 1e-6);
    // Dequantized to the input's dtype: a bf16 input computes in bf16.
    EXPECT_EQ(int8->forward(x.to(at::kBFloat16)).scalar_type(), at::kBFloat16);

    auto fp16 = makeHalfWeightLinear(w, b, at::kHalf);
    EXPECT_EQ(fp16->kind(), "fp16-weights");
    EXPECT_EQ(fp16->weightBytes(), (out * in + out) * 2);
    y = fp16->forward(x);
    EXPECT_EQ(y.scalar_type(), at::kFloat);
    EXPECT_LT(relativeError(y, want), 1e-3);

    auto bf16 = makeHalfWeightLinear(w, b, at::kBFloat16);
    EXPECT_EQ(bf16->kind(), "bf16-weights");
    EXPECT_EQ(bf16->weightBytes(), (out * in + out) * 2);
    EXPECT_LT(relativeError(bf16->forward(x), want), 1.6e-2);
    EXPECT_THROW(makeHalfWeightLinear(w, b, at::kFloat), std::invalid_argument);
}

TEST(QuantModes, WeightInt8DemoRun)
{
    const auto m = demoRun("weight-int8");
    const auto [fp32, int8] = demoLinearBytes([](std::int64_t weights, std::int64_t out) { return weights + 8 * out; });
    EXPECT_DOUBLE_EQ(m.at("model_bytes"), m.at("model_bytes_baseline") - fp32 + int8);
    EXPECT_DOUBLE_EQ(m.at("model_bytes_saved"), m.at("model_bytes"));
    // The Linears' bytes shrink to a bit over a quarter.
    EXPECT_LT(int8 / fp32, 0.27);
    EXPECT_EQ(m.at("eval_examples"), 1000);
    EXPECT_GE(m.at("agreement"), 0.9);
    EXPECT_LT(m.at("kl_divergence"), 1e-2);
    EXPECT_GT(m.at("kl_divergence"), 0.0);
}

TEST(QuantModes, HalfWeightDemoRuns)
{
    for (const char *mode : {"fp16-weights", "bf16-weights"}) {
        const auto m = demoRun(mode);
        const auto [fp32, half] =
            demoLinearBytes([](std::int64_t weights, std::int64_t out) { return (weights + out) * 2; });
        EXPECT_DOUBLE_EQ(m.at("model_bytes"), m.at("model_bytes_baseline") - fp32 + half) << mode;
        EXPECT_DOUBLE_EQ(half * 2, fp32);
        EXPECT_GE(m.at("agreement"), 0.95) << mode;
        EXPECT_LT(m.at("kl_divergence"), 1e-3) << mode;
    }
}

TEST(QuantModes, DynamicInt8DemoRun)
{
    // At least 99% of the eval split's predictions as fp32's, on every ISA level and int8
    // scheme (the "isa" variants of this test).
    const auto m = demoRun("dynamic-int8");
    std::printf("dynamic-int8 on the demo eval split: agreement %.4f, KL %.2e\n", m.at("agreement"),
                m.at("kl_divergence"));
    EXPECT_LT(m.at("model_bytes"), m.at("model_bytes_baseline"));
    EXPECT_EQ(m.at("eval_examples"), 1000);
    EXPECT_GE(m.at("agreement"), 0.99);
    EXPECT_LT(m.at("kl_divergence"), 1e-2);
}

TEST(QuantModes, Int8EmbeddingTablesShrinkTheModelAndKeepItsPredictions)
{
    // The lookups against the fp32 tables: each row within half a quantization step.
    BertClassifier fp32(demo::tinyBertConfig(), demo::tinyBertParameters());
    BertClassifier int8(demo::tinyBertConfig(), demo::tinyBertParameters());
    const auto bytesBefore = int8.modelBytes();
    const auto paramsBefore = int8.parameterCount();
    const auto tables = int8.quantizeEmbeddingTables();
    const std::vector<std::string> want{"bert.embeddings.position_embeddings.weight",
                                        "bert.embeddings.token_type_embeddings.weight",
                                        "bert.embeddings.word_embeddings.weight"};
    EXPECT_EQ(tables, want);
    EXPECT_EQ(int8.parameterCount(), paramsBefore); // stored differently, still counted
    std::int64_t rows = 0, values = 0;
    for (const auto &name : want) {
        const auto &[q, scales] = int8.int8Tables().at(name);
        EXPECT_EQ(q.scalar_type(), at::kChar);
        EXPECT_FALSE(int8.parameters().count(name)); // the fp32 table is gone
        const auto &w = fp32.parameters().at(name);
        const auto back = q.to(at::kFloat) * scales.unsqueeze(1);
        EXPECT_LE(((back - w).abs() - scales.unsqueeze(1) / 2).max().item<double>(), 1e-7) << name;
        rows += w.size(0);
        values += w.numel();
    }
    // fp32 (4 bytes a value) becomes 1 byte a value plus a 4-byte scale a row.
    EXPECT_EQ(int8.modelBytes(), bytesBefore - 4 * values + values + 4 * rows);
    auto ids = at::randint(1, demo::tinyBertConfig().vocabSize, {4, 24}, at::kLong);
    auto mask = at::ones({4, 24}, at::kLong);
    EXPECT_LT(relativeError(int8.forward(ids, mask), fp32.forward(ids, mask)), 2e-2);

    // Through the spec: weight-int8 plus the tables, on the whole eval split.
    const auto linearsOnly = demoRun("weight-int8");
    const auto withTables = demoRun("weight-int8", true);
    EXPECT_DOUBLE_EQ(withTables.at("model_bytes"), linearsOnly.at("model_bytes") - 3.0 * values + 4.0 * rows);
    EXPECT_DOUBLE_EQ(withTables.at("parameters"), linearsOnly.at("parameters"));
    EXPECT_GE(withTables.at("agreement"), 0.97);
    EXPECT_LT(withTables.at("kl_divergence"), 1e-2);
}

TEST(QuantModes, TiedEmbeddingTableStaysFp32ForTheHead)
{
    // GPT-2's wte is also its lm_head's weight: only wpe is stored as int8.
    TransformerConfig c;
    c.family = ArchitectureFamily::Gpt2;
    c.architecture = "GPT2LMHeadModel";
    c.vocabSize = 60;
    c.hiddenSize = 32;
    c.numLayers = 1;
    c.numHeads = 4;
    c.intermediateSize = 128;
    c.maxPositions = 16;
    c.tieWordEmbeddings = true;
    Gpt2Model model(c, Gpt2Model::randomParameters(c, 1));
    EXPECT_EQ(model.quantizeEmbeddingTables(), std::vector<std::string>{"transformer.wpe.weight"});
    EXPECT_TRUE(model.parameters().count("transformer.wte.weight"));
    auto ids = at::randint(0, 60, {2, 8}, at::kLong);
    EXPECT_EQ(model.forward(ids, at::ones({2, 8}, at::kLong)).sizes(), (std::vector<std::int64_t>{2, 8, 60}));
}
