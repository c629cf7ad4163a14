// The training runner and its toggles on real models: the differentiable oneDNN GEMMs against
// ATen's autograd, gradient accumulation against one large batch, frozen embeddings, the
// learning-rate schedule, reproducibility, the fp16 loss scaler, the demo model learning its
// dataset, saving the trained model as a Hugging Face folder, and the Benchmark's training mode.
#include "engine/data/batching.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/models/bert.h"
#include "engine/models/demo.h"
#include "engine/models/gpt2.h"
#include "engine/models/model_loader.h"
#include "engine/models/model_save.h"
#include "engine/run/benchmark.h"
#include "engine/text/dataset.h"
#include "engine/train/loss_scale.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

// Largest difference relative to the reference's largest magnitude.
double relativeError(const at::Tensor &a, const at::Tensor &reference)
{
    const auto r = reference.to(at::kDouble);
    return (a.to(at::kDouble) - r).abs().max().item<double>() / std::max(1e-12, r.abs().max().item<double>());
}

TransformerConfig smallBert()
{
    TransformerConfig c;
    c.vocabSize = 60;
    c.hiddenSize = 32;
    c.numLayers = 2;
    c.numHeads = 4;
    c.intermediateSize = 64;
    c.maxPositions = 24;
    c.numLabels = 3;
    return c;
}

// Random sequences with lengths 3..S and fixed padding to S, so that any split of them into
// batches has one shape.
std::vector<Batch> randomBatches(int count, int batchSize, int S, int vocab, std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    std::vector<std::vector<std::int64_t>> seqs;
    std::vector<int> labels;
    for (int i = 0; i < count; ++i) {
        const auto len = at::randint(3, S + 1, {1}, gen, at::TensorOptions().dtype(at::kLong)).item<std::int64_t>();
        auto ids = at::randint(4, vocab, {len}, gen, at::TensorOptions().dtype(at::kLong));
        seqs.emplace_back(ids.data_ptr<std::int64_t>(), ids.data_ptr<std::int64_t>() + len);
        labels.push_back(static_cast<int>(i % 3));
    }
    return makeBatches(seqs, labels, batchSize, S, Padding::Fixed, seed);
}

std::map<std::string, at::Tensor> snapshot(const Model &model)
{
    std::map<std::string, at::Tensor> out;
    for (const auto &[name, t] : model.parameters())
        out[name] = t.detach().clone();
    return out;
}

double metric(const std::vector<Measurement> &metrics, const std::string &key)
{
    for (const auto &m : metrics)
        if (m.key == key)
            return m.value;
    ADD_FAILURE() << "no metric " << key;
    return std::nan("");
}

} // namespace

TEST(AutogradOps, LinearGradientsMatchAten)
{
    auto x = at::randn({3, 5, 7}, at::kDouble);
    auto w = at::randn({4, 7}, at::kDouble);
    auto b = at::randn({4}, at::kDouble);
    auto gy = at::randn({3, 5, 4}, at::kDouble);
    for (bool withBias : {true, false}) {
        auto xr = x.clone().requires_grad_(true), wr = w.clone().requires_grad_(true),
             br = b.clone().requires_grad_(true);
        auto yr = at::linear(xr, wr, withBias ? br : at::Tensor());
        yr.backward(gy);
        auto xf = x.to(at::kFloat).requires_grad_(true), wf = w.to(at::kFloat).requires_grad_(true),
             bf = b.to(at::kFloat).requires_grad_(true);
        auto yf = autograd::linear(xf, wf, withBias ? bf : at::Tensor());
        yf.backward(gy.to(at::kFloat));
        EXPECT_LE(relativeError(yf, yr), 1e-5);
        EXPECT_LE(relativeError(xf.grad(), xr.grad()), 1e-5);
        EXPECT_LE(relativeError(wf.grad(), wr.grad()), 1e-5);
        if (withBias)
            EXPECT_LE(relativeError(bf.grad(), br.grad()), 1e-5);
        else
            EXPECT_FALSE(bf.grad().defined());
    }
}

TEST(AutogradOps, LinearSkipsGradientsNobodyNeeds)
{
    auto x = at::randn({6, 8});
    auto w = at::randn({5, 8}).requires_grad_(true);
    autograd::linear(x, w, at::Tensor()).sum().backward();
    EXPECT_TRUE(w.grad().defined());
    EXPECT_FALSE(x.grad().defined());
    // Without gradients it is the inference linear.
    at::NoGradGuard noGrad;
    EXPECT_FALSE(autograd::linear(x, w, at::Tensor()).requires_grad());
}

TEST(AutogradOps, AttentionGradientsMatchAten)
{
    const int64_t B = 2, S = 6, H = 3, D = 4;
    auto q = at::randn({B, S, H * D}, at::kDouble), k = at::randn({B, S, H * D}, at::kDouble),
         v = at::randn({B, S, H * D}, at::kDouble), g = at::randn({B, S, H * D}, at::kDouble);
    auto mask = at::ones({B, S}, at::kDouble);
    mask[1].slice(0, 4, S).fill_(0);
    auto maskBias = (1.0 - mask) * -1e9;
    for (bool causal : {false, true}) {
        // The reference: per-head attention written with ATen ops in double precision.
        auto qr = q.clone().requires_grad_(true), kr = k.clone().requires_grad_(true),
             vr = v.clone().requires_grad_(true);
        auto split = [&](const at::Tensor &t) { return t.view({B, S, H, D}).transpose(1, 2); };
        auto scores =
            at::matmul(split(qr), split(kr).transpose(-1, -2)) / std::sqrt(double(D)) + maskBias.view({B, 1, 1, S});
        if (causal)
            scores = scores.masked_fill(at::ones({S, S}, at::kBool).triu(1), -1e9);
        auto ref = at::matmul(at::softmax(scores, -1), split(vr)).transpose(1, 2).reshape({B, S, H * D});
        ref.backward(g);

        auto qf = q.to(at::kFloat).requires_grad_(true), kf = k.to(at::kFloat).requires_grad_(true),
             vf = v.to(at::kFloat).requires_grad_(true);
        auto out = autograd::attention(qf, kf, vf, static_cast<int>(H), maskBias.to(at::kFloat), causal);
        out.backward(g.to(at::kFloat));
        EXPECT_LE(relativeError(out, ref), 1e-5) << "causal " << causal;
        EXPECT_LE(relativeError(qf.grad(), qr.grad()), 1e-5) << "causal " << causal;
        EXPECT_LE(relativeError(kf.grad(), kr.grad()), 1e-5) << "causal " << causal;
        EXPECT_LE(relativeError(vf.grad(), vr.grad()), 1e-5) << "causal " << causal;
    }
}

TEST(Training, LearningRateWarmsUpThenDecays)
{
    EXPECT_DOUBLE_EQ(learningRateAt(0, 10, 4, 1.0), 0.25);
    EXPECT_DOUBLE_EQ(learningRateAt(3, 10, 4, 1.0), 1.0);
    EXPECT_DOUBLE_EQ(learningRateAt(4, 10, 4, 1.0), 1.0);
    EXPECT_DOUBLE_EQ(learningRateAt(9, 10, 4, 1.0), 1.0 / 6.0);
    EXPECT_DOUBLE_EQ(learningRateAt(0, 5, 0, 2.0), 2.0);
}

TEST(Training, AccumulatedMicroBatchesEqualOneLargeBatch)
{
    const auto config = smallBert();
    const auto big = randomBatches(8, 8, 12, config.vocabSize, 5);
    const auto small = randomBatches(8, 4, 12, config.vocabSize, 5); // the same 8 sequences in 2 batches
    ASSERT_EQ(big.size(), 1u);
    ASSERT_EQ(small.size(), 2u);
    auto gradientsOf = [&](const std::vector<Batch> &batches, int k) {
        BertClassifier model(config, BertClassifier::randomParameters(config, 3));
        TrainingOptions o;
        o.steps = 1;
        o.gradAccumulation = k;
        o.maxGradNorm = 0; // the raw gradients
        o.reportLatency = false;
        std::map<std::string, at::Tensor> grads;
        train(model, batches, {}, o, defaultLoss(model), {}, [&](int) {
            for (const auto &[name, t] : model.parameters())
                if (t.grad().defined())
                    grads[name] = t.grad().clone();
        });
        return grads;
    };
    const auto one = gradientsOf(big, 1);
    const auto two = gradientsOf(small, 2);
    ASSERT_EQ(one.size(), two.size());
    // Relative to each tensor's scale, but not below a millionth of the largest gradient: the
    // key biases' true gradient is zero (softmax ignores a shift shared by a row's scores), so
    // theirs is rounding noise.
    double largest = 0;
    for (const auto &[name, g] : one)
        largest = std::max(largest, g.abs().max().item<double>());
    for (const auto &[name, g] : one) {
        const double scale = std::max(g.abs().max().item<double>(), 1e-6 * largest);
        EXPECT_LE((two.at(name) - g).abs().max().item<double>() / scale, 1e-5) << name;
    }
}

TEST(Training, FrozenEmbeddingsStayBitIdentical)
{
    const auto config = smallBert();
    BertClassifier model(config, BertClassifier::randomParameters(config, 4));
    const auto before = snapshot(model);
    TrainingOptions o;
    o.steps = 3;
    o.learningRate = 1e-3;
    o.freezeEmbeddings = true;
    const auto batches = randomBatches(12, 4, 10, config.vocabSize, 6);
    const auto result = train(model, batches, batches, o, defaultLoss(model), {});
    std::int64_t frozen = 0;
    for (const auto &[name, t] : model.parameters()) {
        if (isEmbeddingParameter(name)) {
            frozen += t.numel();
            EXPECT_TRUE(at::equal(t, before.at(name))) << name;
        } else {
            EXPECT_FALSE(at::equal(t, before.at(name))) << name;
        }
    }
    EXPECT_GT(frozen, 0);
    EXPECT_EQ(metric(result.metrics, "trainable_parameters"), static_cast<double>(model.parameterCount() - frozen));
}

TEST(Training, SameSeedSameLossCurve)
{
    const auto config = smallBert();
    const auto batches = randomBatches(24, 4, 10, config.vocabSize, 7);
    auto run = [&](std::uint64_t seed) {
        BertClassifier model(config, BertClassifier::randomParameters(config, 11));
        TrainingOptions o;
        o.steps = 6;
        o.learningRate = 1e-3;
        o.seed = seed;
        o.reportLatency = false;
        return train(model, batches, {}, o, defaultLoss(model), {}).losses;
    };
    const auto a = run(1), b = run(1), c = run(2);
    ASSERT_EQ(a.size(), 6u);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c); // another seed, another batch order
}

TEST(Training, TrainedModelIsRetimedAsInference)
{
    // train() times its final evaluation with the model still trainable; timeForInference
    // replaces those figures with the plain inference form's, once each.
    const auto config = smallBert();
    const auto batches = randomBatches(16, 4, 10, config.vocabSize, 3);
    BertClassifier model(config, BertClassifier::randomParameters(config, 2));
    TrainingOptions o;
    o.steps = 2;
    auto result = train(model, batches, batches, o, defaultLoss(model), {});
    disableTraining(model);
    const auto before = result.metrics.size();
    for (auto &m : result.metrics)
        if (m.key == "latency_p50_ms")
            m.value = -1;
    timeForInference(model, batches, result.metrics);
    EXPECT_EQ(result.metrics.size(), before);
    EXPECT_GT(metric(result.metrics, "latency_p50_ms"), 0.0);
    EXPECT_GE(metric(result.metrics, "latency_p90_ms"), metric(result.metrics, "latency_p50_ms"));
    EXPECT_GT(metric(result.metrics, "throughput_tokens_s"), 0.0);
    std::vector<Measurement> fresh;
    timeForInference(model, batches, fresh);
    EXPECT_EQ(fresh.size(), 4u);
}

TEST(Training, CancelStopsBetweenSteps)
{
    const auto config = smallBert();
    BertClassifier model(config, BertClassifier::randomParameters(config, 12));
    const auto batches = randomBatches(8, 4, 10, config.vocabSize, 8);
    TrainingOptions o;
    o.steps = 50;
    int reports = 0;
    ProgressFn progress = [&](const std::string &stage, std::int64_t done, std::int64_t, const std::string &) {
        ++reports;
        return !(stage == "training" && done >= 2);
    };
    EXPECT_THROW(train(model, batches, batches, o, defaultLoss(model), progress), Cancelled);
    EXPECT_EQ(reports, 3);
}

TEST(Training, RefusesWhatItCannotRun)
{
    const auto config = smallBert();
    BertClassifier model(config, BertClassifier::randomParameters(config, 13));
    const auto batches = randomBatches(4, 4, 10, config.vocabSize, 9);
    TrainingOptions o;
    o.precision = options::Precision::AmpFp16;
    try {
        train(model, batches, {}, o, defaultLoss(model), {});
        FAIL() << "amp-fp16 on the CPU must be refused";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.precision"), std::string::npos) << e.what();
    }
    o.precision = options::Precision::Fp32;
    o.gradAccumulation = 0;
    EXPECT_THROW(train(model, batches, {}, o, defaultLoss(model), {}), EngineError);
}

TEST(LossScaler, SkipsNonFiniteStepsAndAdaptsTheScale)
{
    DynamicLossScaler scaler(1024.0, 2.0, 0.5, 3);
    auto p = at::zeros({4}).requires_grad_(true);
    (p * 2.0).sum().mul(scaler.scale()).backward();
    EXPECT_TRUE(scaler.unscale({p}));
    EXPECT_TRUE(at::allclose(p.grad(), at::full({4}, 2.0f)));
    scaler.update(true);
    EXPECT_EQ(scaler.scale(), 1024.0);

    // An overflowing backward: the step is skipped and the scale halves.
    p.mutable_grad() = at::Tensor();
    (p * 2.0).sum().backward();
    p.grad()[1] = std::numeric_limits<float>::infinity();
    EXPECT_FALSE(scaler.unscale({p}));
    scaler.update(false);
    EXPECT_EQ(scaler.scale(), 512.0);
    EXPECT_EQ(scaler.skippedSteps(), 1);
    p.grad()[1] = std::nanf("");
    EXPECT_FALSE(scaler.unscale({p}));
    scaler.update(false);
    EXPECT_EQ(scaler.scale(), 256.0);

    // Three clean steps in a row grow it again.
    for (int i = 0; i < 3; ++i)
        scaler.update(true);
    EXPECT_EQ(scaler.scale(), 512.0);
}

TEST(Training, Gpt2NextTokenLossFalls)
{
    TransformerConfig c;
    c.family = ArchitectureFamily::Gpt2;
    c.architecture = "GPT2LMHeadModel";
    c.modelType = "gpt2";
    c.vocabSize = 40;
    c.hiddenSize = 32;
    c.numLayers = 2;
    c.numHeads = 4;
    c.intermediateSize = 64;
    c.maxPositions = 16;
    c.typeVocabSize = 0;
    c.activation = "gelu_new";
    c.layerNormEps = 1e-5;
    c.numLabels = 0;
    c.hasPooler = false;
    Gpt2Model model(c, Gpt2Model::randomParameters(c, 14));
    // A learnable language: each sequence counts up from a random start.
    std::vector<std::vector<std::int64_t>> seqs;
    for (int i = 0; i < 32; ++i) {
        std::vector<std::int64_t> s;
        for (int t = 0; t < 6 + i % 8; ++t)
            s.push_back((i * 7 + t) % c.vocabSize);
        seqs.push_back(s);
    }
    const auto batches = makeBatches(seqs, {}, 8, 16, Padding::Dynamic, 0);
    TrainingOptions o;
    o.steps = 30;
    o.learningRate = 3e-3;
    o.warmupSteps = 3;
    o.checkpointEvery = 2;
    const auto result = train(model, batches, batches, o, defaultLoss(model), {});
    EXPECT_LT(result.losses.back(), result.losses.front());
    EXPECT_LT(metric(result.metrics, "eval_loss"), std::log(static_cast<double>(c.vocabSize)));
    EXPECT_GT(metric(result.metrics, "perplexity"), 1.0);
}

TEST(Training, DemoShapedModelLearnsAndSavedFolderLoadsBack)
{
    // The demo's architecture and tokenizer with fresh random weights, on demo:reviews.
    const auto config = demo::tinyBertConfig();
    BertClassifier model(config, BertClassifier::randomParameters(config, 5));
    auto batchesOf = [&](const std::string &split, std::size_t limit) {
        const auto data = loadDataset(demo::kDatasetName, split, 0);
        std::vector<std::vector<std::int64_t>> seqs;
        std::vector<int> labels;
        for (const auto &ex : data.examples) {
            if (seqs.size() >= limit)
                break;
            seqs.push_back(demo::tokenizer().encode(ex.text, 64));
            labels.push_back(ex.label);
        }
        return makeBatches(seqs, labels, 16, 64, Padding::Dynamic, 0);
    };
    const auto trainBatches = batchesOf("train", 4000);
    const auto eval = batchesOf("eval", 256);
    const auto before = evaluate(model, eval);
    TrainingOptions o;
    o.steps = 120;
    o.learningRate = 1e-3;
    o.warmupSteps = 10;
    const auto result = train(model, trainBatches, eval, o, defaultLoss(model), {});
    disableTraining(model);
    EXPECT_LT(result.finalEval.loss, before.loss);
    EXPECT_GT(result.finalEval.accuracy, before.accuracy);
    EXPECT_EQ(metric(result.metrics, "optimizer_steps"), 120.0);
    std::size_t lossPoints = 0;
    for (const auto &s : result.series)
        lossPoints += s.name == "loss";
    EXPECT_EQ(lossPoints, 120u);

    const auto dir = std::filesystem::path(OPTIBENCH_BINARY_DIR) / "test-tmp" / "trained-demo";
    std::filesystem::remove_all(dir);
    saveHfFolder(model, dir.string(), ""); // empty: the demo's word vocabulary as vocab.txt
    auto reloaded = loadModel(dir.string());
    EXPECT_EQ(reloaded.summary.format, "hf");
    EXPECT_EQ(reloaded.model->parameterCount(), model.parameterCount());
    at::NoGradGuard noGrad;
    for (const auto &b : eval) {
        EXPECT_LE(relativeError(reloaded.model->forward(b.inputIds, b.attentionMask),
                                model.forward(b.inputIds, b.attentionMask)),
                  1e-6);
    }
    // The written vocabulary tokenizes the demo's texts as the demo's word tokenizer does.
    for (const auto &ex : loadDataset(demo::kDatasetName, "eval", 0).examples)
        EXPECT_EQ(reloaded.encode(ex.text, 64), demo::tokenizer().encode(ex.text, 64)) << ex.text;
}

TEST(Benchmark, TrainingModeReportsMetricsAndSeries)
{
    RunConfig c;
    c.modelPath = "demo:tiny-bert-untrained";
    c.mode = options::Mode::Training;
    c.steps = 6;
    c.evalEvery = 3;
    c.batchSize = 8;
    c.maxLength = 32;
    c.learningRate = 1e-3;
    c.warmupSteps = 2;
    c.gradAccumulation = 2;
    c.checkpointEvery = 2;
    c.freezeEmbeddings = true;
    Benchmark bench(c, {});
    bench.prepare();
    const auto report = bench.measure();
    for (const char *key :
         {"train_loss_final", "eval_loss", "accuracy", "step_time_mean_ms", "train_throughput_tokens_s", "train_tokens",
          "optimizer_steps", "trainable_parameters", "peak_memory_bytes", "parameters", "model_bytes"})
        EXPECT_TRUE(std::isfinite(metric(report.metrics, key))) << key;
    EXPECT_EQ(metric(report.metrics, "optimizer_steps"), 6.0);
    EXPECT_LT(metric(report.metrics, "trainable_parameters"), metric(report.metrics, "parameters"));
    std::map<std::string, int> counts;
    for (const auto &s : report.series)
        ++counts[s.name];
    EXPECT_EQ(counts["loss"], 6);
    EXPECT_EQ(counts["step_time_ms"], 6);
    EXPECT_EQ(counts["memory_bytes"], 6);
    EXPECT_EQ(counts["learning_rate"], 6);
    EXPECT_EQ(counts["eval_accuracy"], 2); // after step 3 and at the end
    // The trained model then runs inference for a traced pass.
    EXPECT_GT(bench.tracedPass(2), 0);
}

TEST(Benchmark, TrainingTogglesInInferenceAreRefused)
{
    RunConfig c;
    c.gradAccumulation = 2;
    Benchmark bench(c, {});
    try {
        bench.prepare();
        FAIL() << "grad_accumulation in inference must be refused";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.grad_accumulation"), std::string::npos) << e.what();
    }
}
