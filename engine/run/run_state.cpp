// The run's state and its loading stages. See engine/run/run_state.h.
#include "engine/run/run_state.h"
#include "engine/kernels/compat.h"
#include "engine/measure/environment.h"
#include "engine/measure/metrics.h"
#include "engine/run/run_batches.h"
#include "engine/run/run_options.h"
#include "engine/text/dataset.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>

namespace optibench::engine {

std::set<std::size_t> RunState::timedBatchSet() const
{
    std::set<std::size_t> s;
    for (int i = 0; i < config.iterations; ++i)
        s.insert(timedBatch(i));
    return s;
}

at::Tensor RunState::run(std::size_t index) const
{
    const auto &b = batches[index];
    auto out = model->forward(b.inputIds, b.attentionMask, b.tokenTypeIds);
    // A bf16/fp16 model's outputs are cast back to fp32 for the quality metrics.
    return out.is_floating_point() && out.scalar_type() != at::kFloat ? out.to(at::kFloat) : out;
}

at::Tensor RunState::qualityOutputs(std::size_t index, const at::Tensor &out) const
{
    if (languageModel)
        return nextTokenSamples(out, batches[index].attentionMask, kLmSamplesPerSequence);
    return out.to(at::kFloat).cpu();
}

NativeModel &RunState::native(const std::string &field, const std::string &what) const
{
    auto *native = dynamic_cast<NativeModel *>(model);
    if (!native)
        throw EngineError(field + ": " + what + "; " + config.modelPath + " is a " + loaded.summary.format + " model");
    return *native;
}

void RunState::selectDevice()
{
    if (!options::isCudaDevice(config.device))
        return;
    try {
        device = at::Device(config.device);
    } catch (const std::exception &e) {
        throw EngineError("device: '" + config.device + "' is not a valid device: " + e.what());
    }
    const auto devices = availableDevices();
    const auto name = "cuda:" + std::to_string(device.has_index() ? device.index() : 0);
    if (std::find(devices.begin(), devices.end(), name) == devices.end())
        throw EngineError("device: '" + config.device + "' is not available on this machine");
}

void RunState::loadModel()
{
    progress("loading", 0, 1, "loading " + config.modelPath);
    loaded = engine::loadModel(config.modelPath, config.modelFormat);
    model = loaded.model.get();
    languageModel = model->isLanguageModel();
    const auto &c = model->config();
    if (c.family == ArchitectureFamily::Gpt2 && !languageModel && c.architecture == "GPT2Model")
        throw EngineError("model.path: " + config.modelPath
                          + " is a bare GPT2Model (no lm_head): neither a classifier nor a language model to "
                            "evaluate");
    if (config.maxLength > usablePositions(c))
        throw EngineError("task.max_length: " + std::to_string(config.maxLength) + " exceeds the model's "
                          + std::to_string(usablePositions(c)) + " positions");
    if (device != at::Device(at::kCPU))
        model->to(device);
    progress("loading", 1, 1,
             loaded.summary.architecture + ", " + std::to_string(loaded.summary.parameters) + " parameters");
}

void RunState::loadStudentAndTeacher()
{
    if (!config.distillation)
        return;
    // The student replaces the loaded model (its tokenizer and summary stay), before every
    // other optimization, so sharing or qat apply to the student.
    const auto dc = distillationConfig(config);
    progress("loading", 0, 1, "building the student and loading the teacher " + dc.teacher);
    if (dc.studentLayers > 0 || dc.studentHidden > 0) {
        loaded.model = makeStudent(*model, dc.studentLayers, dc.studentHidden, config.seed);
        model = loaded.model.get();
        if (device != at::Device(at::kCPU))
            model->to(device);
    }
    distiller = std::make_unique<Distiller>(dc, *model, device);
    progress("loading", 1, 1,
             "student " + std::to_string(model->config().numLayers) + " layers x "
                 + std::to_string(model->config().hiddenSize) + ", " + std::to_string(model->parameterCount())
                 + " parameters");
}

void RunState::loadData(const std::string &split, std::vector<Batch> &out)
{
    TextDataset dataset;
    try {
        dataset = loadDataset(config.dataset, split, config.seed, model->config().id2label);
    } catch (const EngineError &e) {
        const std::string what = e.what();
        throw EngineError(what.rfind("task.", 0) == 0 ? what : "task.dataset: " + what);
    }
    labelled = dataset.labelled() && !languageModel;
    if (!languageModel && !dataset.labelled())
        throw EngineError("task.dataset: " + config.dataset + " has no labels, and " + config.modelPath
                          + " is a classifier (give a .csv/.tsv/.jsonl file with a label column)");
    const int numLabels = labelled ? model->config().numLabels : 0;
    out = batchExamples(loaded, encodeExamples(loaded, dataset, config, numLabels), config, device);
    if (out.empty())
        throw EngineError("task.dataset: split '" + split + "' of " + config.dataset + " is empty");
}

std::vector<Batch> RunState::calibrationBatches(int count) const
{
    const auto train = loadDataset(config.dataset, "train", config.seed, model->config().id2label);
    const auto limit = static_cast<std::size_t>(count) * static_cast<std::size_t>(config.batchSize);
    return batchExamples(loaded, encodeExamples(loaded, train, config, 0, limit), config, device);
}

void RunState::computeBaseline()
{
    // With no optimization applied the measured model is the baseline itself; training reports
    // its own quality (eval loss, accuracy), with no baseline.
    modelAltered = !training()
        && (config.quantization != options::Quantization::None || config.precision != options::Precision::Fp32
            || config.shareLayers > 1 || config.pruningMethod != options::PruningMethod::None);
    qualityBatches = timedBatchSet();
    if (training())
        return;
    c10::InferenceMode inference;
    const bool wholeSplit = config.quality == options::QualityScope::Split
        || (config.quality == options::QualityScope::Auto && splitPassIsCheap());
    if (wholeSplit)
        for (std::size_t i = 0; i < batches.size(); ++i)
            qualityBatches.insert(i);
    if (!modelAltered) {
        progress("baseline", 1, 1, "the model is the fp32 baseline");
        return;
    }
    std::int64_t done = 0;
    const auto total = static_cast<std::int64_t>(qualityBatches.size());
    for (auto index : qualityBatches) {
        progress("baseline", done++, total, "running the fp32 baseline");
        if (!baselineLogits.count(index))
            baselineLogits.emplace(index, qualityOutputs(index, run(index)));
    }
    progress("baseline", done, done, "");
}

bool RunState::splitPassIsCheap()
{
    // The fp32 model over the timed batches, extrapolated to the split; the timed batches'
    // outputs are kept as the baseline's when an optimization will change the model.
    const auto timed = timedBatchSet();
    std::int64_t done = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (auto index : timed) {
        progress("baseline", done++, static_cast<std::int64_t>(timed.size()), "timing the fp32 model's pass");
        auto out = run(index);
        compat::synchronize(device);
        if (modelAltered)
            baselineLogits.emplace(index, qualityOutputs(index, out));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return seconds / static_cast<double>(timed.size()) * static_cast<double>(batches.size()) <= kCheapQualitySeconds;
}

} // namespace optibench::engine
