#include "app/core/noise_floor.h"
#include "app/core/spec.h"
#include "app/core/sqlite_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace optibench::core {

namespace {

constexpr const char *kMachineKeySeparator = " | ";

std::string field(const nlohmann::json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key))
        return "";
    return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

std::string machineKey(const std::string &environmentJson, const std::string &specJson)
{
    const auto env = nlohmann::json::parse(environmentJson, nullptr, false);
    const auto spec = nlohmann::json::parse(specJson, nullptr, false);
    const std::string sep = kMachineKeySeparator;
    return field(env, "cpu") + sep + field(env, "cores") + " cores" + sep + field(env, "threads") + " threads" + sep
        + field(env, "gpu") + sep + field(spec, "device");
}

std::string machineDescription(const std::string &machineKey)
{
    std::string out;
    std::size_t start = 0;
    while (start <= machineKey.size()) {
        const std::size_t end = std::min(machineKey.find(kMachineKeySeparator, start), machineKey.size());
        const std::string part = machineKey.substr(start, end - start);
        if (!part.empty())
            out += (out.empty() ? "" : ", ") + part;
        start = end + std::string_view(kMachineKeySeparator).size();
    }
    return out;
}

std::string modelKey(const std::string &specJson)
{
    const auto spec = nlohmann::json::parse(specJson, nullptr, false);
    return spec.is_object() && spec.contains("model") ? field(spec["model"], "path") : "";
}

std::map<std::string, double> measureNoiseFloors(const std::vector<std::pair<RunFigures, RunFigures>> &pairs)
{
    std::map<std::string, double> floors;
    for (const auto &d : stats::metricTable()) {
        if (!stats::isTimed(d.spread))
            continue;
        for (const auto &[a, b] : pairs) {
            const auto x = a.metrics.find(d.key), y = b.metrics.find(d.key);
            if (x == a.metrics.end() || y == b.metrics.end() || x->second <= 0 || y->second <= 0)
                continue;
            auto &f = floors[d.key];
            f = std::max(f, std::fabs(y->second / x->second - 1));
        }
    }
    return floors;
}

void saveNoiseFloors(Store &store, const std::string &machine, const std::string &model,
                     const std::map<std::string, double> &floors, int pairs, const std::vector<std::int64_t> &runIds)
{
    std::string ids;
    for (auto id : runIds)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
    sqlite3 *db = store.handle();
    sql::Transaction t(db, store.path());
    sql::Statement clear(db, store.path(), "DELETE FROM noise_floors WHERE machine = ?1 AND model = ?2");
    clear.bind(1, machine).bind(2, model).run();
    sql::Statement insert(db, store.path(),
                          "INSERT INTO noise_floors (machine, model, metric, floor, pairs, run_ids, measured_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    const auto now = nowMs();
    for (const auto &[metric, floor] : floors) {
        insert.bind(1, machine).bind(2, model).bind(3, metric).bind(4, floor).bind(5, pairs).bind(6, ids);
        insert.bind(7, now).run();
    }
    t.commit();
}

std::string calibrationRefusal(const ExperimentSpec &spec)
{
    return spec.task.mode == options::Mode::Inference ? ""
                                                      : "task.mode: calibrate measures inference runs, not training";
}

Calibration calibrate(Store &store, const std::vector<std::pair<RunFigures, RunFigures>> &pairs)
{
    if (pairs.empty())
        throw std::invalid_argument("calibrate: no A/A pairs to measure");
    std::vector<std::int64_t> ids;
    for (const auto &[a, b] : pairs) {
        ids.push_back(a.runId);
        ids.push_back(b.runId);
    }
    const auto &first = pairs.front().first;
    Calibration c{machineKey(first.environmentJson, first.specJson), modelKey(first.specJson),
                  measureNoiseFloors(pairs), ids};
    saveNoiseFloors(store, c.machine, c.model, c.floors, static_cast<int>(pairs.size()), c.runIds);
    return c;
}

std::map<std::string, NoiseFloor> noiseFloors(const Store &store, const std::string &machine, const std::string &model)
{
    std::map<std::string, NoiseFloor> out;
    sql::Statement s(store.handle(), store.path(),
                     "SELECT metric, floor, pairs, run_ids, measured_at_ms FROM noise_floors "
                     "WHERE machine = ?1 AND model = ?2");
    s.bind(1, machine).bind(2, model);
    while (s.step())
        out[s.text(0)] = {s.real(1), static_cast<int>(s.int64(2)), s.text(3), s.int64(4)};
    s.reset();
    return out;
}

double Thresholds::of(const std::string &metric) const
{
    const auto it = floors.find(metric);
    return it == floors.end() ? threshold : std::max(threshold, it->second.floor);
}

Thresholds thresholdsFor(const Store &store, const RunFigures &baseline, double threshold)
{
    Thresholds t;
    t.threshold = threshold;
    t.floors = noiseFloors(store, machineKey(baseline.environmentJson, baseline.specJson), modelKey(baseline.specJson));
    return t;
}

} // namespace optibench::core
