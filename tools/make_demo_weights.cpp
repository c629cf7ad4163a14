// optibench-make-demo-weights: trains a built-in demo model from its random initial weights
// (demo:tiny-bert-untrained or demo:tiny-llama-untrained, fixed seeds) on the train split of
// demo:reviews with the engine's training runner, evaluates it on the eval split, and writes the
// weights that the engine library builds in as demo:tiny-bert (data/demo/tiny-bert.safetensors;
// classification loss, eval accuracy) or demo:tiny-llama (data/demo/tiny-llama.safetensors;
// next-token loss over BOS text EOS, eval perplexity). Deterministic for a given thread count:
// fixed seeds, fixed batch order. Rebuild the engine afterwards to embed the new file.
//
//   optibench-make-demo-weights --out data/demo/tiny-bert.safetensors [--steps 600] [--threads 2]
//   optibench-make-demo-weights --model tiny-llama --out data/demo/tiny-llama.safetensors [--threads 2]
#include "engine/data/batching.h"
#include "engine/formats/safetensors.h"
#include "engine/models/bert.h"
#include "engine/models/demo.h"
#include "engine/models/demo_decoder.h"
#include "engine/models/llama.h"
#include "engine/models/model_loader.h"
#include "engine/models/safetensors_torch.h"
#include "engine/run/generation.h"
#include "engine/run/perplexity.h"
#include "engine/text/dataset.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

using namespace optibench::engine;

namespace {

// Negative numbers: the model's default (Defaults below).
struct Options {
    std::string model = "tiny-bert";
    std::string out;
    int steps = -1;
    int batchSize = 32;
    int maxLength = 256; // every position the models have, so long reviews are seen in training
    double learningRate = -1;
    int warmupSteps = -1;
    int threads = 2;
    std::uint64_t seed = 0;
    bool fp16 = true; // half the file; the quality is checked after the round trip
};

struct Defaults {
    int steps;
    double learningRate;
    int warmupSteps;
};
// The classifier as it was trained first; the decoder, small and fast to fit, at a higher rate.
constexpr Defaults kBertDefaults{600, 1e-3, 60};
constexpr Defaults kLlamaDefaults{1200, 3e-3, 100};

TrainingOptions trainingOptions(const Options &o)
{
    TrainingOptions t;
    t.steps = o.steps;
    t.learningRate = o.learningRate;
    t.warmupSteps = o.warmupSteps;
    t.seed = o.seed;
    t.evalEvery = std::max(1, o.steps / 4);
    return t;
}

ProgressFn printProgress()
{
    auto lastPercent = std::make_shared<int>(-1);
    const auto start = std::chrono::steady_clock::now();
    return [lastPercent, start](const std::string &stage, std::int64_t done, std::int64_t total, const std::string &) {
        const int percent = total > 0 ? static_cast<int>(100 * done / total) : 0;
        if (stage == "training" && percent / 10 != *lastPercent / 10) {
            const auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::cerr << "training " << percent << "% (" << static_cast<int>(s) << " s)\n";
            *lastPercent = percent;
        }
        return true;
    };
}

std::map<std::string, std::string> metadataOf(const Options &o)
{
    return {{"format", "pt"},
            {"source", "optibench-make-demo-weights"},
            {"model", o.model},
            {"steps", std::to_string(o.steps)},
            {"batch_size", std::to_string(o.batchSize)},
            {"max_length", std::to_string(o.maxLength)},
            {"learning_rate", std::to_string(o.learningRate)},
            {"warmup_steps", std::to_string(o.warmupSteps)},
            {"threads", std::to_string(o.threads)},
            {"seed", std::to_string(o.seed)}};
}

// Writes the named parameters (fp16 when o.fp16) and reads the file back as the engine will
// (fp16 widened to fp32).
ParameterMap writeAndReload(const Options &o, const NativeModel &model, const std::vector<std::string> &names,
                            const std::map<std::string, std::string> &metadata)
{
    std::vector<TensorBytes> tensors;
    for (const auto &name : names) {
        const auto &tensor = model.parameters().at(name);
        tensors.push_back(toTensorBytes(name, o.fp16 ? tensor.to(at::kHalf) : tensor));
    }
    writeSafetensors(o.out, tensors, metadata);
    const auto file = SafetensorsFile::open(o.out);
    ParameterMap params;
    for (const auto &view : file.tensors())
        params.emplace(view.name, toTensor(file, view, true).to(at::kFloat));
    std::printf("wrote %s (%llu bytes, %s)\n", o.out.c_str(), static_cast<unsigned long long>(file.fileBytes()),
                o.fp16 ? "fp16" : "fp32");
    return params;
}

std::vector<Batch> bertBatches(const LoadedModel &model, const std::string &split, const Options &o)
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

void makeTinyBert(const Options &o)
{
    auto loaded = loadModel(demo::kUntrainedModelName);
    auto &model = dynamic_cast<NativeModel &>(*loaded.model);
    const auto trainBatches = bertBatches(loaded, "train", o);
    const auto eval = bertBatches(loaded, "eval", o);
    const auto result = train(model, trainBatches, eval, trainingOptions(o), defaultLoss(model), printProgress());
    disableTraining(model);
    for (const auto &s : result.series)
        if (s.name == "eval_accuracy")
            std::cerr << "step " << s.step << ": eval accuracy " << s.value << "\n";

    auto metadata = metadataOf(o);
    metadata["eval_accuracy_fp32"] = std::to_string(result.finalEval.accuracy);
    std::vector<std::string> names;
    for (const auto &entry : model.parameters())
        names.push_back(entry.first);
    const BertClassifier reloaded(demo::tinyBertConfig(), writeAndReload(o, model, names, metadata));
    const auto check = evaluate(reloaded, eval);
    std::printf("eval accuracy: %.4f trained, %.4f as stored (%lld examples)\n", result.finalEval.accuracy,
                check.accuracy, static_cast<long long>(check.examples));
}

// What the stored model writes after a prompt, greedily: a look at what it has learnt.
void printSample(const NativeModel &model, const std::string &prompt)
{
    const auto &words = demo::tokenizer();
    GenerationOptions g;
    g.maxNewTokens = 30;
    const auto out = generate(model, at::tensor(words.encodePrompt(prompt, 0), at::kLong).unsqueeze(0), {}, g);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < out.lengths.at(0); ++i)
        ids.push_back(out.tokens[0][i].item<std::int64_t>());
    std::printf("greedy continuation of \"%s\": %s\n", prompt.c_str(), words.decode(ids).c_str());
}

void makeTinyLlama(const Options &o)
{
    auto model = demo::untrainedTinyLlama();
    const auto pad = demo::tinyLlamaConfig().padTokenId;
    const auto trainSequences = demo::decoderSequences("train", o.maxLength);
    const auto evalSequences = demo::decoderSequences("eval", o.maxLength);
    // Sorted by length into batches (their order shuffled each epoch): long reviews pad little.
    const auto trainBatches = makeBatches(trainSequences, {}, o.batchSize, o.maxLength, Padding::Bucketed, o.seed, pad);
    const auto eval = makeBatches(evalSequences, {}, o.batchSize, o.maxLength, Padding::Bucketed, o.seed, pad);
    const auto untrained = perplexity(*model, eval);
    std::cerr << "untrained: eval perplexity " << untrained.perplexity() << "\n";

    const auto result = train(*model, trainBatches, eval, trainingOptions(o), defaultLoss(*model), printProgress());
    disableTraining(*model);
    for (const auto &s : result.series)
        if (s.name == "eval_loss")
            std::cerr << "step " << s.step << ": eval perplexity " << std::exp(s.value) << "\n";
    const auto trained = perplexity(*model, eval);

    auto metadata = metadataOf(o);
    metadata["eval_perplexity_fp32"] = std::to_string(trained.perplexity());
    std::vector<std::string> names; // lm_head is tied to the embeddings: stored once
    for (const auto &shape : LlamaModel::parameterShapes(model->config()))
        names.push_back(shape.first);
    const LlamaModel reloaded(demo::tinyLlamaConfig(), writeAndReload(o, *model, names, metadata));
    const auto check = perplexity(reloaded, eval);
    std::printf("eval perplexity: %.3f untrained, %.3f trained, %.3f as stored (%lld tokens predicted)\n",
                untrained.perplexity(), trained.perplexity(), check.perplexity(), static_cast<long long>(check.tokens));
    printSample(reloaded, "the battery");
}

int usage(const char *argv0)
{
    std::cerr << "usage: " << argv0
              << " --out FILE [--model tiny-bert|tiny-llama] [--steps N] [--batch-size N] [--lr X] [--warmup-steps N]"
                 " [--threads N] [--seed N] [--fp32]\n";
    return 2;
}

bool parse(int argc, char **argv, Options &o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--model" && hasValue)
            o.model = argv[++i];
        else if (a == "--out" && hasValue)
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
            return false;
    }
    if (o.model != "tiny-bert" && o.model != "tiny-llama")
        return false;
    const Defaults &d = o.model == "tiny-llama" ? kLlamaDefaults : kBertDefaults;
    if (o.steps < 0)
        o.steps = d.steps;
    if (o.learningRate < 0)
        o.learningRate = d.learningRate;
    if (o.warmupSteps < 0)
        o.warmupSteps = d.warmupSteps;
    return !o.out.empty() && o.steps >= 1 && o.batchSize >= 1 && o.threads >= 1;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    if (!parse(argc, argv, o))
        return usage(argv[0]);
    try {
        at::set_num_threads(o.threads);
        at::manual_seed(static_cast<std::int64_t>(o.seed));
        if (o.model == "tiny-llama")
            makeTinyLlama(o);
        else
            makeTinyBert(o);
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "optibench-make-demo-weights: " << e.what() << "\n";
        return 1;
    }
}
