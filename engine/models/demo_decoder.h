#pragma once
// The built-in demo decoder "demo:tiny-llama": a Llama-architecture language model (grouped-query
// attention, SwiGLU, RMSNorm, rotary positions, tied head; its shape is kTinyLlama in
// engine/formats/demo_architecture.h) over the demo word vocabulary (engine/text/demo_text.h),
// with [CLS] as BOS, [SEP] as EOS and [PAD] as padding. Its weights were trained on the train
// split of demo:reviews with next-token loss (tools/make_demo_weights.cpp --model tiny-llama)
// and are built into the engine library from data/demo/tiny-llama.safetensors, so its
// perplexity on the eval split is meaningful. "demo:tiny-llama-untrained" is the same
// architecture with random weights from a fixed seed (what the trained model started from).
//
// Prompts are encoded as BOS and the words, without EOS, so generation continues the text;
// training and evaluation sequences are BOS text EOS (decoderSequences), so the model learns
// where a review ends. No LibTorch in this header.
#include "engine/formats/transformer_config.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace optibench::engine {
class NativeModel;
}

namespace optibench::engine::demo {

inline constexpr const char *kDecoderName = "demo:tiny-llama";
inline constexpr const char *kUntrainedDecoderName = "demo:tiny-llama-untrained";
inline constexpr std::uint64_t kDecoderSeed = 20240601;

// demo:tiny-llama or demo:tiny-llama-untrained.
bool isDecoderName(const std::string &path);
TransformerConfig tinyLlamaConfig();
// Whether this build embeds data/demo/tiny-llama.safetensors.
bool haveTrainedDecoderWeights();
// The trained model; throws EngineError when the build has no trained weights.
std::unique_ptr<NativeModel> trainedTinyLlama();
// Random weights from kDecoderSeed (LlamaModel::randomParameters).
std::unique_ptr<NativeModel> untrainedTinyLlama();
// The split ("train" or "eval") of demo:reviews as the decoder's sequences: BOS text EOS, each
// truncated to maxLength tokens (0: the model's positions).
std::vector<std::vector<std::int64_t>> decoderSequences(const std::string &split, int maxLength = 0);

} // namespace optibench::engine::demo
