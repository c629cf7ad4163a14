// Cross-layer parameter sharing: shared layers are one storage, the parameter count falls by
// exactly the dropped layers, FLOPs do not, the layers stay one storage through training, and
// the Benchmark measures the shared model's quality against the unshared baseline.
#include "engine/data/batching.h"
#include "engine/measure/flops.h"
#include "engine/models/bert.h"
#include "engine/models/demo.h"
#include "engine/models/model_loader.h"
#include "engine/optimize/sharing.h"
#include "engine/run/benchmark.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <cmath>

#include <map>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

const std::string kData = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/";

// The demo architecture with random weights: every layer starts different from the others.
BertClassifier randomDemo(std::uint64_t seed = 7)
{
    return BertClassifier(demo::tinyBertConfig(), BertClassifier::randomParameters(demo::tinyBertConfig(), seed));
}

std::string name(int layer, const std::string &rest)
{
    return "bert.encoder.layer." + std::to_string(layer) + "." + rest;
}

std::map<std::string, double> metricsOf(const RunReport &report)
{
    std::map<std::string, double> m;
    for (const auto &x : report.metrics)
        m[x.key] = x.value;
    return m;
}

RunConfig tinyRun(int shareLayers)
{
    RunConfig c;
    c.batchSize = 8;
    c.maxLength = 64;
    c.warmup = 0;
    c.iterations = 4;
    c.shareLayers = shareLayers;
    return c;
}

} // namespace

TEST(Sharing, GroupSources)
{
    EXPECT_EQ(sharedLayerSource(0, 2), 0);
    EXPECT_EQ(sharedLayerSource(1, 2), 0);
    EXPECT_EQ(sharedLayerSource(3, 2), 2);
    EXPECT_EQ(sharedLayerSource(5, 3), 3);
    EXPECT_EQ(sharedLayerSource(3, 1), 3);
    EXPECT_EQ(sharedLayerSource(11, 1 << 20), 0);
}

TEST(Sharing, LayersOfAGroupAreOneStorage)
{
    auto model = randomDemo();
    const auto &p = model.parameters();
    const auto q = "attention.self.query.weight";
    ASSERT_NE(p.at(name(0, q)).data_ptr(), p.at(name(1, q)).data_ptr());
    shareLayers(model, 2);
    for (const auto &[alias, source] : sharedParameterNames(model, 2)) {
        EXPECT_EQ(p.at(alias).data_ptr(), p.at(source).data_ptr()) << alias;
    }
    EXPECT_EQ(p.at(name(1, q)).data_ptr(), p.at(name(0, q)).data_ptr());
    EXPECT_EQ(p.at(name(3, "output.LayerNorm.bias")).data_ptr(), p.at(name(2, "output.LayerNorm.bias")).data_ptr());
    EXPECT_NE(p.at(name(2, q)).data_ptr(), p.at(name(0, q)).data_ptr());

    // A write through one name is visible through the other.
    p.at(name(1, "intermediate.dense.bias")).fill_(0.25f);
    EXPECT_TRUE(p.at(name(0, "intermediate.dense.bias")).eq(0.25f).all().item<bool>());
    EXPECT_FALSE(p.at(name(2, "intermediate.dense.bias")).eq(0.25f).all().item<bool>());
}

TEST(Sharing, ForwardRunsEveryLayerWithItsGroupsWeights)
{
    // The shared model computes what an unshared model computes whose layers 1 and 3 hold
    // copies of layers 0 and 2: the Linears were rebuilt over the shared tensors.
    auto shared = randomDemo();
    shareLayers(shared, 2);
    auto params = BertClassifier::randomParameters(demo::tinyBertConfig(), 7);
    for (const auto &[alias, source] : sharedParameterNames(shared, 2))
        params[alias] = params.at(source).clone();
    BertClassifier copied(demo::tinyBertConfig(), params);

    at::manual_seed(3);
    auto ids = at::randint(4, demo::tinyBertConfig().vocabSize, {3, 17}, at::kLong);
    auto mask = at::ones({3, 17}, at::kLong);
    mask[2].slice(0, 9).fill_(0);
    c10::InferenceMode guard;
    const auto a = shared.forward(ids, mask);
    const auto b = copied.forward(ids, mask);
    EXPECT_TRUE(at::allclose(a, b, 1e-5, 1e-6)) << (a - b).abs().max().item<float>();
    EXPECT_FALSE(at::allclose(a, randomDemo().forward(ids, mask), 1e-3, 1e-4)) << "sharing changed nothing";
}

TEST(Sharing, ParameterCountFallsByTheDroppedLayers)
{
    const auto c = demo::tinyBertConfig();
    const std::int64_t H = c.hiddenSize, I = c.intermediateSize;
    // Per layer: Q, K, V and attention output (H*H + H each), two LayerNorms (2H each), the
    // intermediate (I*H + I) and output (H*I + H) dense layers.
    const std::int64_t perLayer = 4 * (H * H + H) + 2 * 2 * H + (I * H + I) + (H * I + H);
    const std::int64_t embeddings = (c.vocabSize + c.maxPositions + c.typeVocabSize) * H + 2 * H;
    const std::int64_t head = (H * H + H) + (c.numLabels * H + c.numLabels);
    ASSERT_EQ(c.numLayers, 4);

    auto model = randomDemo();
    EXPECT_EQ(model.parameterCount(), embeddings + 4 * perLayer + head);
    shareLayers(model, 2); // groups {0, 1}, {2, 3}
    EXPECT_EQ(model.parameterCount(), embeddings + 2 * perLayer + head);

    auto one = randomDemo();
    shareLayers(one, 1 << 20); // one group
    EXPECT_EQ(one.parameterCount(), embeddings + perLayer + head);

    auto three = randomDemo();
    shareLayers(three, 3); // groups {0, 1, 2}, {3}
    EXPECT_EQ(three.parameterCount(), embeddings + 2 * perLayer + head);

    auto none = randomDemo();
    shareLayers(none, 1);
    EXPECT_EQ(none.parameterCount(), embeddings + 4 * perLayer + head);
}

TEST(Sharing, SharedLayersStayOneStorageThroughTraining)
{
    // Random sequences for the demo architecture, fixed padding.
    auto gen = at::detail::createCPUGenerator(11);
    std::vector<std::vector<std::int64_t>> seqs;
    std::vector<int> labels;
    for (int i = 0; i < 16; ++i) {
        auto ids = at::randint(4, demo::tinyBertConfig().vocabSize, {5 + i}, gen, at::TensorOptions().dtype(at::kLong));
        seqs.emplace_back(ids.data_ptr<std::int64_t>(), ids.data_ptr<std::int64_t>() + ids.numel());
        labels.push_back(i % 2);
    }
    const auto batches = makeBatches(seqs, labels, 8, 24, Padding::Fixed, 0);

    // Plain fp32 training with checkpointing, and quantization-aware training (fake-quant
    // Linears over the shared tensors, converted to int8 at the end).
    for (const bool qat : {false, true}) {
        SCOPED_TRACE(qat ? "qat" : "fp32");
        auto model = randomDemo();
        shareLayers(model, 2);
        const auto count = model.parameterCount();
        const auto &p = model.parameters();
        const auto q = name(1, "attention.self.query.weight");
        const auto before = p.at(q).detach().clone();
        TrainingOptions o;
        o.steps = 2;
        o.warmupSteps = 0;
        o.learningRate = 1e-3;
        o.checkpointEvery = qat ? 0 : 1;
        o.quantizationAware = qat;
        o.reportLatency = false;
        train(model, batches, {}, o, defaultLoss(model), {});
        const auto pairs = sharedParameterNames(model, 2);
        ASSERT_FALSE(pairs.empty());
        for (const auto &[alias, source] : pairs) {
            EXPECT_EQ(p.at(alias).data_ptr(), p.at(source).data_ptr()) << alias;
            EXPECT_TRUE(p.at(alias).equal(p.at(source))) << alias;
        }
        EXPECT_FALSE(p.at(q).equal(before)) << "training did not change the shared weight";
        EXPECT_EQ(model.parameterCount(), count);
    }
}

TEST(Sharing, Gpt2BlocksShareToo)
{
    auto loaded = loadModel(kData + "gpt2-tiny");
    const auto before = loaded.model->parameterCount();
    const auto &p = loaded.model->parameters();
    const int layers = loaded.model->config().numLayers;
    ASSERT_GE(layers, 2);
    shareLayers(*loaded.model, layers);
    EXPECT_EQ(p.at("transformer.h.1.attn.c_attn.weight").data_ptr(),
              p.at("transformer.h.0.attn.c_attn.weight").data_ptr());
    std::int64_t perBlock = 0;
    for (const auto &[n, t] : p)
        if (n.rfind("transformer.h.0.", 0) == 0)
            perBlock += t.numel();
    EXPECT_EQ(loaded.model->parameterCount(), before - (layers - 1) * perBlock);
}

// Sharing acts on training (options/rules.h, "sharing-trains"): a training run shares the
// layers, then trains the smaller model on the same batches.
TEST(Sharing, BenchmarkMeasuresTheSharedModelAgainstTheBaseline)
{
    auto training = [](int shareLayers) {
        auto c = tinyRun(shareLayers);
        c.mode = options::Mode::Training;
        c.steps = 2;
        c.warmupSteps = 0;
        return c;
    };
    Benchmark plain(training(0), {});
    plain.prepare();
    const auto base = metricsOf(plain.measure());
    Benchmark shared(training(2), {});
    shared.prepare();
    const auto m = metricsOf(shared.measure());

    EXPECT_LT(m.at("parameters"), base.at("parameters"));
    EXPECT_LT(m.at("model_bytes"), base.at("model_bytes"));
    EXPECT_LT(m.at("trainable_parameters"), base.at("trainable_parameters"));
    EXPECT_EQ(m.at("train_tokens"), base.at("train_tokens")) << "the same batches train the shared model";
    EXPECT_TRUE(std::isfinite(m.at("train_loss_final")));
    EXPECT_EQ(m.at("eval_examples"), base.at("eval_examples"));
}

TEST(Sharing, RefusedWhereItCannotApply)
{
    Benchmark inference(tinyRun(2), {});
    try {
        inference.prepare();
        FAIL() << "sharing in an inference run was accepted";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.share_layers: cross-layer sharing acts on training only"),
                  std::string::npos)
            << e.what();
    }
    auto bad = tinyRun(-1);
    Benchmark negative(bad, {});
    try {
        negative.prepare();
        FAIL() << "a negative group size was accepted";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.share_layers"), std::string::npos) << e.what();
    }
    auto scripted = loadModel(kData + "torchscript-tiny/tiny-classifier.pt");
    try {
        shareLayers(*scripted.model, 2);
        FAIL() << "a TorchScript model was shared";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.share_layers"), std::string::npos) << e.what();
    }
}
