#pragma once
// The trained demo models' safetensors bytes (demo:tiny-bert's and demo:tiny-llama's), built into
// the engine library (see engine/models/demo_weights.cpp). No LibTorch here.
#include <cstddef>
#include <cstdint>

namespace optibench::engine::demo {

struct EmbeddedWeights {
    const std::uint8_t *data = nullptr; // null when the build had no file for the model
    std::size_t size = 0;
    const char *sha256 = ""; // of the embedded file, hex
};

enum class EmbeddedModel {
    TinyBert,  // data/demo/tiny-bert.safetensors
    TinyLlama, // data/demo/tiny-llama.safetensors
};

EmbeddedWeights embeddedWeights(EmbeddedModel model);
// demo:tiny-bert's.
inline EmbeddedWeights trainedWeights()
{
    return embeddedWeights(EmbeddedModel::TinyBert);
}

} // namespace optibench::engine::demo
