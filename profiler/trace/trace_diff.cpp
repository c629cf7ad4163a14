#include "profiler/trace/trace_diff.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace optibench::profiler {

namespace {

struct Side {
    std::int64_t count = 0, total = 0, self = 0;
};

std::vector<DiffRow> join(const std::map<std::string, Side> &a, const std::map<std::string, Side> &b,
                          double minRelativeChange)
{
    std::map<std::string, DiffRow> rows;
    for (const auto &[name, s] : a) {
        DiffRow &r = rows[name];
        r.name = name;
        r.countA = s.count;
        r.totalNsA = s.total;
        r.selfNsA = s.self;
    }
    for (const auto &[name, s] : b) {
        DiffRow &r = rows[name];
        r.name = name;
        r.countB = s.count;
        r.totalNsB = s.total;
        r.selfNsB = s.self;
    }
    std::vector<DiffRow> out;
    out.reserve(rows.size());
    for (auto &[name, r] : rows) {
        if (r.countA == 0)
            r.status = DiffStatus::Added;
        else if (r.countB == 0)
            r.status = DiffStatus::Removed;
        else {
            const double larger = double(std::max(r.totalNsA, r.totalNsB));
            const bool timeChanged =
                r.totalNsA != r.totalNsB && double(std::llabs(r.deltaNs())) > minRelativeChange * larger;
            r.status = (r.countA != r.countB || timeChanged) ? DiffStatus::Changed : DiffStatus::Same;
        }
        out.push_back(std::move(r));
    }
    std::stable_sort(out.begin(), out.end(), [](const DiffRow &x, const DiffRow &y) {
        return std::llabs(x.deltaNs()) > std::llabs(y.deltaNs());
    });
    return out;
}

} // namespace

const char *diffStatusName(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Added: return "added";
    case DiffStatus::Removed: return "removed";
    case DiffStatus::Changed: return "changed";
    case DiffStatus::Same: return "same";
    }
    return "same";
}

TraceDiff diffSummaries(const TraceSummary &a, const TraceSummary &b, double minRelativeChange)
{
    auto ops = [](const TraceSummary &s) {
        std::map<std::string, Side> m;
        for (const OpStat &o : s.ops)
            m[o.name] = Side{o.count, o.totalNs, o.selfNs};
        return m;
    };
    auto kernels = [](const TraceSummary &s) {
        std::map<std::string, Side> m;
        for (const KernelStat &k : s.kernels)
            m[k.name] = Side{k.count, k.totalNs, 0};
        return m;
    };
    TraceDiff d;
    d.ops = join(ops(a), ops(b), minRelativeChange);
    d.kernels = join(kernels(a), kernels(b), minRelativeChange);
    return d;
}

TraceDiff diffTraces(const Trace &a, const Trace &b, double minRelativeChange)
{
    return diffSummaries(summarize(a), summarize(b), minRelativeChange);
}

} // namespace optibench::profiler
