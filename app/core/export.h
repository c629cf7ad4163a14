#pragma once
// Exports of runs (CSV for spreadsheets, JSON bundles for moving runs between stores) and the
// import of bundles. Neither Qt nor LibTorch.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace optibench::core {

class Store;

constexpr const char *kBundleFormat = "optibench-bundle";
// 2: each run carries its uuid, which import keys on. Version 1 bundles still import (their
// runs get new uuids, so importing one twice adds its runs twice).
constexpr int kBundleVersion = 2;

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

// A bundle and the name its errors are reported under (its file; empty: none).
struct NamedBundle {
    std::string name;
    nlohmann::json bundle;
};

struct ImportResult {
    std::vector<std::int64_t> added; // new run ids, in bundle order
    std::size_t alreadyStored = 0;   // runs whose uuid the store held already
};

// Adds the bundles' runs to `store` as new runs (new ids, nothing overwritten), except those
// whose uuid the store holds already: importing the same bundles again adds nothing. A model
// row is matched by (source, sha256) or added. A baseline inside the bundle is re-linked (also
// to a run that was stored already); one outside it is dropped; so are an interleaved group's
// members outside it (environment.interleave.runs). Every bundle is checked before the first
// run is written (BundleError names the bundle and the JSON path), and all are written in one
// transaction: a failure leaves the store as it was.
ImportResult importBundles(Store &store, const std::vector<NamedBundle> &bundles);
// One bundle: the new run ids.
std::vector<std::int64_t> importBundle(Store &store, const nlohmann::json &bundle);

} // namespace optibench::core
