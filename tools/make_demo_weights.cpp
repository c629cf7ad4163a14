// optibench-make-demo-weights: trains the built-in demo model (demo:tiny-bert-untrained, random
// weights from a fixed seed) on the train split of demo:reviews with the engine's training
// runner, evaluates it on the eval split, and writes the weights that the engine library builds
// in as demo:tiny-bert (data/demo/tiny-bert.safetensors). Deterministic for a given thread
// count: fixed seeds, fixed batch order. Rebuild the engine afterwards to embed the new file.
//
//   optibench-make-demo-weights --out data/demo/tiny-bert.safetensors [--steps 600] [--threads 2]
#include "engine/data/batching.h"
#include "engine/formats/safetensors.h"
#include "engine/models/bert.h"
#include "engine/models/demo.h"
#include "engine/models/model_loader.h"
#include "engine/models/safetensors_torch.h"
#include "engine/text/dataset.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

using namespace optibench::engine;

namespace {

struct Options {
    std::string out;
    int steps = 600;
    int batchSize = 32;
    int maxLength = 256; // every position the model has, so long reviews are seen in training
    double learningRate = 1e-3;
    int warmupSteps = 60;
    int threads = 2;
    std::uint64_t seed = 0;
    bool fp16 = true; // half the file; the accuracy is checked after the round trip
};

std::vector<Batch> batchesOf(const LoadedModel &model, const std::string &split, const Options &o)
{
    const auto data = loadDataset(demo::kDatasetName, split, o.seed, model.model->config().id2label);
    std::vector<std::vector<std::int64_t>> sequences;
    std::vector<int> labels;
    for (const auto &ex : data.examples) {
        sequences.push_back(model.encode(ex.text, o.maxLength));
        labels.push_back(ex.label);
    }
    return makeBatches(sequences, labels, o.batchSize, o.maxLength, Padding::Dynamic, o.seed, model.padId());
}

int usage(const char *argv0)
{
    std::cerr << "usage: " << argv0
              << " --out FILE [--steps N] [--batch-size N] [--lr X] [--warmup-steps N] [--threads N] [--seed N]"
                 " [--fp32]\n";
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--out" && hasValue)
            o.out = argv[++i];
        else if (a == "--steps" && hasValue)
            o.steps = std::atoi(argv[++i]);
        else if (a == "--batch-size" && hasValue)
            o.batchSize = std::atoi(argv[++i]);
        else if (a == "--lr" && hasValue)
            o.learningRate = std::atof(argv[++i]);
        else if (a == "--warmup-steps" && hasValue)
            o.warmupSteps = std::atoi(argv[++i]);
        else if (a == "--threads" && hasValue)
            o.threads = std::atoi(argv[++i]);
        else if (a == "--seed" && hasValue)
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--fp32")
            o.fp16 = false;
        else
            return usage(argv[0]);
    }
    if (o.out.empty() || o.steps < 1 || o.batchSize < 1 || o.threads < 1)
        return usage(argv[0]);

    try {
        at::set_num_threads(o.threads);
        at::manual_seed(static_cast<std::int64_t>(o.seed));
        auto loaded = loadModel(demo::kUntrainedModelName);
        auto &model = dynamic_cast<NativeModel &>(*loaded.model);
        const auto trainBatches = batchesOf(loaded, "train", o);
        const auto eval = batchesOf(loaded, "eval", o);

        TrainingOptions t;
        t.steps = o.steps;
        t.learningRate = o.learningRate;
        t.warmupSteps = o.warmupSteps;
        t.seed = o.seed;
        t.evalEvery = std::max(1, o.steps / 4);
        int lastPercent = -1;
        auto progress = [&](const std::string &stage, std::int64_t done, std::int64_t total, const std::string &) {
            const int percent = total > 0 ? static_cast<int>(100 * done / total) : 0;
            if (stage == "training" && percent / 10 != lastPercent / 10) {
                std::cerr << "training " << percent << "%\n";
                lastPercent = percent;
            }
            return true;
        };
        const auto result = train(model, trainBatches, eval, t, defaultLoss(model), progress);
        disableTraining(model);
        for (const auto &s : result.series)
            if (s.name == "eval_accuracy")
                std::cerr << "step " << s.step << ": eval accuracy " << s.value << "\n";

        std::vector<TensorBytes> tensors;
        for (const auto &[name, tensor] : model.parameters())
            tensors.push_back(toTensorBytes(name, o.fp16 ? tensor.to(at::kHalf) : tensor));
        const std::map<std::string, std::string> metadata{{"format", "pt"},
                                                          {"source", "optibench-make-demo-weights"},
                                                          {"steps", std::to_string(o.steps)},
                                                          {"batch_size", std::to_string(o.batchSize)},
                                                          {"max_length", std::to_string(o.maxLength)},
                                                          {"learning_rate", std::to_string(o.learningRate)},
                                                          {"warmup_steps", std::to_string(o.warmupSteps)},
                                                          {"threads", std::to_string(o.threads)},
                                                          {"seed", std::to_string(o.seed)},
                                                          {"eval_accuracy_fp32",
                                                           std::to_string(result.finalEval.accuracy)}};
        writeSafetensors(o.out, tensors, metadata);

        // The file as the engine will read it (fp16 widened to fp32), evaluated again.
        const auto file = SafetensorsFile::open(o.out);
        ParameterMap params;
        for (const auto &view : file.tensors())
            params.emplace(view.name, toTensor(file, view, true).to(at::kFloat));
        const BertClassifier reloaded(demo::tinyBertConfig(), params);
        const auto check = evaluate(reloaded, eval);
        std::printf("wrote %s (%llu bytes, %s)\neval accuracy: %.4f trained, %.4f as stored (%lld examples)\n",
                    o.out.c_str(), static_cast<unsigned long long>(file.fileBytes()), o.fp16 ? "fp16" : "fp32",
                    result.finalEval.accuracy, check.accuracy, static_cast<long long>(check.examples));
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "optibench-make-demo-weights: " << e.what() << "\n";
        return 1;
    }
}
