#pragma once
// The datasets a run reads: the built-in demo:reviews, and files:
//   .csv / .tsv   a header row naming `text`, `label` and optionally `text_pair` columns
//                 (CSV with RFC 4180 quoting, TSV split on tabs)
//   .jsonl        one JSON object per line with the same keys
//   .txt          plain text for language modelling: one example per non-empty line
// Labels are integers or names (mapped through the model's id2label when it knows them all,
// else numbered in sorted order). Files are split into train (90%) and eval (10%) by a shuffle
// from the seed, so the same seed gives the same split everywhere. Errors name the file and
// line. Plain C++, no LibTorch.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace optibench::engine {

struct DatasetExample {
    std::string text;
    std::string pair; // text_pair; empty when absent
    int label = -1;   // -1: unlabelled (language modelling)
    int line = 0;     // where it starts in the file (1-based); 0 for built-in data
};

struct TextDataset {
    std::string name;
    std::vector<DatasetExample> examples;
    std::vector<std::string> labelNames; // index = label id; empty for unlabelled data
    bool labelled() const { return !labelNames.empty(); }
};

// `name`: demo:reviews or a file path; `split`: train, eval (validation and test read eval).
// `id2label`: the model's labels, to map label names. Throws EngineError.
TextDataset loadDataset(const std::string &name, const std::string &split, std::uint64_t seed,
                        const std::map<int, std::string> &id2label = {});

// The whole file, unsplit (exposed for tests).
TextDataset readDatasetFile(const std::string &path, const std::map<int, std::string> &id2label = {});

// Indices 0..n-1 of one split: eval is the first 10% (at least one when n >= 2) of a
// Fisher-Yates shuffle driven by the seed, train the rest; each returned in ascending order.
std::vector<std::size_t> splitIndices(std::size_t n, const std::string &split, std::uint64_t seed);

} // namespace optibench::engine
