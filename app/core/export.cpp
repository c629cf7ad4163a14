#include "app/core/export.h"

#include <ctime>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "app/core/spec.h"
#include "app/core/store.h"

using nlohmann::json;

namespace optibench::core {

std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

namespace {

std::string isoTime(std::int64_t ms)
{
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string number(double v)
{
    return json(v).dump();
}

const std::vector<std::string> kTraceColumns{"kind",        "name",        "device", "lane",  "start_ns",
                                             "duration_ns", "correlation", "parent", "shapes"};

// Reads `key` of `object` with the expected type, or throws BundleError naming the path.
const json &need(const json &object, const std::string &path, const char *key, json::value_t type)
{
    if (!object.is_object() || !object.contains(key))
        throw BundleError("bundle: missing " + path + "." + key);
    const json &v = object.at(key);
    const bool ok = type == json::value_t::number_integer ? v.is_number_integer()
        : type == json::value_t::number_float             ? v.is_number()
                                                          : v.type() == type;
    if (!ok)
        throw BundleError("bundle: " + path + "." + key + " has the wrong type (" + v.type_name() + ")");
    return v;
}

std::string text(const json &o, const std::string &path, const char *key)
{
    return need(o, path, key, json::value_t::string).get<std::string>();
}

std::int64_t integer(const json &o, const std::string &path, const char *key)
{
    return need(o, path, key, json::value_t::number_integer).get<std::int64_t>();
}

double real(const json &o, const std::string &path, const char *key)
{
    return need(o, path, key, json::value_t::number_float).get<double>();
}

struct ImportedRun {
    ModelRecord model;
    bool hasModel = false;
    RunRecord run;
    RunResults results;
    std::optional<std::int64_t> oldId;
    std::optional<std::int64_t> baselineOldId; // the bundle's id of its baseline
};

ImportedRun readRun(const json &entry, const std::string &path)
{
    ImportedRun r;
    if (entry.contains("model") && !entry.at("model").is_null()) {
        const json &m = need(entry, path, "model", json::value_t::object);
        const std::string mp = path + ".model";
        r.model = {0,
                   text(m, mp, "source"),
                   text(m, mp, "format"),
                   text(m, mp, "architecture"),
                   integer(m, mp, "parameters"),
                   integer(m, mp, "size_bytes"),
                   text(m, mp, "sha256")};
        r.hasModel = true;
    }
    const json &run = need(entry, path, "run", json::value_t::object);
    const std::string rp = path + ".run";
    r.oldId = integer(run, rp, "id");
    r.run.name = text(run, rp, "name");
    r.run.notes = text(run, rp, "notes");
    r.run.createdAtMs = integer(run, rp, "created_at_ms");
    r.run.finishedAtMs = integer(run, rp, "finished_at_ms");
    const auto status = runStatusFromString(text(run, rp, "status"));
    if (!status)
        throw BundleError("bundle: " + rp + ".status is not a run status");
    r.run.status = *status;
    r.run.error = text(run, rp, "error");
    r.run.specJson = need(run, rp, "spec", json::value_t::object).dump();
    r.run.environmentJson = need(run, rp, "environment", json::value_t::object).dump();
    if (run.contains("baseline_run_id") && !run.at("baseline_run_id").is_null())
        r.run.baselineRunId = r.baselineOldId = integer(run, rp, "baseline_run_id");
    if (run.contains("uuid")) { // bundles of version 1 carry none: their runs get new ones
        r.run.uuid = text(run, rp, "uuid");
        if (r.run.uuid.empty() || r.run.uuid.size() > 64)
            throw BundleError("bundle: " + rp + ".uuid must be 1 to 64 characters");
    }

    const json &metrics = need(entry, path, "metrics", json::value_t::array);
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const std::string mp = path + ".metrics[" + std::to_string(i) + "]";
        r.results.metrics.push_back(
            {text(metrics[i], mp, "key"), real(metrics[i], mp, "value"), text(metrics[i], mp, "unit")});
    }
    const json &series = need(entry, path, "series", json::value_t::array);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const std::string sp = path + ".series[" + std::to_string(i) + "]";
        r.results.series.push_back(
            {text(series[i], sp, "name"), integer(series[i], sp, "step"), real(series[i], sp, "value")});
    }
    if (need(entry, path, "trace_columns", json::value_t::array) != json(kTraceColumns))
        throw BundleError("bundle: " + path + ".trace_columns differ from what this version reads");
    const json &trace = need(entry, path, "trace", json::value_t::array);
    r.results.trace.reserve(trace.size());
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const json &e = trace[i];
        const std::string tp = path + ".trace[" + std::to_string(i) + "]";
        auto ok = e.is_array() && e.size() == kTraceColumns.size() && e[0].is_number_integer() && e[1].is_string()
            && e[2].is_string() && e[3].is_number_integer() && e[4].is_number_integer() && e[5].is_number_integer()
            && e[6].is_number_integer() && e[7].is_number_integer() && e[8].is_string();
        if (!ok || e[0].get<std::int64_t>() < 0
            || e[0].get<std::int64_t>() > static_cast<std::int64_t>(TraceKind::Range))
            throw BundleError("bundle: " + tp + " is not an event in trace_columns order");
        TraceEventRecord ev;
        ev.kind = static_cast<TraceKind>(e[0].get<int>());
        ev.name = e[1].get<std::string>();
        ev.device = e[2].get<std::string>();
        ev.lane = e[3].get<std::int64_t>();
        ev.startNs = e[4].get<std::int64_t>();
        ev.durationNs = e[5].get<std::int64_t>();
        ev.correlation = e[6].get<std::int64_t>();
        ev.parent = e[7].get<std::int64_t>();
        ev.shapes = e[8].get<std::string>();
        r.results.trace.push_back(std::move(ev));
    }
    return r;
}

} // namespace

std::string exportRunsCsv(const Store &store, const std::vector<std::int64_t> &runIds)
{
    std::vector<RunRecord> runs;
    std::map<std::int64_t, std::map<std::string, double>> values;
    std::set<std::string> keys;
    for (std::int64_t id : runIds) {
        auto r = store.run(id);
        if (!r)
            throw StoreError(store.path() + ": no run with id " + std::to_string(id));
        runs.push_back(*r);
        for (const auto &m : store.metrics(id)) {
            values[id][m.key] = m.value;
            keys.insert(m.key);
        }
    }
    std::string out = "id,name,model,status,created,toggles,mode,precision,quantization,pruning,padding";
    for (const auto &k : keys)
        out += "," + csvField(k);
    out += "\n";
    for (const auto &r : runs) {
        const json spec = json::parse(r.specJson, nullptr, false);
        auto at = [&](const char *pointer) {
            const json::json_pointer p(pointer);
            if (spec.is_discarded() || !spec.contains(p))
                return std::string();
            const json &v = spec.at(p);
            return v.is_string() ? v.get<std::string>() : v.dump();
        };
        std::string toggles;
        try {
            toggles = describeToggles(parseSpec(spec));
        } catch (const std::exception &) {
            toggles = ""; // a spec this version cannot read: leave the label empty
        }
        std::string pruning = at("/optimizations/pruning/method");
        if (!pruning.empty() && pruning != "none")
            pruning += " " + at("/optimizations/pruning/amount");
        out += std::to_string(r.id) + "," + csvField(r.name) + "," + csvField(r.modelSource) + "," + toString(r.status)
            + "," + isoTime(r.createdAtMs) + "," + csvField(toggles) + "," + csvField(at("/task/mode")) + ","
            + csvField(at("/optimizations/precision")) + "," + csvField(at("/optimizations/quantization")) + ","
            + csvField(pruning) + "," + csvField(at("/optimizations/padding"));
        for (const auto &k : keys) {
            auto it = values[r.id].find(k);
            out += "," + (it == values[r.id].end() ? std::string() : number(it->second));
        }
        out += "\n";
    }
    return out;
}

json exportBundle(const Store &store, const std::vector<std::int64_t> &runIds)
{
    json runs = json::array();
    for (std::int64_t id : runIds) {
        auto r = store.run(id);
        if (!r)
            throw StoreError(store.path() + ": no run with id " + std::to_string(id));
        json entry;
        entry["model"] = nullptr;
        if (r->modelId != 0) {
            if (auto m = store.model(r->modelId))
                entry["model"] = {{"source", m->source},
                                  {"format", m->format},
                                  {"architecture", m->architecture},
                                  {"parameters", m->parameters},
                                  {"size_bytes", m->sizeBytes},
                                  {"sha256", m->sha256}};
        }
        auto asObject = [](const std::string &text) {
            json j = json::parse(text, nullptr, false);
            return j.is_object() ? j : json::object();
        };
        entry["run"] = {{"id", r->id},
                        {"name", r->name},
                        {"notes", r->notes},
                        {"created_at_ms", r->createdAtMs},
                        {"finished_at_ms", r->finishedAtMs},
                        {"status", toString(r->status)},
                        {"error", r->error},
                        {"spec", asObject(r->specJson)},
                        {"environment", asObject(r->environmentJson)},
                        {"baseline_run_id", r->baselineRunId ? json(*r->baselineRunId) : json(nullptr)},
                        {"uuid", r->uuid}};
        json metrics = json::array();
        for (const auto &m : store.metrics(id))
            metrics.push_back({{"key", m.key}, {"value", m.value}, {"unit", m.unit}});
        entry["metrics"] = std::move(metrics);
        json series = json::array();
        for (const auto &p : store.series(id))
            series.push_back({{"name", p.name}, {"step", p.step}, {"value", p.value}});
        entry["series"] = std::move(series);
        entry["trace_columns"] = kTraceColumns;
        json trace = json::array();
        for (const auto &e : store.traceEvents(id))
            trace.push_back(json::array({static_cast<int>(e.kind), e.name, e.device, e.lane, e.startNs, e.durationNs,
                                         e.correlation, e.parent, e.shapes}));
        entry["trace"] = std::move(trace);
        runs.push_back(std::move(entry));
    }
    return {{"format", kBundleFormat}, {"version", kBundleVersion}, {"runs", std::move(runs)}};
}

namespace {

// The environment with its interleaved group's run ids (environment.interleave.runs) as the
// store's new ids; a member the bundle did not carry is dropped, since its old id would name an
// unrelated run here. nullopt when the run was not interleaved.
std::optional<std::string> remapInterleave(const std::string &environmentJson,
                                           const std::map<std::int64_t, std::int64_t> &newIds)
{
    auto env = json::parse(environmentJson, nullptr, false);
    if (!env.is_object() || !env.contains("interleave") || !env["interleave"].is_object()
        || !env["interleave"].contains("runs") || !env["interleave"]["runs"].is_array())
        return std::nullopt;
    json runs = json::array();
    for (const auto &id : env["interleave"]["runs"]) {
        const auto it = id.is_number_integer() ? newIds.find(id.get<std::int64_t>()) : newIds.end();
        if (it != newIds.end())
            runs.push_back(it->second);
    }
    env["interleave"]["runs"] = std::move(runs);
    return env.dump();
}

} // namespace

namespace {

// The runs of one bundle, checked (readRun throws BundleError naming the JSON path).
std::vector<ImportedRun> readBundle(const json &bundle)
{
    // Checked by hand: json::value() throws type_error when "format" is not a string.
    const auto format = bundle.is_object() ? bundle.find("format") : bundle.end();
    if (!bundle.is_object() || format == bundle.end() || !format->is_string() || *format != kBundleFormat)
        throw BundleError(std::string("bundle: not an OptiBench bundle (format is not \"") + kBundleFormat + "\")");
    const std::int64_t version = integer(bundle, "", "version");
    if (version > kBundleVersion)
        throw BundleError("bundle: version " + std::to_string(version) + " is newer than this OptiBench reads ("
                          + std::to_string(kBundleVersion) + ")");
    const json &entries = need(bundle, "", "runs", json::value_t::array);
    std::vector<ImportedRun> runs;
    for (std::size_t i = 0; i < entries.size(); ++i)
        runs.push_back(readRun(entries[i], "runs[" + std::to_string(i) + "]"));
    return runs;
}

// Writes a bundle's runs that the store does not hold yet (by uuid) and re-links baselines and
// interleaved groups among the bundle's runs, those already stored included.
void writeBundle(Store &store, std::vector<ImportedRun> &runs, ImportResult &result)
{
    std::map<std::int64_t, std::int64_t> newIds; // bundle id -> store id
    std::vector<std::int64_t> ids(runs.size(), 0);
    std::vector<bool> added(runs.size(), false);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        auto &r = runs[i];
        const auto stored = r.run.uuid.empty() ? std::nullopt : store.runIdByUuid(r.run.uuid);
        if (stored) {
            ++result.alreadyStored;
            ids[i] = *stored;
        } else {
            r.run.modelId = r.hasModel ? store.upsertModel(r.model) : 0;
            // Baselines that came earlier in the bundle are re-linked now, later ones below.
            auto base = r.run.baselineRunId;
            r.run.baselineRunId.reset();
            if (base && newIds.count(*base))
                r.run.baselineRunId = newIds[*base];
            ids[i] = store.importRun(r.run, r.results);
            added[i] = true;
            result.added.push_back(ids[i]);
        }
        if (r.oldId)
            newIds[*r.oldId] = ids[i];
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (!added[i])
            continue;
        if (const auto base = runs[i].baselineOldId) {
            auto it = newIds.find(*base);
            if (it != newIds.end() && it->second != ids[i] && !store.run(ids[i])->baselineRunId)
                store.setBaseline(ids[i], it->second);
        }
        if (const auto env = remapInterleave(runs[i].run.environmentJson, newIds))
            store.setRunEnvironment(ids[i], *env);
    }
}

} // namespace

ImportResult importBundles(Store &store, const std::vector<NamedBundle> &bundles)
{
    std::vector<std::vector<ImportedRun>> all;
    for (const auto &b : bundles) {
        try {
            all.push_back(readBundle(b.bundle));
        } catch (const BundleError &e) {
            throw BundleError(b.name.empty() ? e.what() : b.name + ": " + e.what());
        }
    }
    ImportResult result;
    store.inTransaction([&] {
        for (auto &runs : all)
            writeBundle(store, runs, result);
    });
    return result;
}

std::vector<std::int64_t> importBundle(Store &store, const json &bundle)
{
    return importBundles(store, {{"", bundle}}).added;
}

} // namespace optibench::core
