#pragma once
// The batches a run measures or trains on: a dataset's examples encoded with the loaded model's
// tokenizer (text pairs with their segment ids where the model embeds segments), batched under
// the run's padding strategy and moved to the run's device.
#include "engine/data/batching.h"
#include "engine/formats/errors.h"
#include "engine/models/model_loader.h"
#include "engine/run/run_config.h"
#include "engine/text/dataset.h"

#include <ATen/ATen.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

struct EncodedExamples {
    std::vector<std::vector<std::int64_t>> sequences;
    std::vector<int> labels;                // 0 for unlabelled examples
    std::vector<std::int64_t> secondStarts; // where a pair's second text starts; -1: a single text
};

// The first `limit` examples of the dataset (0: all), truncated to config.maxLength. Throws
// EngineError naming config.dataset and the example's line when one cannot be tokenized, and,
// when numLabels > 0, when its label is outside the model's numLabels.
EncodedExamples encodeExamples(const LoadedModel &loaded, const TextDataset &dataset, const RunConfig &config,
                               int numLabels, std::size_t limit = 0);

// Batches under config's padding; segment ids are attached when an example is a pair and the
// model embeds segments (BERT's token types; RoBERTa has one type, DistilBERT and GPT-2 none).
std::vector<Batch> batchExamples(const LoadedModel &loaded, const EncodedExamples &examples, const RunConfig &config,
                                 const at::Device &device);

} // namespace optibench::engine
