// Gradient checkpointing: a checkpointed layer's activations are recomputed in backward, and the
// gradients equal those of the plain backward pass (every layer, every k-th layer; BERT and
// GPT-2; with the input not requiring a gradient, as with frozen embeddings).
#include "engine/kernels/checkpoint.h"
#include "engine/models/bert.h"
#include "engine/models/gpt2.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <map>

using namespace optibench::engine;

namespace {

TransformerConfig bertConfig()
{
    TransformerConfig c;
    c.vocabSize = 60;
    c.hiddenSize = 32;
    c.numLayers = 3;
    c.numHeads = 4;
    c.intermediateSize = 64;
    c.maxPositions = 24;
    c.numLabels = 3;
    return c;
}

TransformerConfig gpt2Config()
{
    TransformerConfig c;
    c.family = ArchitectureFamily::Gpt2;
    c.architecture = "GPT2LMHeadModel";
    c.modelType = "gpt2";
    c.vocabSize = 70;
    c.hiddenSize = 32;
    c.numLayers = 3;
    c.numHeads = 4;
    c.intermediateSize = 128;
    c.maxPositions = 24;
    c.typeVocabSize = 0;
    c.activation = "gelu_new";
    c.layerNormEps = 1e-5;
    c.numLabels = 0;
    c.hasPooler = false;
    return c;
}

Batch makeBatch(int vocab, std::int64_t B, std::int64_t S, std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    Batch b;
    b.inputIds = at::randint(4, vocab, {B, S}, gen, at::TensorOptions().dtype(at::kLong));
    b.attentionMask = at::ones({B, S}, at::kLong);
    b.attentionMask[0].slice(0, S - 5, S).fill_(0); // padding in one row
    b.labels = at::randint(0, 3, {B}, gen, at::TensorOptions().dtype(at::kLong));
    b.realTokens = b.attentionMask.sum().item<std::int64_t>();
    b.paddedTokens = B * S;
    return b;
}

// Loss and the gradient of every trainable parameter after one backward pass.
std::pair<double, std::map<std::string, at::Tensor>> gradients(NativeModel &model, const Batch &batch,
                                                               int checkpointEvery, bool freezeEmbeddings = false)
{
    TrainingOptions o;
    o.checkpointEvery = checkpointEvery;
    o.freezeEmbeddings = freezeEmbeddings;
    const auto params = enableTraining(model, o);
    auto loss = defaultLoss(model)(batch);
    loss.backward();
    std::map<std::string, at::Tensor> grads;
    for (const auto &[name, t] : params) {
        EXPECT_TRUE(t.grad().defined()) << name;
        if (t.grad().defined())
            grads[name] = t.grad().clone();
        t.mutable_grad() = at::Tensor();
    }
    disableTraining(model);
    return {loss.item<double>(), grads};
}

void expectSameGradients(const std::map<std::string, at::Tensor> &a, const std::map<std::string, at::Tensor> &b)
{
    ASSERT_EQ(a.size(), b.size());
    for (const auto &[name, g] : a) {
        const auto &h = b.at(name);
        const double scale = std::max(1e-12, h.abs().max().item<double>());
        EXPECT_LE((g - h).abs().max().item<double>() / scale, 1e-5) << name;
    }
}

} // namespace

TEST(Checkpoint, BertEveryLayerMatchesPlainBackward)
{
    const auto config = bertConfig();
    BertClassifier model(config, BertClassifier::randomParameters(config, 7));
    const auto batch = makeBatch(config.vocabSize, 4, 16, 1);
    const auto [plainLoss, plain] = gradients(model, batch, 0);
    const auto [ckptLoss, ckpt] = gradients(model, batch, 1);
    EXPECT_NEAR(plainLoss, ckptLoss, 1e-6);
    EXPECT_FALSE(plain.empty());
    expectSameGradients(ckpt, plain);
}

TEST(Checkpoint, BertEverySecondLayerMatchesPlainBackward)
{
    const auto config = bertConfig();
    BertClassifier model(config, BertClassifier::randomParameters(config, 8));
    const auto batch = makeBatch(config.vocabSize, 3, 12, 2);
    const auto plain = gradients(model, batch, 0).second;
    expectSameGradients(gradients(model, batch, 2).second, plain);
}

TEST(Checkpoint, FrozenEmbeddingsStillGiveLayerGradients)
{
    // The first checkpointed layer's input then requires no gradient; its parameters still do.
    const auto config = bertConfig();
    BertClassifier model(config, BertClassifier::randomParameters(config, 9));
    const auto batch = makeBatch(config.vocabSize, 2, 10, 3);
    const auto plain = gradients(model, batch, 0, true).second;
    const auto ckpt = gradients(model, batch, 1, true).second;
    EXPECT_EQ(plain.count("bert.embeddings.word_embeddings.weight"), 0u);
    EXPECT_EQ(ckpt.count("bert.encoder.layer.0.attention.self.query.weight"), 1u);
    expectSameGradients(ckpt, plain);
}

TEST(Checkpoint, Gpt2MatchesPlainBackward)
{
    const auto config = gpt2Config();
    Gpt2Model model(config, Gpt2Model::randomParameters(config, 10));
    const auto batch = makeBatch(config.vocabSize, 2, 14, 4);
    const auto [plainLoss, plain] = gradients(model, batch, 0);
    const auto [ckptLoss, ckpt] = gradients(model, batch, 1);
    EXPECT_NEAR(plainLoss, ckptLoss, 1e-6);
    expectSameGradients(ckpt, plain);
}

TEST(Checkpoint, DropsActivationsUntilBackward)
{
    // The block runs once in forward and once more in backward; without grad mode it runs plainly.
    int runs = 0;
    auto w = at::randn({8, 8}).requires_grad_(true);
    BlockFn block = [&runs, w](const at::Tensor &x) {
        ++runs;
        return at::tanh(at::matmul(x, w));
    };
    auto x = at::randn({4, 8}).requires_grad_(true);
    auto y = checkpoint(block, x, {w});
    EXPECT_EQ(runs, 1);
    EXPECT_TRUE(y.requires_grad());
    y.sum().backward();
    EXPECT_EQ(runs, 2);

    auto x2 = x.detach().clone().requires_grad_(true);
    auto w2 = w.detach().clone().requires_grad_(true);
    at::tanh(at::matmul(x2, w2)).sum().backward();
    EXPECT_TRUE(at::allclose(x.grad(), x2.grad(), 1e-5, 1e-6));
    EXPECT_TRUE(at::allclose(w.grad(), w2.grad(), 1e-5, 1e-6));

    at::NoGradGuard noGrad;
    checkpoint(block, x, {w});
    EXPECT_EQ(runs, 3);
}
