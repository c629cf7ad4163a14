#pragma once
// What a loaded model is, as the model panel, `optibench-cli inspect` and a run's record show
// it. No LibTorch in this header.
#include <cstdint>
#include <string>

namespace optibench::engine {

struct ModelSummary {
    std::string source;
    std::string format; // hf | torchscript | demo
    std::string architecture;
    int layers = 0, hidden = 0, heads = 0, intermediate = 0, vocab = 0, maxPositions = 0, numLabels = 0;
    std::int64_t parameters = 0;
    std::int64_t sizeOnDiskBytes = 0;
    std::int64_t memoryBytes = 0;
    std::string dtype;
    std::string tokenizer; // wordpiece | bpe | none
    std::string sha256;
    std::string note; // what the user should know, e.g. "randomly initialised (not trained)"
};

} // namespace optibench::engine
