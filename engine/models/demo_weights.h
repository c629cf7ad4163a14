#pragma once
// The trained demo model's safetensors bytes, built into the engine library (see
// engine/models/demo_weights.cpp). No LibTorch here.
#include <cstddef>
#include <cstdint>

namespace optibench::engine::demo {

struct EmbeddedWeights {
    const std::uint8_t *data = nullptr; // null when the build had no data/demo/tiny-bert.safetensors
    std::size_t size = 0;
    const char *sha256 = ""; // of the embedded file, hex
};

EmbeddedWeights trainedWeights();

} // namespace optibench::engine::demo
