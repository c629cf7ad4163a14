#pragma once
// What one benchmark run holds between its stages (engine/run/benchmark.h's Impl): the
// configuration, the loaded model and its batches, the baseline's outputs and what the
// optimizations did. Shared by the run's stages in engine/run; not part of the engine's face.
#include "engine/data/batching.h"
#include "engine/formats/progress.h"
#include "engine/models/model_loader.h"
#include "engine/optimize/prune.h"
#include "engine/run/run_config.h"
#include "engine/train/distill.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace optibench::engine {

struct RunState {
    RunConfig config;
    Progress progress;
    LoadedModel loaded;
    Model *model = nullptr; // loaded.model, or what an optimization wrapped it in
    bool languageModel = false;
    bool labelled = false;
    at::Device device{at::kCPU};
    std::vector<Batch> batches;           // the measured (inference) or evaluated (training) split
    std::vector<Batch> trainBatches;      // training: the train split
    std::unique_ptr<Distiller> distiller; // training with optimizations.distillation
    // Quality outputs of the unoptimized fp32 model per batch index (classifier logits, or a
    // language model's sampled next-token logits); empty when no optimization changed the model
    // (then the measured outputs are the baseline's, and agreement is 1 by definition).
    std::map<std::size_t, at::Tensor> baselineLogits;
    bool modelAltered = false;
    // The batches inference scores quality on (computeBaseline chooses them from task.quality):
    // the timed ones, or every batch of the split.
    std::set<std::size_t> qualityBatches;
    // task.quality auto scores the whole split when the fp32 model passes over it within this.
    static constexpr double kCheapQualitySeconds = 10;
    // What pruning did; its masks are re-applied after every optimizer step when training.
    PruningResult pruning;
    std::int64_t modelBytesBaseline = 0; // modelBytes() before the optimizations
    // Generation (engine/run/generation_pass.h): the prompts [B, prompt_length] and the fp32
    // baseline's greedy tokens after them, which greedy agreement compares with.
    at::Tensor prompts;
    at::Tensor baselineTokens;
    bool prepared = false;

    // Positions per sequence whose next-token distributions are compared with the baseline:
    // enough to see a change, few enough that a 50k vocabulary fits in memory.
    static constexpr int kLmSamplesPerSequence = 4;

    bool training() const { return config.mode == options::Mode::Training; }
    bool generation() const { return config.mode == options::Mode::Generation; }
    std::size_t warmupBatch(int i) const { return static_cast<std::size_t>(i) % batches.size(); }
    std::size_t timedBatch(int i) const { return static_cast<std::size_t>(config.warmup + i) % batches.size(); }
    std::set<std::size_t> timedBatchSet() const;
    // The model's outputs for batch `index`, in fp32 (a bf16/fp16 model's are cast back).
    at::Tensor run(std::size_t index) const;
    // What agreement and KL compare: logits [B, C], or next-token logits at sampled positions.
    at::Tensor qualityOutputs(std::size_t index, const at::Tensor &out) const;
    // The native model, or EngineError naming `field` and what it needs one for.
    NativeModel &native(const std::string &field, const std::string &what) const;

    void selectDevice();
    void loadModel();
    // optimizations.distillation: the student replaces the loaded model and the teacher loads.
    void loadStudentAndTeacher();
    void loadData(const std::string &split, std::vector<Batch> &out);
    // A few batches of the training split (distinct from the measured eval batches), for
    // calibrating quantization observers.
    std::vector<Batch> calibrationBatches(int count) const;
    // Chooses qualityBatches and computes the fp32 baseline's outputs on them, before any
    // optimization changes the model.
    void computeBaseline();
    // Whether the fp32 model passes over the whole split within kCheapQualitySeconds, from its
    // time over the timed batches.
    bool splitPassIsCheap();
};

} // namespace optibench::engine
