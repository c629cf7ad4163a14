// Quantization-aware training (engine/train/qat.h): fake-quant forward values and straight-through
// gradients, the moving-average observer, conversion to int8 agreeing with the fake-quant
// model on the demo eval set, a qat run through the Benchmark, and training through the
// fake-quant Linears (engine/train/training.h): gradients reach the parameters the optimizer updates,
// the fine-tuned model converts to an int8 model that agrees with it, and a training run of the
// Benchmark reports both models' accuracy.
#include "engine/data/batching.h"
#include "engine/kernels/int8_scheme.h"
#include "engine/models/demo.h"
#include "engine/run/benchmark.h"
#include "engine/train/qat.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

using namespace optibench::engine;
namespace options = optibench::options;

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
    return makeBatches(sequences, labels, batchSize, 64, Padding::Dynamic, 0, demo::WordTokenizer::kPad);
}

double metricOf(const std::vector<Measurement> &metrics, const std::string &key)
{
    for (const auto &m : metrics)
        if (m.key == key)
            return m.value;
    ADD_FAILURE() << "no metric " << key;
    return std::nan("");
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

    // The forward equals the product of the int8-rounded weight and the uint8-rounded input,
    // over the range of the machine's int8 scheme (7 bits where its GEMM saturates).
    const int qmax = activationMax(int8Scheme());
    at::Tensor xq, wq;
    {
        at::NoGradGuard noGrad;
        const auto scales = op.weightScales();
        EXPECT_TRUE(at::allclose(scales, w.abs().amax({1}) / 127.0));
        wq = at::round(w / scales.unsqueeze(1)).clamp(-128, 127) * scales.unsqueeze(1);
        const double s = op.activationScale();
        const auto zp = op.activationZeroPoint();
        xq = (at::round(x / s) + zp).clamp(0, qmax).sub(zp) * s;
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
    EXPECT_DOUBLE_EQ(op.activationScale(), 6.0 / activationMax(int8Scheme()));
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
    EXPECT_EQ(ops.front()->weight().data_ptr(),
              model.parameters().at(model.linearNames().front() + ".weight").data_ptr());

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
    auto lossOf = [&]() {
        return at::cross_entropy_loss(model.forward(batch.inputIds, batch.attentionMask), batch.labels);
    };
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
    c.quantization = options::Quantization::Qat;
    c.batchSize = 50;
    c.maxLength = 64;
    c.warmup = 0;
    c.iterations = 20;
    c.blocks = 1; // one pass over the workload: quality is what this checks, not timing
    c.minBlockMs = 0;
    c.quality = options::QualityScope::Timed; // the workload's batches, as the bounds here were set
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

TEST(QatTraining, GradientsReachTheWeightsThroughTheFakeQuantLinears)
{
    at::set_num_threads(2);
    BertClassifier model(demo::tinyBertConfig(), demo::tinyBertParameters());
    const auto trainBatches = demoBatches("train", 8, 16);
    const auto eval = demoBatches("eval", 25, 50);
    const std::string probe = "bert.encoder.layer.1.intermediate.dense.weight";
    const auto before = model.parameters().at(probe).detach().clone();
    TrainingOptions o;
    o.steps = 2;
    o.evalEvery = 1; // an evaluation between the steps must not move the observers
    o.warmupSteps = 0;
    o.learningRate = 1e-3;
    o.weightDecay = 0; // so that a weight changes only through its gradient
    o.quantizationAware = true;
    o.reportLatency = false;
    int hooks = 0;
    auto afterStep = [&](int step) {
        ++hooks;
        const auto ops = fakeQuantLinears(model);
        const auto names = model.linearNames();
        ASSERT_EQ(ops.size(), names.size());
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const auto &name = names[i];
            EXPECT_EQ(model.linear(name).kind(), "qat-fake-quant") << name;
            // The op holds the parameter tensor the optimizer updates, and its gradient arrived.
            const auto &w = model.parameters().at(name + ".weight");
            EXPECT_EQ(ops[i]->weight().unsafeGetTensorImpl(), w.unsafeGetTensorImpl()) << name;
            ASSERT_TRUE(w.grad().defined()) << name;
            EXPECT_GT(w.grad().abs().sum().item<double>(), 0.0) << name;
            EXPECT_TRUE(ops[i]->observing()) << name;
            EXPECT_EQ(ops[i]->observedBatches(), step) << name; // one training batch per step, no eval batch
        }
    };
    const auto result = train(model, trainBatches, eval, o, defaultLoss(model), {}, afterStep);
    EXPECT_EQ(hooks, 2);
    EXPECT_EQ(metricOf(result.metrics, "optimizer_steps"), 2.0);
    const auto after = model.parameters().at(probe);
    EXPECT_FALSE(after.requires_grad());
    EXPECT_GT((after - before).abs().max().item<double>(), 1e-4) << "the optimizer did not move the weight";
    // Training ended converted to int8.
    for (const auto &name : model.linearNames())
        EXPECT_EQ(model.linear(name).kind(), "dynamic-int8") << name;
}

TEST(QatTraining, CheckpointedLayersAreObservedOnceAndGetTheSameGradients)
{
    // A checkpointed layer runs again in backward; its observers must not see the batch twice,
    // so the recomputation quantizes exactly as the forward did and the gradients equal the
    // plain run's.
    at::set_num_threads(2);
    const auto trainBatches = demoBatches("train", 8, 8);
    auto oneStep = [&](int checkpointEvery) {
        BertClassifier model(demo::tinyBertConfig(), demo::tinyBertParameters());
        TrainingOptions o;
        o.steps = 1;
        o.warmupSteps = 0;
        o.quantizationAware = true;
        o.checkpointEvery = checkpointEvery;
        o.reportLatency = false;
        std::map<std::string, at::Tensor> grads;
        auto afterStep = [&](int) {
            const auto ops = fakeQuantLinears(model);
            for (const auto *op : ops)
                EXPECT_EQ(op->observedBatches(), 1);
            for (const auto &name : model.linearNames())
                grads[name] = model.parameters().at(name + ".weight").grad().clone();
        };
        train(model, trainBatches, {}, o, defaultLoss(model), {}, afterStep);
        return grads;
    };
    const auto plain = oneStep(0), checkpointed = oneStep(1);
    ASSERT_EQ(plain.size(), checkpointed.size());
    ASSERT_FALSE(plain.empty());
    for (const auto &[name, g] : plain) {
        const double scale = std::max(1e-12, g.abs().max().item<double>());
        EXPECT_LT((checkpointed.at(name) - g).abs().max().item<double>() / scale, 1e-5) << name;
    }
}

TEST(QatTraining, FineTunedModelConvertsToAnInt8ModelThatAgreesWithIt)
{
    at::set_num_threads(2);
    const auto t0 = std::chrono::steady_clock::now();
    BertClassifier fp32(demo::tinyBertConfig(), demo::tinyBertParameters());
    BertClassifier model(demo::tinyBertConfig(), demo::tinyBertParameters());
    const auto trainBatches = demoBatches("train", 16, 192);
    const auto eval = demoBatches("eval", 100, 1000);
    const auto reference = evaluate(fp32, eval);
    TrainingOptions o;
    o.steps = 12;
    o.warmupSteps = 2;
    o.learningRate = 2e-5;
    o.quantizationAware = true;
    const auto result = train(model, trainBatches, eval, o, defaultLoss(model), {});
    const double fakeQuantAccuracy = metricOf(result.metrics, "accuracy_fake_quant");
    const double int8Accuracy = metricOf(result.metrics, "accuracy");
    const double agreement = metricOf(result.metrics, "agreement_fake_quant");
    std::printf("qat fine-tune: %d steps (%.0f ms each), fp32 accuracy %.4f, fake-quant accuracy %.4f, int8 accuracy "
                "%.4f, agreement %.4f, int8 eval %.0f ms, %.1f s in all\n",
                o.steps, metricOf(result.metrics, "step_time_mean_ms"), reference.accuracy, fakeQuantAccuracy,
                int8Accuracy, agreement, metricOf(result.metrics, "latency_mean_ms") * static_cast<double>(eval.size()),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    EXPECT_EQ(result.finalEval.examples, 1000);
    EXPECT_EQ(metricOf(result.metrics, "accuracy"), result.finalEval.accuracy);
    EXPECT_GE(agreement, 0.95);
    // QAT keeps the trained demo model's quality (a 2-class sentiment model; fp32 is about 0.9).
    EXPECT_GE(fakeQuantAccuracy, reference.accuracy - 0.03);
    EXPECT_GE(int8Accuracy, reference.accuracy - 0.03);
    EXPECT_LT(metricOf(result.metrics, "model_bytes"), fp32.modelBytes() / 2.0);
    for (const auto &name : model.linearNames())
        EXPECT_EQ(model.linear(name).kind(), "dynamic-int8") << name;
    // The reported int8 predictions are those of the converted model (checked on its first batch).
    at::NoGradGuard noGrad;
    const auto first = logitsOn(model, {eval.front()}).argmax(-1);
    EXPECT_TRUE(first.equal(result.finalEval.predictions.slice(0, 0, first.size(0))));
}

TEST(QatTraining, BenchmarkTrainingRunReportsTheFakeQuantAndTheInt8Accuracy)
{
    RunConfig c;
    c.modelPath = "demo:tiny-bert";
    c.mode = options::Mode::Training;
    c.quantization = options::Quantization::Qat;
    c.steps = 3;
    c.warmupSteps = 1;
    c.learningRate = 2e-5;
    c.batchSize = 100;
    c.maxLength = 32;
    c.threads = 2;
    std::vector<std::string> messages;
    Benchmark bench(c, [&](const std::string &, std::int64_t, std::int64_t, const std::string &message) {
        messages.push_back(message);
        return true;
    });
    bench.prepare();
    const auto report = bench.measure();
    for (const char *key : {"accuracy", "accuracy_fake_quant", "agreement_fake_quant", "eval_loss",
                            "eval_loss_fake_quant", "latency_p50_ms", "model_bytes", "model_bytes_baseline"})
        EXPECT_TRUE(std::isfinite(metricOf(report.metrics, key))) << key;
    EXPECT_EQ(metricOf(report.metrics, "optimizer_steps"), 3.0);
    std::printf("qat training run: int8 accuracy %.4f, fake-quant accuracy %.4f, agreement %.4f, model bytes %.0f "
                "(fp32 %.0f), int8 latency p50 %.1f ms\n",
                metricOf(report.metrics, "accuracy"), metricOf(report.metrics, "accuracy_fake_quant"),
                metricOf(report.metrics, "agreement_fake_quant"), metricOf(report.metrics, "model_bytes"),
                metricOf(report.metrics, "model_bytes_baseline"), metricOf(report.metrics, "latency_p50_ms"));
    EXPECT_GE(metricOf(report.metrics, "agreement_fake_quant"), 0.9);
    // The demo model is about 0.78 accurate on its eval split at 64 tokens; chance is 0.5.
    EXPECT_GE(metricOf(report.metrics, "accuracy"), 0.7);
    EXPECT_NEAR(metricOf(report.metrics, "accuracy"), metricOf(report.metrics, "accuracy_fake_quant"), 0.03);
    // Sizes after conversion: int8 weights.
    EXPECT_LT(metricOf(report.metrics, "model_bytes"), metricOf(report.metrics, "model_bytes_baseline") / 2);
    EXPECT_NE(std::find(messages.begin(), messages.end(), "evaluating the int8 model"), messages.end());
    // Inference calibration is not part of a training run.
    EXPECT_EQ(std::find(messages.begin(), messages.end(), "calibrating fake-quant observers on training batches"),
              messages.end());
    // The converted model then runs inference for a traced pass.
    EXPECT_GT(bench.tracedPass(2), 0);
}
