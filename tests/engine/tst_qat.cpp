// Quantization-aware training (engine/qat.h): fake-quant forward values and straight-through
// gradients, the moving-average observer, conversion to int8 agreeing with the fake-quant
// model on the demo eval set, and a qat run through the Benchmark.
#include "engine/batching.h"
#include "engine/benchmark.h"
#include "engine/demo.h"
#include "engine/qat.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <map>

using namespace optibench::engine;

namespace {

std::vector<Batch> demoBatches(const std::string &split, int batchSize, std::size_t limit)
{
    std::vector<std::vector<std::int64_t>> sequences;
    std::vector<int> labels;
    for (const auto &ex : demo::reviews(split)) {
        if (sequences.size() >= limit)
            break;
        sequences.push_back(demo::tokenizer().encode(ex.text, 64));
        labels.push_back(ex.label);
    }
    return makeBatches(sequences, labels, batchSize, 64, parsePadding("dynamic"), 0, demo::WordTokenizer::kPad);
}

at::Tensor logitsOn(const Model &model, const std::vector<Batch> &batches)
{
    std::vector<at::Tensor> out;
    for (const auto &b : batches)
        out.push_back(model.forward(b.inputIds, b.attentionMask));
    return at::cat(out);
}

} // namespace

TEST(Qat, FakeQuantRoundsWeightsAndPassesGradientsStraightThrough)
{
    at::manual_seed(6);
    auto w = (at::randn({32, 64}) * 0.05).requires_grad_();
    auto b = (at::randn({32}) * 0.01).requires_grad_();
    FakeQuantLinear op(w, b);
    auto x = at::randn({8, 64}).requires_grad_();
    auto y = op.forward(x);
    ASSERT_TRUE(y.requires_grad());
    EXPECT_TRUE(op.calibrated());

    // The forward equals the product of the int8-rounded weight and the uint8-rounded input.
    at::Tensor xq, wq;
    {
        at::NoGradGuard noGrad;
        const auto scales = op.weightScales();
        EXPECT_TRUE(at::allclose(scales, w.abs().amax({1}) / 127.0));
        wq = at::round(w / scales.unsqueeze(1)).clamp(-128, 127) * scales.unsqueeze(1);
        const double s = op.activationScale();
        const auto zp = op.activationZeroPoint();
        xq = (at::round(x / s) + zp).clamp(0, 255).sub(zp) * s;
        EXPECT_LT((y - at::linear(xq, wq, b)).abs().max().item<double>(), 1e-5);
        EXPECT_GT((y - at::linear(x, w, b)).abs().max().item<double>(), 1e-5); // it did round
    }

    // Straight-through: the gradients are those of the linear at the rounded values.
    auto upstream = at::randn({8, 32});
    y.backward(upstream);
    ASSERT_TRUE(w.grad().defined());
    ASSERT_TRUE(x.grad().defined());
    auto wantW = upstream.t().mm(xq);
    auto wantX = upstream.mm(wq);
    EXPECT_LT((w.grad() - wantW).abs().max().item<double>(), 1e-4);
    EXPECT_LT((x.grad() - wantX).abs().max().item<double>(), 1e-4);
    EXPECT_LT((b.grad() - upstream.sum(0)).abs().max().item<double>(), 1e-5);
}

TEST(Qat, ObserverFollowsAMovingAverage)
{
    FakeQuantLinear op(at::randn({4, 8}), at::Tensor(), QatOptions{0.5});
    c10::InferenceMode guard;
    op.forward(at::full({2, 8}, 2.0));
    EXPECT_EQ(op.activationRange(), (std::pair<double, double>{0.0, 2.0})); // the range always holds 0
    op.forward(at::linspace(-4, 6, 16).view({2, 8}));
    EXPECT_DOUBLE_EQ(op.activationRange().first, -2.0);
    EXPECT_DOUBLE_EQ(op.activationRange().second, 4.0);
    EXPECT_EQ(op.observedBatches(), 2);
    op.setObserving(false);
    op.forward(at::full({2, 8}, 100.0));
    EXPECT_DOUBLE_EQ(op.activationRange().second, 4.0);
    EXPECT_DOUBLE_EQ(op.activationScale(), 6.0 / 255);
}

TEST(Qat, ConvertedModelAgreesWithTheFakeQuantModel)
{
    at::set_num_threads(2);
    BertClassifier fp32(demo::tinyBertConfig(), demo::tinyBertParameters());
    BertClassifier model(demo::tinyBertConfig(), demo::tinyBertParameters());
    EXPECT_THROW(convertQat(model), std::logic_error);
    const auto ops = insertFakeQuant(model);
    ASSERT_EQ(ops.size(), model.linearNames().size());
    EXPECT_EQ(model.linear(model.linearNames().front()).kind(), "qat-fake-quant");
    // The ops hold the model's own parameters (an optimizer's updates reach them).
    EXPECT_EQ(ops.front()->weight().data_ptr(), model.parameters().at(model.linearNames().front() + ".weight").data_ptr());

    c10::InferenceMode guard;
    for (const auto &b : demoBatches("train", 50, 400))
        model.forward(b.inputIds, b.attentionMask);
    for (auto *op : ops) {
        EXPECT_EQ(op->observedBatches(), 8);
        op->setObserving(false);
    }
    const auto eval = demoBatches("eval", 50, 1000);
    const auto fakeQuant = logitsOn(model, eval);
    convertQat(model);
    EXPECT_EQ(model.linear(model.linearNames().front()).kind(), "dynamic-int8");
    const auto converted = logitsOn(model, eval);
    const auto reference = logitsOn(fp32, eval);

    auto agreement = [](const at::Tensor &a, const at::Tensor &b) {
        return a.argmax(-1).eq(b.argmax(-1)).to(at::kDouble).mean().item<double>();
    };
    EXPECT_EQ(converted.size(0), 1000);
    // Both round weights alike; activations differ only in their ranges (observed vs per batch).
    EXPECT_GE(agreement(converted, fakeQuant), 0.9);
    EXPECT_GE(agreement(converted, reference), 0.9);
    EXPECT_GE(agreement(fakeQuant, reference), 0.9);
    EXPECT_LT(model.modelBytes(), fp32.modelBytes());
}

TEST(Qat, FineTuningThroughFakeQuantLowersTheLoss)
{
    at::manual_seed(7);
    BertClassifier model(demo::tinyBertConfig(), demo::tinyBertParameters());
    for (auto &[name, t] : model.mutableParameters())
        t.requires_grad_();
    insertFakeQuant(model);
    const auto batch = demoBatches("train", 32, 32).front();
    auto lossOf = [&]() { return at::cross_entropy_loss(model.forward(batch.inputIds, batch.attentionMask), batch.labels); };
    const double first = lossOf().item<double>();
    for (int step = 0; step < 5; ++step) {
        auto loss = lossOf();
        for (auto &[name, t] : model.mutableParameters())
            if (t.grad().defined())
                t.mutable_grad().zero_();
        loss.backward();
        at::NoGradGuard noGrad;
        for (auto &[name, t] : model.mutableParameters())
            if (t.grad().defined())
                t.sub_(t.grad() * 0.05);
    }
    const auto &classifier = model.parameters().at("classifier.weight");
    ASSERT_TRUE(classifier.grad().defined());
    EXPECT_LT(lossOf().item<double>(), first);
}

TEST(Qat, InferenceRunCalibratesAndConverts)
{
    RunConfig c;
    c.modelPath = "demo:tiny-bert";
    c.quantization = "qat";
    c.batchSize = 50;
    c.maxLength = 64;
    c.warmup = 0;
    c.iterations = 20;
    std::vector<std::string> messages;
    Benchmark bench(c, [&](const std::string &, std::int64_t, std::int64_t, const std::string &message) {
        messages.push_back(message);
        return true;
    });
    bench.prepare();
    EXPECT_NE(std::find(messages.begin(), messages.end(), "calibrating fake-quant observers on training batches"),
              messages.end());
    std::map<std::string, double> m;
    for (const auto &x : bench.measure().metrics)
        m[x.key] = x.value;
    EXPECT_LT(m.at("model_bytes"), m.at("model_bytes_baseline") / 2);
    EXPECT_GE(m.at("agreement"), 0.9);
    EXPECT_LT(m.at("kl_divergence"), 1e-2);
}
