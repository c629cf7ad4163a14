#pragma once
// The training runner: fine-tunes a native model (engine/models/model.h) over batches with AdamW, a
// linear warm-up then linear decay of the learning rate, gradient accumulation, gradient
// checkpointing, frozen embeddings and mixed precision, and reports the training metrics and
// series (loss, step_time_ms, memory_bytes, learning_rate, eval_accuracy, loss_scale).
//
// train() takes the loss as a callback, so distillation, quantization-aware training and other
// objectives reuse the loop: the callback runs the forward pass of one micro-batch and returns
// its mean loss. Runs are reproducible: the same seed gives the same batch order and the same
// loss curve (on the same machine and thread count).
#include "engine/data/batching.h"
#include "engine/formats/errors.h"
#include "engine/measure/report.h"
#include "engine/models/model.h"
#include "engine/train/qat.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace optibench::engine {

struct TrainingOptions {
    int steps = 100;            // optimizer steps
    int evalEvery = 0;          // evaluate every N optimizer steps (0: only at the end)
    double learningRate = 5e-5; // peak learning rate
    int warmupSteps = 10;       // linear warm-up from lr/warmup to lr, then linear decay
    double weightDecay = 0.01;  // AdamW's; biases and LayerNorm parameters get none
    double maxGradNorm = 1.0;   // gradient clipping by global norm (0: off), as Hugging Face's Trainer
    int gradAccumulation = 1;   // micro-batches per optimizer step, each loss scaled by 1/k
    int checkpointEvery = 0;    // gradient checkpointing of every k-th layer (0: off)
    bool freezeEmbeddings = false;
    // fp32; amp-bf16 (autocast to bf16: CPU or CUDA); amp-fp16 (CUDA autocast with the dynamic
    // loss scaler, engine/train/loss_scale.h).
    options::Precision precision = options::Precision::Fp32;
    std::uint64_t seed = 0;
    bool reportLatency = true; // time the final evaluation's forward passes as inference latency
    // Quantization-aware training (engine/train/qat.h): every Linear trains as a FakeQuantLinear over
    // the model's parameters (straight-through gradients), its observer running on the training
    // batches and frozen while evaluating. At the end the fake-quant model is evaluated, converted
    // to dynamic int8 (convertQat) and evaluated again; the int8 model is the one whose accuracy,
    // latency and size are reported. fp32 on the CPU only (the int8 kernels are the CPU's).
    bool quantizationAware = false;
    QatOptions qat;
};

// The learning rate of optimizer step `step` (0-based) of `steps`: (step + 1) / warmup of the
// peak during warm-up, then decaying linearly to peak / (steps - warmup) at the last step.
double learningRateAt(int step, int steps, int warmupSteps, double peak);

// Loss of one micro-batch: a scalar, the mean over its examples (or predicted tokens), computed
// with gradients on.
using LossFn = std::function<at::Tensor(const Batch &batch)>;
// Runs after every optimizer step (1-based), e.g. to re-apply pruning masks.
using StepHook = std::function<void(int step)>;

// Cross-entropy of classifier logits [B, C] against labels [B].
at::Tensor classificationLoss(const at::Tensor &logits, const at::Tensor &labels);
// Next-token loss of language-model logits [B, S, V]: position t predicts token t + 1 where both
// are real (mask 1); mean over the predicted tokens.
at::Tensor nextTokenLoss(const at::Tensor &logits, const at::Tensor &ids, const at::Tensor &mask);
// The model's own objective: classificationLoss for classifiers, nextTokenLoss for language models.
LossFn defaultLoss(const Model &model);

// The training fields' ranges (options/ranges.h): steps, eval_every, learning rate, warm-up
// steps, accumulation and checkpointing. Throws EngineError naming the first field out of range.
void requireTrainingRanges(const TrainingOptions &options);

// Embedding parameters (word, position, token type, their LayerNorm; GPT-2's wte and wpe,
// which also freezes the lm_head tied to wte).
bool isEmbeddingParameter(const std::string &name);
// Parameters AdamW applies weight decay to: everything but biases and LayerNorm.
bool decays(const std::string &name);

// Makes the model trainable: each parameter tensor (tied ones once) a leaf that requires a
// gradient unless frozen, every Linear an autograd-capable fp32 op (engine/kernels/autograd_ops.h) or,
// with options.quantizationAware, a FakeQuantLinear (fake-quant Linears the model already holds
// over its current parameters are kept with their observers, others are inserted fresh), and
// checkpointing set. Call after the optimizations that rebuild Linears or edit shapes.
// Returns the trainable parameters by name (a tied tensor under its first name).
std::vector<std::pair<std::string, at::Tensor>> enableTraining(NativeModel &model, const TrainingOptions &options);
// Back to inference: no parameter requires a gradient, plain fp32 Linears, no checkpointing.
// Linears converted to int8 by quantization-aware training (all of them dynamic-int8) are kept.
void disableTraining(NativeModel &model);

struct Evaluation {
    double loss = 0;      // mean over examples (classifier) or predicted tokens (LM)
    double accuracy = -1; // classifiers: share of argmax == label; -1 for language models
    std::int64_t examples = 0;
    std::int64_t tokens = 0;       // real tokens read
    std::vector<double> latencyMs; // per batch forward time
    at::Tensor predictions;        // classifiers: the argmax class per example in batch order (int64, CPU)
};
// The model's loss and accuracy over the batches, without gradients.
Evaluation evaluate(const Model &model, const std::vector<Batch> &batches);

struct TrainingResult {
    std::vector<Measurement> metrics;
    std::vector<SeriesSample> series;
    std::vector<double> losses; // per optimizer step (skipped fp16 steps included)
    Evaluation finalEval;
};

// Trains `model` for options.steps optimizer steps over trainBatches (cycled, in an order
// shuffled by the seed each epoch), evaluates on evalBatches every evalEvery steps and at the
// end. Progress is reported per step under stage "training" (and "evaluating"); a false return
// cancels between steps (throws Cancelled). The model stays trainable afterwards; call
// disableTraining to run it for inference. With options.quantizationAware the model ends
// converted to int8 for inference instead (finalEval is then the int8 model's, and the metrics
// add eval_loss_fake_quant, accuracy_fake_quant and agreement_fake_quant, the share of eval
// examples on which the int8 and the fake-quant model predict the same class, or
// perplexity_fake_quant for a language model; the eval_* series stay the fake-quant model's).
// Throws EngineError naming the spec field for
// settings it cannot run.
TrainingResult train(NativeModel &model, const std::vector<Batch> &trainBatches, const std::vector<Batch> &evalBatches,
                     const TrainingOptions &options, const LossFn &loss, const ProgressFn &progress,
                     const StepHook &afterStep = {});

// Times the model's forward passes over the batches under InferenceMode, as an inference run
// (and a distillation's teacher) are timed, and sets latency_p50_ms, latency_p90_ms,
// latency_mean_ms and throughput_tokens_s in `metrics` (replacing train()'s, which timed the
// model in its training form). Call after disableTraining.
void timeForInference(const Model &model, const std::vector<Batch> &batches, std::vector<Measurement> &metrics);

} // namespace optibench::engine
