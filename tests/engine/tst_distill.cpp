// Knowledge distillation: student construction from a teacher, the combined loss and its
// gradient, the teacher's cached logits, and a real distillation of the trained demo model into
// a small student, compared with the same student trained on the hard labels alone.
#include "engine/data/batching.h"
#include "engine/models/demo.h"
#include "engine/models/model_loader.h"
#include "engine/optimize/sharing.h"
#include "engine/run/benchmark.h"
#include "engine/text/dataset.h"
#include "engine/train/distill.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <map>

using namespace optibench::engine;

namespace {

std::vector<Batch> demoBatches(const LoadedModel &model, const std::string &split, int batchSize, int maxLength,
                               std::size_t limit = 0)
{
    const auto data = loadDataset(demo::kDatasetName, split, 0, model.model->config().id2label);
    std::vector<std::vector<std::int64_t>> sequences;
    std::vector<int> labels;
    for (const auto &ex : data.examples) {
        if (limit && sequences.size() == limit)
            break;
        sequences.push_back(model.encode(ex.text, maxLength));
        labels.push_back(ex.label);
    }
    return makeBatches(sequences, labels, batchSize, maxLength, Padding::Dynamic, 0, model.padId());
}

template<typename F>
std::string errorOf(F &&f)
{
    try {
        f();
    } catch (const EngineError &e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(Distill, StudentLayersAreEvenlySpacedEndingAtTheTop)
{
    EXPECT_EQ(studentLayerSources(4, 2), (std::vector<int>{1, 3}));
    EXPECT_EQ(studentLayerSources(4, 1), (std::vector<int>{3}));
    EXPECT_EQ(studentLayerSources(4, 4), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(studentLayerSources(12, 6), (std::vector<int>{1, 3, 5, 7, 9, 11}));
    EXPECT_EQ(studentLayerSources(12, 4), (std::vector<int>{2, 5, 8, 11}));
}

TEST(Distill, StudentConfigRefusesWhatDoesNotFit)
{
    const auto t = demo::tinyBertConfig();
    EXPECT_NE(errorOf([&] { studentConfig(t, 5, 0); }).find("optimizations.distillation.student_layers"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { studentConfig(t, 0, 256); }).find("optimizations.distillation.student_hidden"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { studentConfig(t, 0, 126); }).find("attention heads"), std::string::npos);
    const auto narrow = studentConfig(t, 2, 64);
    EXPECT_EQ(narrow.numLayers, 2);
    EXPECT_EQ(narrow.hiddenSize, 64);
    EXPECT_EQ(narrow.numHeads, t.numHeads);
    EXPECT_EQ(narrow.intermediateSize, t.intermediateSize / 2);
    EXPECT_EQ(narrow.vocabSize, t.vocabSize);
}

TEST(Distill, ShallowStudentCopiesTheTeachersLayersEmbeddingsAndHead)
{
    const auto teacher = loadModel(demo::kModelName);
    const auto student = makeStudent(*teacher.model, 2, 0, 1);
    const auto &t = teacher.model->parameters();
    const auto &s = student->parameters();
    EXPECT_EQ(student->config().numLayers, 2);
    for (const auto &[layer, source] : std::vector<std::pair<int, int>>{{0, 1}, {1, 3}}) {
        for (const char *rest : {"attention.self.query.weight", "output.LayerNorm.bias", "intermediate.dense.weight"}) {
            const auto &a = s.at(layerPrefix(student->config(), layer) + rest);
            const auto &b = t.at(layerPrefix(teacher.model->config(), source) + rest);
            EXPECT_TRUE(a.equal(b)) << layer << " " << rest;
            EXPECT_NE(a.data_ptr(), b.data_ptr()) << "the student trains its own copy";
        }
    }
    for (const char *name : {"bert.embeddings.word_embeddings.weight", "bert.pooler.dense.weight", "classifier.bias"})
        EXPECT_TRUE(s.at(name).equal(t.at(name))) << name;
    EXPECT_EQ(s.count("bert.encoder.layer.2.attention.self.query.weight"), 0u);

    // Per layer the teacher has what the student lacks.
    std::int64_t perLayer = 0;
    for (const auto &[n, x] : t)
        if (n.rfind("bert.encoder.layer.0.", 0) == 0)
            perLayer += x.numel();
    EXPECT_EQ(student->parameterCount(), teacher.model->parameterCount() - 2 * perLayer);
}

TEST(Distill, NarrowStudentIsRandomAndRuns)
{
    const auto teacher = loadModel(demo::kModelName);
    const auto student = makeStudent(*teacher.model, 2, 64, 5);
    EXPECT_EQ(student->config().hiddenSize, 64);
    EXPECT_EQ(student->parameters().at("bert.embeddings.word_embeddings.weight").size(1), 64);
    const auto again = makeStudent(*teacher.model, 2, 64, 5);
    EXPECT_TRUE(student->parameters().at("classifier.weight").equal(again->parameters().at("classifier.weight")));
    auto ids = at::tensor({2, 10, 11, 12, 3}, at::kLong).unsqueeze(0);
    const auto out = student->forward(ids, at::ones_like(ids));
    EXPECT_EQ(out.sizes(), at::IntArrayRef({1, 2}));
    const auto gpt2 = loadModel(std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/gpt2-tiny");
    EXPECT_NE(errorOf([&] { makeStudent(*gpt2.model, 1, 0, 0); }).find("optimizations.distillation.teacher"),
              std::string::npos);
}

TEST(Distill, LossIsCrossEntropyPlusScaledKlWithTheRightGradient)
{
    at::manual_seed(11);
    const auto teacher = at::randn({6, 3}) * 3;
    const auto labels = at::tensor({0, 2, 1, 1, 0, 2}, at::kLong);
    auto student = (at::randn({6, 3}) * 2).requires_grad_(true);

    // alpha 0: the hard-label cross-entropy alone.
    const auto ce = at::nll_loss(at::log_softmax(student, -1), labels);
    EXPECT_NEAR(distillationLoss(student, teacher, labels, 0.0, 2.0).item<double>(), ce.item<double>(), 1e-6);
    // Identical logits: no soft-target loss.
    EXPECT_NEAR(distillationLoss(teacher, teacher, labels, 1.0, 4.0).item<double>(), 0.0, 1e-7);

    // The soft term's gradient is alpha * T * (softmax(s/T) - softmax(t/T)) / B.
    const double alpha = 0.7, T = 3.0;
    const auto soft = distillationLoss(student, teacher, labels, alpha, T)
        - at::nll_loss(at::log_softmax(student, -1), labels) * (1 - alpha);
    soft.backward();
    const auto expected =
        (at::softmax(student.detach() / T, -1) - at::softmax(teacher / T, -1)) * (alpha * T / student.size(0));
    EXPECT_TRUE(at::allclose(student.grad(), expected, 1e-5, 1e-6)) << student.grad() << expected;
    // And its value is KL(teacher || student) at temperature T, times T^2 and alpha.
    const auto pt = at::softmax(teacher / T, -1);
    const auto kl = (pt * (pt.log() - at::log_softmax(student.detach() / T, -1))).sum(-1).mean();
    EXPECT_NEAR(soft.item<double>(), kl.item<double>() * alpha * T * T, 1e-5);
}

TEST(Distill, TeacherLogitsAreComputedOncePerBatch)
{
    const auto teacher = loadModel(demo::kModelName);
    const auto batches = demoBatches(teacher, "train", 8, 64, 24);
    TeacherLogits logits(*teacher.model);
    const auto first = logits(batches[0]).clone();
    logits(batches[1]);
    const auto again = logits(batches[0]);
    EXPECT_EQ(logits.cached(), 2u);
    EXPECT_TRUE(first.equal(again));
    EXPECT_FALSE(again.requires_grad());
    EXPECT_TRUE(again.equal(teacher.model->forward(batches[0].inputIds, batches[0].attentionMask)));
}

// Measured with optibench-cli (seeds 0, 1, 2; 300 steps, batch 8, lr 1e-3, 2 threads): the demo
// teacher (4 x 128, eval accuracy 0.777, eval loss 0.528) is weaker than the 2 x 64 student
// trained on the labels alone (accuracy 0.802-0.821, eval loss 0.463-0.492), so soft targets
// do not lift accuracy on every seed (+0.014, +0.000, +0.032 at alpha 0.5, T 1). The eval loss
// is lower on every seed: by 0.0108, 0.0094 and 0.0533. The test runs seed 0 and asks for half
// the smallest of those margins.
TEST(Distill, NarrowStudentHasALowerEvalLossWithTheTeacherThanFromTheLabelsAlone)
{
    at::set_num_threads(2);
    const auto teacher = loadModel(demo::kModelName);
    const auto trainBatches = demoBatches(teacher, "train", 8, 128);
    const auto evalBatches = demoBatches(teacher, "eval", 32, 128);
    const std::uint64_t seed = 0;
    auto trainStudent = [&](double alpha) {
        auto student = makeStudent(*teacher.model, 2, 64, seed);
        Distiller distiller({demo::kModelName, 2, 64, alpha, 1.0}, *student, at::Device(at::kCPU));
        TrainingOptions o;
        o.steps = 300;
        o.learningRate = 1e-3;
        o.seed = seed;
        o.reportLatency = false;
        return train(*student, trainBatches, evalBatches, o, distiller.loss(*student), {}).finalEval;
    };
    const auto distilled = trainStudent(0.5);
    const auto alone = trainStudent(0.0); // the same student, seed and batch order; hard labels only
    EXPECT_LT(distilled.loss, alone.loss - 0.005) << distilled.loss << " vs " << alone.loss;
    EXPECT_GE(distilled.accuracy, alone.accuracy) << distilled.accuracy << " vs " << alone.accuracy;
    // The student is no copy of the teacher: it must have learned the task on its own terms.
    EXPECT_GT(distilled.accuracy, 0.777);
}
