#pragma once
// Batches of token sequences under the padding strategies, with exact token accounting:
//   fixed     every batch padded to max_length
//   dynamic   each batch padded to its longest sequence (dataset order kept)
//   bucketed  sequences sorted by length (over the whole split by default, or within chunks of
//             a number of batches), batched, the batch order shuffled with the seed: batches hold
//             similar lengths but training still sees them in a mixed order
#include "options/values.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

using Padding = options::Padding; // its names: options/values.h

struct Batch {
    at::Tensor inputIds;              // int64 [B, S]
    at::Tensor attentionMask;         // int64 [B, S], 1 token, 0 padding
    at::Tensor labels;                // int64 [B]
    at::Tensor tokenTypeIds;          // int64 [B, S] segment ids of text pairs (attachSegments); undefined: none
    std::vector<std::size_t> indices; // positions of the examples in the source
    std::int64_t realTokens = 0;      // non-padding tokens
    std::int64_t paddedTokens = 0;    // B * S: every position computed, padding included
};

// Sequences longer than maxLength are truncated to it. labels may be empty (then zeros).
// bucketChunk (bucketed only): sequences sorted within chunks of this many batches; 0 sorts the
// whole split, which pads least (on the demo eval split at batch 8 and length 128: 2.2% over the
// real tokens, against 5.7% for chunks of 50 batches).
std::vector<Batch> makeBatches(const std::vector<std::vector<std::int64_t>> &sequences, const std::vector<int> &labels,
                               int batchSize, int maxLength, Padding padding, std::uint64_t seed,
                               std::int64_t padId = 0, int bucketChunk = 0);

// Gives every batch its segment ids: for example i (Batch::indices), positions from
// secondSegmentStart[i] up to its last real token are 1 (the second text of a pair, its
// separator included, as BERT's tokenizers set token_type_ids), the rest 0. A start < 0 means
// a single text. Throws std::invalid_argument when the vector does not cover the batches.
void attachSegments(std::vector<Batch> &batches, const std::vector<std::int64_t> &secondSegmentStart);

} // namespace optibench::engine
