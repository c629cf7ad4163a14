#include "profiler/trace/chrome_trace.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

namespace optibench::profiler {

namespace {

double micros(std::int64_t ns)
{
    return double(ns) / 1000.0;
}

} // namespace

std::string chromeTraceJson(const Trace &trace, int indent)
{
    using nlohmann::json;
    json events = json::array();

    // pid per device, "cpu" first; tid per lane.
    std::map<std::string, int> pids;
    pids["cpu"] = 0;
    for (const TraceEvent &e : trace.events)
        pids.emplace(e.device, 0);
    int next = 0;
    for (auto &kv : pids)
        kv.second = kv.first == "cpu" ? 0 : ++next;
    std::set<std::pair<int, std::int64_t>> lanes;

    std::unordered_map<std::int64_t, std::size_t> opByCorrelation;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceEvent &e = trace.events[i];
        if (e.kind == EventKind::Op && e.correlation != 0)
            opByCorrelation.emplace(e.correlation, i);
    }

    std::int64_t flowId = 0;
    for (const TraceEvent &e : trace.events) {
        const int pid = pids[e.device];
        lanes.emplace(pid, e.lane);
        json x = {{"ph", "X"},
                  {"name", e.name},
                  {"cat", kindName(e.kind)},
                  {"ts", micros(e.startNs)},
                  {"dur", micros(e.durationNs)},
                  {"pid", pid},
                  {"tid", e.lane}};
        json args = json::object();
        if (!e.shapes.empty())
            args["shapes"] = e.shapes;
        if (e.correlation != 0)
            args["correlation"] = e.correlation;
        if (e.bytes != 0)
            args["bytes"] = e.bytes;
        if (!args.empty())
            x["args"] = std::move(args);
        events.push_back(std::move(x));

        const bool launched = e.kind == EventKind::Kernel || e.kind == EventKind::Memcpy || e.kind == EventKind::Memset;
        if (!launched || e.correlation == 0)
            continue;
        const auto op = opByCorrelation.find(e.correlation);
        if (op == opByCorrelation.end())
            continue;
        const TraceEvent &o = trace.events[op->second];
        ++flowId;
        events.push_back({{"ph", "s"},
                          {"id", flowId},
                          {"name", "launch"},
                          {"cat", "launch"},
                          {"ts", micros(o.startNs)},
                          {"pid", pids[o.device]},
                          {"tid", o.lane}});
        events.push_back({{"ph", "f"},
                          {"bp", "e"},
                          {"id", flowId},
                          {"name", "launch"},
                          {"cat", "launch"},
                          {"ts", micros(e.startNs)},
                          {"pid", pid},
                          {"tid", e.lane}});
    }

    for (const auto &[device, pid] : pids) {
        bool used = false;
        for (const auto &lane : lanes)
            used |= lane.first == pid;
        if (!used)
            continue;
        events.push_back(
            {{"ph", "M"}, {"name", "process_name"}, {"pid", pid}, {"tid", 0}, {"args", {{"name", device}}}});
        events.push_back(
            {{"ph", "M"}, {"name", "process_sort_index"}, {"pid", pid}, {"tid", 0}, {"args", {{"sort_index", pid}}}});
    }
    for (const auto &[pid, lane] : lanes) {
        const std::string label = (pid == 0 ? "thread " : "stream ") + std::to_string(lane);
        events.push_back(
            {{"ph", "M"}, {"name", "thread_name"}, {"pid", pid}, {"tid", lane}, {"args", {{"name", label}}}});
    }

    json doc = {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ns"}};
    if (trace.droppedRecords != 0 || !trace.messages.empty())
        doc["otherData"] = {{"droppedRecords", trace.droppedRecords}, {"messages", trace.messages}};
    // Replace, not throw, should a name carry invalid UTF-8.
    return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool writeChromeTrace(const Trace &trace, const std::string &path, std::string *error)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out)
        out << chromeTraceJson(trace);
    if (!out) {
        if (error)
            *error = "cannot write the Chrome trace to " + path;
        return false;
    }
    return true;
}

} // namespace optibench::profiler
