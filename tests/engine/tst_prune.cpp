// Pruning on real models: the demo encoder, random-weight BertClassifiers, the Hugging Face
// fixtures (tests/data/hf), and whole Benchmark runs.
#include "engine/measure/flops.h"
#include "engine/measure/metrics.h"
#include "engine/models/demo.h"
#include "engine/models/demo_weights.h"
#include "engine/models/hf_loader.h"
#include "engine/models/model_loader.h"
#include "engine/models/model_save.h"
#include "engine/optimize/prune.h"
#include "engine/run/benchmark.h"
#include "engine/run/run_options.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

const std::string kData = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/";

// The trained demo where this build embeds its weights, else the random-weight one.
std::string demoModel()
{
    return demo::trainedWeights().data ? demo::kModelName : demo::kUntrainedModelName;
}

std::unique_ptr<BertClassifier> randomBert(std::uint64_t seed = 7)
{
    const auto config = demo::tinyBertConfig();
    return std::make_unique<BertClassifier>(config, BertClassifier::randomParameters(config, seed));
}

// A copy with its own tensors, so pruning one leaves the other intact.
std::unique_ptr<BertClassifier> cloneOf(const BertClassifier &model)
{
    ParameterMap params;
    for (const auto &[name, t] : model.parameters())
        params.emplace(name, t.clone());
    return std::make_unique<BertClassifier>(model.config(), std::move(params));
}

struct Inputs {
    at::Tensor ids, mask;
};

// `count` demo eval reviews from `first`, right-padded to one length.
Inputs demoInputs(int first, int count, int maxLength = 64)
{
    const auto reviews = demo::reviews("eval");
    std::vector<std::vector<std::int64_t>> seqs;
    std::size_t longest = 0;
    for (int i = first; i < first + count; ++i) {
        seqs.push_back(demo::tokenizer().encode(reviews.at(static_cast<std::size_t>(i)).text, maxLength));
        longest = std::max(longest, seqs.back().size());
    }
    auto ids = at::zeros({count, static_cast<std::int64_t>(longest)}, at::kLong);
    auto mask = at::zeros_like(ids);
    for (int b = 0; b < count; ++b)
        for (std::size_t s = 0; s < seqs[static_cast<std::size_t>(b)].size(); ++s) {
            ids[b][static_cast<std::int64_t>(s)] = seqs[static_cast<std::size_t>(b)][s];
            mask[b][static_cast<std::int64_t>(s)] = 1;
        }
    return {ids, mask};
}

// Model-independent token ids for a fixture of any vocabulary.
Inputs randomInputs(const TransformerConfig &c, std::int64_t batch, std::int64_t seq)
{
    auto gen = at::detail::createCPUGenerator(5);
    auto ids = at::randint(4, c.vocabSize, {batch, seq}, gen, at::TensorOptions().dtype(at::kLong));
    auto mask = at::ones_like(ids);
    mask.slice(1, seq - 3).slice(0, 0, 1).zero_(); // some padding in the first sequence
    return {ids, mask};
}

std::int64_t zerosIn(const at::Tensor &t)
{
    return t.eq(0).sum().item<std::int64_t>();
}

double maxAbsDiff(const at::Tensor &a, const at::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

// The options of a pruning by the names the spec uses (options/values.h).
PruningOptions pruneWith(const std::string &method, double amount, const std::string &scope = "global")
{
    PruningOptions o;
    o.method = options::parseOrThrow<options::PruningMethod>(method);
    o.amount = amount;
    o.scope = options::parseOrThrow<options::PruningScope>(scope);
    return o;
}

std::map<std::string, double> metricsOf(const RunReport &report)
{
    std::map<std::string, double> m;
    for (const auto &x : report.metrics)
        m[x.key] = x.value;
    return m;
}

} // namespace

TEST(Prune, LayerIndexOfNames)
{
    EXPECT_EQ(layerIndexOf("bert.encoder.layer.3.attention.self.query"), 3);
    EXPECT_EQ(layerIndexOf("distilbert.transformer.layer.11.ffn.lin1.weight"), 11);
    EXPECT_EQ(layerIndexOf("transformer.h.0.mlp.c_fc"), 0);
    EXPECT_EQ(layerIndexOf("bert.pooler.dense"), -1);
    EXPECT_EQ(layerIndexOf("classifier.out_proj.weight"), -1);
}

TEST(Prune, GlobalMagnitudeHitsTheExactCount)
{
    auto model = randomBert();
    const auto names = prunableParameters(*model, false);
    ASSERT_EQ(names.size(), model->linearNames().size()); // every Linear weight, no embedding
    std::int64_t total = 0;
    for (const auto &n : names)
        total += model->parameters().at(n).numel();
    const auto original = randomBert();
    const auto result = prune(*model, pruneWith("magnitude", 0.3));
    std::int64_t zeros = 0;
    double largestRemoved = 0, smallestKept = 1e9;
    for (const auto &n : names) {
        const auto &w = model->parameters().at(n);
        const auto &mask = result.masks.at(n);
        zeros += zerosIn(w);
        // One threshold over the whole set: nothing removed outweighs anything kept.
        auto removed = w.eq(0).logical_not().logical_and(mask.logical_not());
        EXPECT_EQ(removed.sum().item<std::int64_t>(), 0) << n;
        const auto magnitude = original->parameters().at(n).abs();
        if (mask.logical_not().any().item<bool>())
            largestRemoved = std::max(largestRemoved, magnitude.masked_select(mask.logical_not()).max().item<double>());
        smallestKept = std::min(smallestKept, magnitude.masked_select(mask).min().item<double>());
    }
    EXPECT_EQ(zeros, std::llround(0.3 * static_cast<double>(total)));
    EXPECT_EQ(result.prunedWeights, zeros);
    EXPECT_LE(largestRemoved, smallestKept);
    EXPECT_NEAR(zeroFraction(*model, result.prunedParameters), 0.3, 0.5 / static_cast<double>(total));
    // Nothing outside the set changed.
    EXPECT_EQ(zerosIn(model->parameters().at("bert.embeddings.word_embeddings.weight")), 0);
    EXPECT_EQ(result.parametersAfter, result.parametersBefore); // unstructured: shapes stay
}

TEST(Prune, PerLayerMagnitudeHitsEachTensorsCount)
{
    auto model = randomBert();
    auto o = pruneWith("magnitude", 0.45, "layer");
    o.includeEmbeddings = true;
    const auto result = prune(*model, o);
    // Linear weights plus word, position and token type embeddings.
    ASSERT_EQ(result.prunedParameters.size(), model->linearNames().size() + 3);
    for (const auto &n : result.prunedParameters) {
        const auto &w = model->parameters().at(n);
        EXPECT_EQ(zerosIn(w), std::llround(0.45 * static_cast<double>(w.numel()))) << n;
    }
    const auto layers = layerSparsity(*model);
    ASSERT_EQ(layers.size(), 4u);
    for (double s : layers)
        EXPECT_NEAR(s, 0.45, 1e-3);
}

TEST(Prune, TiesDoNotChangeTheCount)
{
    // Weights on a coarse grid: thousands of equal magnitudes sit at any threshold.
    const auto config = demo::tinyBertConfig();
    auto params = BertClassifier::randomParameters(config, 3);
    for (auto &[name, t] : params)
        if (t.dim() == 2)
            t = t.sign() * ((t.abs() * 50).ceil() / 50);
    BertClassifier model(config, params);
    const auto names = prunableParameters(model, false);
    std::int64_t total = 0;
    for (const auto &n : names)
        total += model.parameters().at(n).numel();
    prune(model, pruneWith("magnitude", 0.3));
    std::int64_t zeros = 0;
    for (const auto &n : names)
        zeros += zerosIn(model.parameters().at(n));
    EXPECT_EQ(zeros, std::llround(0.3 * static_cast<double>(total)));
}

TEST(Prune, MasksReappliedAfterAWeightUpdateRestoreTheZeros)
{
    auto model = randomBert();
    const auto result = prune(*model, pruneWith("magnitude", 0.5));
    const auto inputs = demoInputs(0, 4);
    const auto before = model->forward(inputs.ids, inputs.mask);
    // An optimizer-like step moves every weight, the pruned ones off zero.
    auto gen = at::detail::createCPUGenerator(9);
    for (const auto &[name, mask] : result.masks)
        model->mutableParameters().at(name).add_(at::normal(0.0, 0.01, mask.sizes(), gen, at::TensorOptions()));
    std::map<std::string, at::Tensor> moved;
    for (const auto &[name, mask] : result.masks) {
        EXPECT_EQ(zerosIn(model->parameters().at(name)), 0) << name;
        moved[name] = model->parameters().at(name).clone();
    }
    EXPECT_GT(maxAbsDiff(model->forward(inputs.ids, inputs.mask), before), 0);
    applyMasks(*model, result.masks);
    for (const auto &[name, mask] : result.masks) {
        const auto &w = model->parameters().at(name);
        EXPECT_EQ(zerosIn(w), mask.numel() - mask.sum().item<std::int64_t>()) << name;
        // Kept weights keep their update.
        EXPECT_TRUE(w.masked_select(mask).equal(moved[name].masked_select(mask))) << name;
    }
    // Masks on the wrong parameter are refused.
    std::map<std::string, at::Tensor> wrong{{"bert.pooler.dense.weight", at::ones({3, 3}, at::kBool)}};
    EXPECT_THROW(applyMasks(*model, wrong), std::invalid_argument);
}

TEST(Prune, TwoFourKeepsTwoOfEveryFour)
{
    auto model = randomBert();
    const auto unpruned = randomBert();
    const auto result = prune(*model, pruneWith("2:4", 0.5));
    EXPECT_FALSE(result.sparseKernel); // no sparse kernel on the CPU
    EXPECT_EQ(sparseKernelLinears(*model), 0);
    std::int64_t zeros = 0, total = 0;
    for (const auto &n : result.prunedParameters) {
        const auto &w = model->parameters().at(n);
        auto nonzero = w.ne(0).reshape({-1, 4}).sum(1);
        EXPECT_TRUE(nonzero.le(2).all().item<bool>()) << n;
        EXPECT_TRUE(result.masks.at(n).reshape({-1, 4}).sum(1).eq(2).all().item<bool>()) << n;
        // The kept two are the group's largest.
        auto original = unpruned->parameters().at(n).abs().reshape({-1, 4});
        auto keep = result.masks.at(n).reshape({-1, 4});
        auto keptMin = original.masked_fill(keep.logical_not(), 1e9).amin(1);
        auto droppedMax = original.masked_fill(keep, -1).amax(1);
        EXPECT_TRUE(droppedMax.le(keptMin).all().item<bool>()) << n;
        zeros += zerosIn(w);
        total += w.numel();
    }
    EXPECT_EQ(2 * zeros, total);
}

TEST(Prune, HeadRemovalShrinksShapesAndParameters)
{
    auto model = randomBert();
    const auto c = model->config(); // a copy: pruning replaces the model's
    const std::int64_t H = c.hiddenSize, D = headDim(c), L = c.numLayers;
    const auto before = model->parameterCount();
    const auto result = prune(*model, pruneWith("heads", 0.5)); // 2 of 4 heads per layer
    // Per removed head: D rows of query, key and value (weights and biases), D columns of the
    // attention output.
    const std::int64_t perHead = 3 * (D * H + D) + H * D;
    EXPECT_EQ(result.prunedHeads, 2 * L);
    EXPECT_EQ(result.parametersBefore, before);
    EXPECT_EQ(model->parameterCount(), before - 2 * L * perHead);
    EXPECT_EQ(result.parametersAfter, model->parameterCount());
    for (int i = 0; i < L; ++i) {
        const auto l = "bert.encoder.layer." + std::to_string(i) + ".";
        EXPECT_EQ(model->parameters().at(l + "attention.self.query.weight").sizes(), at::IntArrayRef({2 * D, H}));
        EXPECT_EQ(model->parameters().at(l + "attention.self.value.bias").sizes(), at::IntArrayRef({2 * D}));
        EXPECT_EQ(model->parameters().at(l + "attention.output.dense.weight").sizes(), at::IntArrayRef({H, 2 * D}));
        EXPECT_EQ(model->parameters().at(l + "attention.output.dense.bias").sizes(), at::IntArrayRef({H}));
        EXPECT_EQ(headsInLayer(model->config(), i), 2);
        EXPECT_EQ(model->config().prunedHeads.at(i).size(), 2u);
        EXPECT_EQ(model->config().prunedHeads.at(i), result.removedHeads.at(i));
    }
    // The FLOP count follows the shrunk attention.
    EXPECT_LT(encoderForwardFlops(model->config(), 8, 64), encoderForwardFlops(c, 8, 64) * 0.999);
    // A second pruning counts heads by their original index.
    prune(*model, pruneWith("heads", 0.5)); // 1 of the 2 left
    for (int i = 0; i < L; ++i) {
        EXPECT_EQ(headsInLayer(model->config(), i), 1);
        const auto &pruned = model->config().prunedHeads.at(i);
        ASSERT_EQ(pruned.size(), 3u);
        EXPECT_TRUE(std::is_sorted(pruned.begin(), pruned.end()));
        EXPECT_LT(pruned.back(), c.numHeads);
    }
}

// Removing heads is exact: the shrunk model computes what the full model computes with the
// removed heads' output-projection columns zeroed (their contribution is then nothing).
TEST(Prune, HeadRemovalEqualsZeroingTheirOutputColumns)
{
    for (const std::string fixture : {"demo", "distilbert-tiny", "roberta-tiny"}) {
        std::unique_ptr<BertClassifier> model =
            fixture == "demo" ? randomBert() : loadHfBertClassifier(kData + fixture);
        auto reference = cloneOf(*model);
        const auto result = prune(*model, pruneWith("heads", 0.5));
        ASSERT_GT(result.prunedHeads, 0) << fixture;
        const auto names = BertClassifier::namesFor(reference->config());
        const std::int64_t D = headDim(reference->config());
        for (const auto &[layer, heads] : result.removedHeads) {
            auto w = reference->mutableParameters().at(names.layer + std::to_string(layer) + "." + names.attentionOut
                                                       + ".weight");
            for (int h : heads)
                w.slice(1, h * D, (h + 1) * D).zero_();
        }
        const auto inputs = fixture == "demo" ? demoInputs(0, 8) : randomInputs(model->config(), 3, 12);
        c10::InferenceMode inference;
        const auto want = reference->forward(inputs.ids, inputs.mask);
        const auto got = model->forward(inputs.ids, inputs.mask);
        ASSERT_EQ(got.sizes(), want.sizes());
        EXPECT_LT(maxAbsDiff(got, want), 1e-5 * std::max(1.0, want.abs().max().item<double>())) << fixture;
    }
}

TEST(Prune, NeuronRemovalEqualsZeroingTheirOutputColumns)
{
    for (const std::string fixture : {"demo", "distilbert-tiny", "bert-tiny"}) {
        std::unique_ptr<BertClassifier> model =
            fixture == "demo" ? randomBert() : loadHfBertClassifier(kData + fixture);
        const auto config = model->config();
        auto reference = cloneOf(*model);
        const auto before = model->parameterCount();
        const auto result = prune(*model, pruneWith("neurons", 0.25));
        const auto names = BertClassifier::namesFor(config);
        std::int64_t removed = 0;
        for (int i = 0; i < config.numLayers; ++i) {
            const auto l = names.layer + std::to_string(i) + ".";
            const std::int64_t cut = std::llround(0.25 * config.intermediateSize);
            const std::int64_t kept = config.intermediateSize - cut;
            EXPECT_EQ(intermediateInLayer(model->config(), i), kept) << fixture;
            EXPECT_EQ(model->parameters().at(l + names.intermediate + ".weight").sizes(),
                      at::IntArrayRef({kept, config.hiddenSize}));
            EXPECT_EQ(model->parameters().at(l + names.output + ".weight").sizes(),
                      at::IntArrayRef({config.hiddenSize, kept}));
            ASSERT_EQ(static_cast<std::int64_t>(result.removedNeurons.at(i).size()), cut);
            auto w = reference->mutableParameters().at(l + names.output + ".weight");
            for (int n : result.removedNeurons.at(i))
                w.select(1, n).zero_();
            removed += cut;
        }
        EXPECT_EQ(result.prunedNeurons, removed);
        // Per neuron: a row of the intermediate weight, its bias, a column of the output weight.
        EXPECT_EQ(model->parameterCount(), before - removed * (2 * config.hiddenSize + 1)) << fixture;
        const auto inputs = fixture == "demo" ? demoInputs(8, 8) : randomInputs(config, 3, 12);
        c10::InferenceMode inference;
        const auto want = reference->forward(inputs.ids, inputs.mask);
        const auto got = model->forward(inputs.ids, inputs.mask);
        EXPECT_LT(maxAbsDiff(got, want), 1e-5 * std::max(1.0, want.abs().max().item<double>())) << fixture;
    }
}

TEST(Prune, RefusedWhereItCannotApply)
{
    auto expectError = [](const std::function<void()> &fn, const std::string &field) {
        try {
            fn();
            FAIL() << "no error for " << field;
        } catch (const EngineError &e) {
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
        }
    };
    expectError([] { validatePruning(pruneWith("magnitude", 1.0)); }, "optimizations.pruning.amount");
    expectError([] { validatePruning(pruneWith("magnitude", -0.1)); }, "optimizations.pruning.amount");
    expectError([] { validatePruning(pruneWith("magnitude", NAN)); }, "optimizations.pruning.amount");
    expectError([] { validatePruning(pruneWith("2:4", 0.3)); }, "optimizations.pruning.amount");
    expectError([] { validatePruning(pruneWith("heads", 0.3, "layer")); }, "optimizations.pruning.scope");
    // An unknown method cannot reach the pruner: PruningOptions holds an enum, and its names refuse it.
    try {
        pruneWith("random", 0.3);
        FAIL() << "no error for an unknown method";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.pruning.method"), std::string::npos) << e.what();
    }
    expectError(
        [] {
            auto o = pruneWith("neurons", 0.3);
            o.includeEmbeddings = true;
            validatePruning(o);
        },
        "optimizations.pruning.include_embeddings");
    // 0.9 of 4 heads rounds to all 4.
    expectError([] { prune(*randomBert(), pruneWith("heads", 0.9)); }, "optimizations.pruning.amount");
    auto gpt2 = loadHfGpt2(kData + "gpt2-tiny");
    expectError([&] { prune(*gpt2, pruneWith("heads", 0.5)); }, "optimizations.pruning.method");
    expectError([&] { prune(*gpt2, pruneWith("neurons", 0.5)); }, "optimizations.pruning.method");
    auto scripted = loadModel(kData + "torchscript-tiny/tiny-classifier.pt");
    expectError([&] { prune(*scripted.model, pruneWith("magnitude", 0.3)); }, "optimizations.pruning.method");
}

TEST(Prune, Gpt2TakesMagnitudeAndTwoFourThroughItsLinears)
{
    auto gpt2 = loadHfGpt2(kData + "gpt2-tiny");
    const auto wte = gpt2->parameters().at("transformer.wte.weight").clone();
    const auto result = prune(*gpt2, pruneWith("magnitude", 0.4));
    // lm_head is wte: it stays out of the set unless embeddings are pruned.
    for (const auto &n : result.prunedParameters)
        EXPECT_NE(n, "lm_head.weight");
    EXPECT_TRUE(gpt2->parameters().at("transformer.wte.weight").equal(wte));
    EXPECT_NEAR(zeroFraction(*gpt2, result.prunedParameters), 0.4, 1e-4);
    auto gpt2b = loadHfGpt2(kData + "gpt2-tiny");
    auto o = pruneWith("2:4", 0.5);
    o.includeEmbeddings = true;
    const auto r2 = prune(*gpt2b, o);
    EXPECT_DOUBLE_EQ(zeroFraction(*gpt2b, r2.prunedParameters), 0.5);
    // The tied lm_head is pruned with wte, once.
    EXPECT_EQ(zerosIn(gpt2b->parameters().at("lm_head.weight")) * 2, wte.numel());
    const auto inputs = randomInputs(gpt2b->config(), 2, 10);
    c10::InferenceMode inference;
    EXPECT_TRUE(gpt2b->forward(inputs.ids, inputs.mask).isfinite().all().item<bool>());
}

// Mild magnitude pruning on the demo model over eval reviews. The main bound is relative, so it
// holds for the random-weight demo and for trained weights alike: removing the 30% smallest
// weights takes away about 1.5% of a Gaussian weight matrix's energy (the mass of |z| < 0.39
// sigma), zeroing a random 30% takes away 30%, so the magnitude-pruned outputs must stay clearly
// closer to the baseline than randomly pruned ones (KL at most half; measured 3.4x smaller on the
// random-weight demo). On absolute terms the predicted class stays for at least 90% of reviews,
// and the mean KL stays below 0.05 nats (less than turning a 90% prediction into 77%).
TEST(Prune, MildMagnitudePruningKeepsTheDemoPredictions)
{
    auto loadDemo = [] { return loadModel(demoModel()).model; };
    auto baseline = loadDemo();
    auto magnitude = loadDemo();
    auto random = loadDemo();
    const auto result = prune(*magnitude, pruneWith("magnitude", 0.3));
    std::map<std::string, at::Tensor> randomMasks;
    auto gen = at::detail::createCPUGenerator(17);
    for (const auto &[name, mask] : result.masks)
        randomMasks[name] = at::rand(mask.sizes(), gen, at::TensorOptions()).ge(0.3);
    applyMasks(*random, randomMasks);

    c10::InferenceMode inference;
    std::vector<at::Tensor> base, mag, rnd;
    for (int first = 0; first < 400; first += 50) {
        const auto inputs = demoInputs(first, 50, 128);
        base.push_back(baseline->forward(inputs.ids, inputs.mask));
        mag.push_back(magnitude->forward(inputs.ids, inputs.mask));
        rnd.push_back(random->forward(inputs.ids, inputs.mask));
    }
    const auto magQuality = compareLogits(at::cat(mag), at::cat(base));
    const auto rndQuality = compareLogits(at::cat(rnd), at::cat(base));
    RecordProperty("agreement_magnitude", std::to_string(magQuality.agreement));
    RecordProperty("kl_magnitude", std::to_string(magQuality.klDivergence));
    RecordProperty("agreement_random", std::to_string(rndQuality.agreement));
    RecordProperty("kl_random", std::to_string(rndQuality.klDivergence));
    std::cout << "magnitude 0.3: agreement " << magQuality.agreement << " KL " << magQuality.klDivergence
              << "; random 0.3: agreement " << rndQuality.agreement << " KL " << rndQuality.klDivergence << "\n";
    EXPECT_EQ(magQuality.examples, 400);
    EXPECT_GT(magQuality.klDivergence, 0.0);
    EXPECT_LT(magQuality.klDivergence, rndQuality.klDivergence / 2);
    EXPECT_LT(magQuality.klDivergence, 0.05);
    EXPECT_GE(magQuality.agreement, rndQuality.agreement);
    EXPECT_GE(magQuality.agreement, 0.9);
}

TEST(Prune, BenchmarkRunsReportThePruning)
{
    RunConfig base;
    base.modelPath = demoModel();
    base.batchSize = 8;
    base.maxLength = 64;
    base.warmup = 1;
    base.iterations = 3;
    base.threads = 2;
    Benchmark unpruned(base, nullptr);
    unpruned.prepare();
    const auto reference = metricsOf(unpruned.measure());
    const double parameters = reference.at("parameters");

    struct Case {
        std::string method;
        double amount;
    };
    for (const auto &[method, amount] :
         {Case{"magnitude", 0.3}, Case{"2:4", 0.5}, Case{"heads", 0.5}, Case{"neurons", 0.25}}) {
        auto config = base;
        config.pruningMethod = options::parseOrThrow<options::PruningMethod>(method);
        config.pruningAmount = amount;
        Benchmark bench(config, nullptr);
        bench.prepare();
        const auto report = bench.measure();
        const auto m = metricsOf(report);
        for (const char *key : {"parameters", "parameters_baseline", "sparsity", "pruned_heads", "pruned_neurons",
                                "sparse_kernel", "flops", "agreement", "kl_divergence"})
            ASSERT_TRUE(m.count(key)) << method << " " << key;
        EXPECT_DOUBLE_EQ(m.at("parameters_baseline"), parameters) << method;
        EXPECT_DOUBLE_EQ(m.at("sparse_kernel"), 0.0) << method;
        EXPECT_GT(m.at("kl_divergence"), 0.0) << method; // the model changed: measured against fp32
        std::vector<double> layers;
        for (const auto &s : report.series)
            if (s.name == "layer_sparsity") {
                EXPECT_EQ(s.step, static_cast<std::int64_t>(layers.size()));
                layers.push_back(s.value);
            }
        ASSERT_EQ(layers.size(), 4u) << method;
        if (method == "magnitude" || method == "2:4") {
            EXPECT_DOUBLE_EQ(m.at("parameters"), parameters);
            EXPECT_NEAR(m.at("sparsity"), amount, 1e-5) << method;
            EXPECT_DOUBLE_EQ(m.at("flops"), reference.at("flops")) << method; // dense kernels: same work
            for (double s : layers)
                EXPECT_GT(s, 0.1) << method;
        } else {
            EXPECT_LT(m.at("parameters"), parameters);
            EXPECT_LT(m.at("flops"), reference.at("flops")) << method;
            EXPECT_LT(m.at("model_bytes"), reference.at("model_bytes")) << method;
            EXPECT_DOUBLE_EQ(m.at("pruned_heads"), method == "heads" ? 8.0 : 0.0);
            EXPECT_DOUBLE_EQ(m.at("pruned_neurons"), method == "neurons" ? 4.0 * 128 : 0.0);
        }
    }
}

TEST(Prune, BenchmarkRefusesPruningWithTheField)
{
    RunConfig config;
    config.modelPath = demoModel();
    config.pruningMethod = options::PruningMethod::Heads;
    config.pruningAmount = 0.95;
    Benchmark bench(config, nullptr);
    try {
        bench.prepare();
        FAIL() << "no error";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.pruning.amount"), std::string::npos) << e.what();
    }
}

// A neuron-pruned model has per-layer FFN widths that config.json cannot hold: saving it is
// refused before training (the spec) and, should it get that far, before anything is written.
TEST(Prune, NeuronPrunedModelIsNotSavedAsAnUnloadableFolder)
{
    RunConfig c;
    c.modelPath = demoModel();
    c.mode = options::Mode::Training;
    c.pruningMethod = options::PruningMethod::Neurons;
    c.pruningAmount = 0.25;
    c.savePath = (std::filesystem::temp_directory_path() / "optibench-neurons-save").string();
    std::filesystem::remove_all(c.savePath);
    try {
        validateRunConfig(c);
        FAIL() << "no error";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("task.save_path"), std::string::npos) << e.what();
    }
    auto model = randomBert();
    prune(*model, pruneWith("neurons", 0.25));
    try {
        saveHfFolder(*model, c.savePath, "");
        FAIL() << "no error";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("intermediate_size"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(c.savePath));
}

// Fine-tuning a magnitude-pruned model: the masks are re-applied after every optimizer step, so
// the pruned set is exactly as sparse after training as before it.
TEST(Prune, MasksStayAppliedThroughFineTuning)
{
    RunConfig c;
    c.modelPath = demoModel();
    c.mode = options::Mode::Training;
    c.steps = 3;
    c.batchSize = 8;
    c.maxLength = 32;
    c.learningRate = 1e-3;
    c.warmupSteps = 1;
    c.pruningMethod = options::PruningMethod::Magnitude;
    c.pruningAmount = 0.5;
    Benchmark bench(c, nullptr);
    bench.prepare();
    const auto report = bench.measure();
    const auto m = metricsOf(report);
    ASSERT_TRUE(m.count("sparsity"));
    ASSERT_TRUE(m.count("train_loss_final"));
    // Every Linear weight of the demo has an even count of elements: half is exact.
    EXPECT_DOUBLE_EQ(m.at("sparsity"), 0.5);
    EXPECT_DOUBLE_EQ(m.at("parameters_baseline"), m.at("parameters"));
    int layers = 0;
    for (const auto &s : report.series)
        if (s.name == "layer_sparsity") {
            EXPECT_GT(s.value, 0.0); // one global threshold: layers differ around the overall 0.5
            EXPECT_LT(s.value, 1.0);
            ++layers;
        }
    EXPECT_EQ(layers, 4);
}
