// Structured pruning of Llama-family decoders (the llama, mistral and qwen2 fixtures, the demo
// decoder, random-weight Qwen2-style models with q/k/v biases): heads go in whole grouped-query
// groups, FFN neurons from gate, up and down, and the shrunk model computes what the full one
// computes with the removed parts' contributions zeroed, through the KV cache as well. The FLOP
// count and the KV cache shrink with it; a save that config.json cannot describe is refused.
#include "engine/formats/errors.h"
#include "engine/measure/flops.h"
#include "engine/models/demo_decoder.h"
#include "engine/models/hf_loader.h"
#include "engine/models/llama.h"
#include "engine/models/model_save.h"
#include "engine/optimize/prune.h"
#include "engine/run/generation.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

std::unique_ptr<NativeModel> fixture(const std::string &name)
{
    return loadHfModel(std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/" + name);
}

// A Qwen2-shaped decoder with q/k/v biases and 4 key/value groups of 2 query heads, random
// weights (biases too, so that a wrong bias row shows).
std::unique_ptr<LlamaModel> biasedDecoder()
{
    auto config = fixture("qwen2-tiny")->config();
    config.numHeads = 8;
    config.numKvHeads = 4;
    config.headDimOverride = 8;
    config.attentionBias = true;
    return std::make_unique<LlamaModel>(config, LlamaModel::randomParameters(config, 11));
}

std::unique_ptr<LlamaModel> cloneOf(const NativeModel &model)
{
    ParameterMap params;
    for (const auto &[name, t] : model.parameters())
        if (name != "lm_head.weight" || !model.config().tieWordEmbeddings)
            params.emplace(name, t.clone());
    return std::make_unique<LlamaModel>(model.config(), std::move(params));
}

PruningOptions pruneWith(const std::string &method, double amount)
{
    PruningOptions o;
    o.method = options::parseOrThrow<options::PruningMethod>(method);
    o.amount = amount;
    return o;
}

at::Tensor promptIds(const TransformerConfig &c, std::int64_t batch, std::int64_t length)
{
    return at::randint(4, c.vocabSize, {batch, length}, at::TensorOptions().dtype(at::kLong));
}

double maxAbsDiff(const at::Tensor &a, const at::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

std::string layer(int i)
{
    return "model.layers." + std::to_string(i) + ".";
}

// The reference: the full model with the removed query heads' o_proj columns zeroed, which
// takes their contribution out; their keys and values then feed nothing.
void zeroRemovedHeads(NativeModel &reference, const PruningResult &result)
{
    const std::int64_t D = headDim(reference.config());
    for (const auto &[i, heads] : result.removedHeads) {
        auto w = reference.mutableParameters().at(layer(i) + "self_attn.o_proj.weight");
        for (int h : heads)
            w.slice(1, h * D, (h + 1) * D).zero_();
    }
}

} // namespace

TEST(PruneDecoder, HeadsGoInWholeGroupsAndTheLayersShrink)
{
    for (const std::string name : {"llama-tiny", "mistral-tiny", "biased"}) {
        std::unique_ptr<NativeModel> model = name == "biased" ? biasedDecoder() : fixture(name);
        const auto c = model->config();
        const std::int64_t D = headDim(c), E = c.hiddenSize, perGroup = c.numHeads / kvHeads(c);
        const auto result = prune(*model, pruneWith("heads", 0.5)); // half the groups of every layer
        const std::int64_t groupsLeft = kvHeads(c) / 2;
        EXPECT_EQ(result.prunedHeads, c.numLayers * (kvHeads(c) - groupsLeft) * perGroup) << name;
        for (int i = 0; i < c.numLayers; ++i) {
            const auto &p = model->parameters();
            EXPECT_EQ(headsInLayer(model->config(), i), groupsLeft * perGroup) << name;
            EXPECT_EQ(kvHeadsInLayer(model->config(), i), groupsLeft) << name;
            EXPECT_EQ(p.at(layer(i) + "self_attn.q_proj.weight").sizes(),
                      at::IntArrayRef({groupsLeft * perGroup * D, E}));
            EXPECT_EQ(p.at(layer(i) + "self_attn.k_proj.weight").sizes(), at::IntArrayRef({groupsLeft * D, E}));
            EXPECT_EQ(p.at(layer(i) + "self_attn.v_proj.weight").sizes(), at::IntArrayRef({groupsLeft * D, E}));
            EXPECT_EQ(p.at(layer(i) + "self_attn.o_proj.weight").sizes(),
                      at::IntArrayRef({E, groupsLeft * perGroup * D}));
            if (c.attentionBias) {
                EXPECT_EQ(p.at(layer(i) + "self_attn.k_proj.bias").sizes(), at::IntArrayRef({groupsLeft * D}));
            }
            // The removed heads are whole groups: perGroup consecutive original heads each.
            const auto &removed = result.removedHeads.at(i);
            ASSERT_EQ(static_cast<std::int64_t>(removed.size()), (kvHeads(c) - groupsLeft) * perGroup);
            for (std::size_t h = 0; h < removed.size(); h += static_cast<std::size_t>(perGroup)) {
                EXPECT_EQ(removed[h] % perGroup, 0) << name;
                for (std::int64_t k = 1; k < perGroup; ++k)
                    EXPECT_EQ(removed[h + static_cast<std::size_t>(k)], removed[h] + k) << name;
            }
        }
        EXPECT_EQ(result.parametersAfter, model->parameterCount());
        EXPECT_LT(result.parametersAfter, result.parametersBefore);
        EXPECT_LT(encoderForwardFlops(model->config(), 1, 16), encoderForwardFlops(c, 1, 16) * 0.999) << name;
    }
}

// Removing groups is exact, in the full forward and through the KV cache, and the cache holds
// only the groups left.
TEST(PruneDecoder, HeadRemovalEqualsZeroingTheirOutputColumns)
{
    c10::InferenceMode inference;
    for (const std::string name : {"llama-tiny", "mistral-tiny", "biased"}) {
        std::unique_ptr<NativeModel> model = name == "biased" ? biasedDecoder() : fixture(name);
        auto reference = cloneOf(*model);
        const auto result = prune(*model, pruneWith("heads", 0.5));
        at::manual_seed(3);
        const auto ids = promptIds(model->config(), 2, 12);
        const auto unpruned = reference->forward(ids, at::ones_like(ids));
        zeroRemovedHeads(*reference, result);
        const auto want = reference->forward(ids, at::ones_like(ids));
        const auto got = model->forward(ids, at::ones_like(ids));
        EXPECT_LT(maxAbsDiff(got, want), 1e-5) << name;
        EXPECT_GT(maxAbsDiff(got, unpruned), 1e-3) << name; // the removed groups did count

        GenerationOptions o;
        o.maxNewTokens = 8; // past mistral-tiny's window of 4
        o.stopAtEos = false;
        const auto pruned = generate(*model, ids, {}, o);
        const auto full = generate(*reference, ids, {}, o);
        EXPECT_TRUE(at::equal(pruned.tokens, full.tokens)) << name;
        EXPECT_EQ(2 * pruned.cacheBytes, full.cacheBytes) << name; // half the key/value heads
    }
}

TEST(PruneDecoder, NeuronRemovalEqualsZeroingTheirDownColumns)
{
    c10::InferenceMode inference;
    for (const std::string name : {"llama-tiny", "qwen2-tiny", "biased"}) {
        std::unique_ptr<NativeModel> model = name == "biased" ? biasedDecoder() : fixture(name);
        const auto c = model->config();
        auto reference = cloneOf(*model), unpruned = cloneOf(*model);
        const auto result = prune(*model, pruneWith("neurons", 0.25));
        const std::int64_t cut = std::llround(0.25 * c.intermediateSize), kept = c.intermediateSize - cut;
        EXPECT_EQ(result.prunedNeurons, c.numLayers * cut);
        for (int i = 0; i < c.numLayers; ++i) {
            EXPECT_EQ(intermediateInLayer(model->config(), i), kept);
            EXPECT_EQ(model->parameters().at(layer(i) + "mlp.gate_proj.weight").sizes(),
                      at::IntArrayRef({kept, c.hiddenSize}));
            EXPECT_EQ(model->parameters().at(layer(i) + "mlp.down_proj.weight").sizes(),
                      at::IntArrayRef({c.hiddenSize, kept}));
            auto down = reference->mutableParameters().at(layer(i) + "mlp.down_proj.weight");
            for (int n : result.removedNeurons.at(i))
                down.select(1, n).zero_();
        }
        // Per neuron: a row of gate and up, a column of down.
        EXPECT_EQ(result.parametersBefore - result.parametersAfter, c.numLayers * cut * 3 * c.hiddenSize);
        at::manual_seed(5);
        const auto ids = promptIds(c, 2, 10);
        const auto got = model->forward(ids, at::ones_like(ids));
        EXPECT_LT(maxAbsDiff(got, reference->forward(ids, at::ones_like(ids))), 1e-5) << name;
        EXPECT_GT(maxAbsDiff(got, unpruned->forward(ids, at::ones_like(ids))), 1e-4) << name;
    }
}

TEST(PruneDecoder, TheDemoDecoderLosesAGroupAndStillGenerates)
{
    auto model = demo::haveTrainedDecoderWeights() ? demo::trainedTinyLlama() : demo::untrainedTinyLlama();
    const auto c = model->config();
    const auto result = prune(*model, pruneWith("heads", 0.5));
    EXPECT_EQ(kvHeadsInLayer(model->config(), 0), kvHeads(c) / 2);
    EXPECT_GT(result.prunedHeads, 0);
    c10::InferenceMode inference;
    GenerationOptions o;
    o.maxNewTokens = 5;
    o.stopAtEos = false;
    const auto ids = at::full({1, 6}, 5, at::TensorOptions().dtype(at::kLong));
    EXPECT_EQ(generate(*model, ids, {}, o).tokens.size(1), 5);
}

// A layer with one group (qwen2-tiny: 4 query heads share 1 key/value head) cannot lose it; a
// head-pruned decoder cannot be saved as a Hugging Face folder.
TEST(PruneDecoder, RefusesRemovingEveryGroupAndSavingPerLayerHeads)
{
    auto qwen = fixture("qwen2-tiny");
    try {
        prune(*qwen, pruneWith("heads", 0.5));
        FAIL() << "pruned qwen2-tiny's only group";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("key/value head groups of layer 0"), std::string::npos) << e.what();
    }
    auto llama = fixture("llama-tiny");
    prune(*llama, pruneWith("heads", 0.5));
    const auto out = std::filesystem::temp_directory_path() / "optibench-pruned-llama";
    std::filesystem::remove_all(out);
    try {
        saveHfFolder(*llama, out.string(), "");
        FAIL() << "saved a head-pruned decoder";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("heads pruning"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(out / "config.json"));
}
