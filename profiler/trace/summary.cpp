#include "profiler/trace/summary.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace optibench::profiler {

namespace {

bool isCpu(EventKind k)
{
    return k == EventKind::Op || k == EventKind::Range;
}

template<typename T, typename Key>
std::vector<T> sortedBy(const std::map<std::string, T> &byName, Key key)
{
    std::vector<T> out;
    out.reserve(byName.size());
    for (const auto &kv : byName)
        out.push_back(kv.second);
    std::stable_sort(out.begin(), out.end(), [&key](const T &a, const T &b) { return key(a) > key(b); });
    return out;
}

} // namespace

TraceSummary summarize(const Trace &trace)
{
    TraceSummary s;
    s.droppedRecords = trace.droppedRecords;
    const auto &ev = trace.events;
    const auto n = static_cast<std::int64_t>(ev.size());

    // Time of the CPU events directly inside each event.
    std::vector<std::int64_t> childNs(ev.size(), 0);
    for (std::int64_t i = 0; i < n; ++i) {
        const TraceEvent &e = ev[static_cast<std::size_t>(i)];
        if (isCpu(e.kind) && e.parent >= 0 && e.parent < n)
            childNs[static_cast<std::size_t>(e.parent)] += e.durationNs;
    }
    auto insideSameName = [&](std::int64_t i) {
        const std::string &name = ev[static_cast<std::size_t>(i)].name;
        for (std::int64_t p = ev[static_cast<std::size_t>(i)].parent; p >= 0 && p < n;
             p = ev[static_cast<std::size_t>(p)].parent)
            if (ev[static_cast<std::size_t>(p)].name == name)
                return true;
        return false;
    };

    std::map<std::string, OpStat> ops;
    std::map<std::string, RangeStat> ranges;
    std::map<std::string, KernelStat> kernels;
    std::unordered_map<std::int64_t, std::int64_t> opByCorrelation;
    std::int64_t first = 0, last = 0;
    bool any = false;
    for (std::int64_t i = 0; i < n; ++i) {
        const TraceEvent &e = ev[static_cast<std::size_t>(i)];
        first = any ? std::min(first, e.startNs) : e.startNs;
        last = any ? std::max(last, e.endNs()) : e.endNs();
        any = true;
        switch (e.kind) {
        case EventKind::Op: {
            OpStat &o = ops[e.name];
            o.name = e.name;
            ++o.count;
            if (!insideSameName(i))
                o.totalNs += e.durationNs;
            const std::int64_t self = std::max<std::int64_t>(0, e.durationNs - childNs[static_cast<std::size_t>(i)]);
            o.selfNs += self;
            s.opSelfNs += self;
            if (e.correlation != 0)
                opByCorrelation[e.correlation] = i;
            break;
        }
        case EventKind::Range: {
            RangeStat &r = ranges[e.name];
            r.name = e.name;
            ++r.count;
            if (!insideSameName(i))
                r.totalNs += e.durationNs;
            break;
        }
        case EventKind::Kernel: {
            KernelStat &k = kernels[e.name];
            k.name = e.name;
            ++k.count;
            k.totalNs += e.durationNs;
            s.kernelNs += e.durationNs;
            break;
        }
        case EventKind::Memcpy:
            ++s.memcpyCount;
            s.memcpyBytes += e.bytes;
            s.memcpyNs += e.durationNs;
            break;
        case EventKind::Memset: s.memsetBytes += e.bytes; break;
        case EventKind::Sync: break;
        }
    }
    s.spanNs = last - first;

    // Kernel time per layer: kernel -> launching op (correlation) -> enclosing ranges.
    for (const TraceEvent &e : ev) {
        if (e.kind != EventKind::Kernel || e.correlation == 0)
            continue;
        const auto op = opByCorrelation.find(e.correlation);
        if (op == opByCorrelation.end())
            continue;
        std::vector<const std::string *> seen;
        for (std::int64_t p = op->second; p >= 0 && p < n; p = ev[static_cast<std::size_t>(p)].parent) {
            const TraceEvent &anc = ev[static_cast<std::size_t>(p)];
            if (anc.kind != EventKind::Range)
                continue;
            if (std::find_if(seen.begin(), seen.end(), [&anc](const std::string *x) { return *x == anc.name; })
                != seen.end())
                continue;
            seen.push_back(&anc.name);
            ranges[anc.name].kernelNs += e.durationNs;
        }
    }
    for (auto &kv : kernels) {
        KernelStat &k = kv.second;
        k.meanNs = k.count ? double(k.totalNs) / double(k.count) : 0.0;
        k.share = s.kernelNs ? double(k.totalNs) / double(s.kernelNs) : 0.0;
    }
    s.ops = sortedBy(ops, [](const OpStat &o) { return o.selfNs; });
    s.ranges = sortedBy(ranges, [](const RangeStat &r) { return r.totalNs; });
    s.kernels = sortedBy(kernels, [](const KernelStat &k) { return k.totalNs; });
    return s;
}

std::vector<OpStat> topOpsBySelf(const TraceSummary &summary, std::size_t n)
{
    std::vector<OpStat> out(summary.ops.begin(),
                            summary.ops.begin() + static_cast<std::ptrdiff_t>(std::min(n, summary.ops.size())));
    return out;
}

std::vector<OpStat> topOpsByTotal(const TraceSummary &summary, std::size_t n)
{
    std::vector<OpStat> out = summary.ops;
    std::stable_sort(out.begin(), out.end(), [](const OpStat &a, const OpStat &b) { return a.totalNs > b.totalNs; });
    out.resize(std::min(n, out.size()));
    return out;
}

} // namespace optibench::profiler
