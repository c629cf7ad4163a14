#pragma once
// Exports of runs (CSV for spreadsheets, JSON bundles for moving runs between stores) and the
// import of bundles. Neither Qt nor LibTorch.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace optibench::core {

class Store;

constexpr const char *kBundleFormat = "optibench-bundle";
constexpr int kBundleVersion = 1;

// A bundle that cannot be imported; what() names the JSON path and the problem.
class BundleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a
// quote or a line break. Every CSV the project writes (runs, chart data) quotes through it.
std::string csvField(const std::string &s);

// One row per run: id, name, model, status, created (UTC, ISO 8601), toggles (describeToggles),
// mode, precision, quantization, pruning, padding, then one column per metric key (the union
// over the runs, sorted). Fields are quoted as RFC 4180 asks.
std::string exportRunsCsv(const Store &store, const std::vector<std::int64_t> &runIds);

// {"format": "optibench-bundle", "version": 1, "runs": [{"model", "run", "metrics", "series",
// "trace_columns", "trace"}]}. The trace is a list of arrays in trace_columns order.
nlohmann::json exportBundle(const Store &store, const std::vector<std::int64_t> &runIds);

// Adds the bundle's runs to `store` as new runs (new ids, nothing overwritten); a model row is
// matched by (source, sha256) or added. A baseline inside the bundle is re-linked; one outside
// it is dropped; so are an interleaved group's members (environment.interleave.runs). Returns the new run ids in bundle order. The whole bundle is checked before the
// first run is written; each run is then written in its own transaction.
std::vector<std::int64_t> importBundle(Store &store, const nlohmann::json &bundle);

} // namespace optibench::core
