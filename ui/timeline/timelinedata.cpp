#include "ui/timeline/timelinedata.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace optibench::ui {

namespace {
struct Track {
    std::string device;
    std::int64_t lane = 0;
    std::vector<std::int64_t> openEnds; // ends of the enclosing spans, innermost last
    std::vector<std::size_t> rowOfDepth;
};
} // namespace

std::size_t firstEndingAfter(const std::vector<TimelineSpan> &spans, std::int64_t t)
{
    return std::size_t(
        std::partition_point(spans.begin(), spans.end(), [t](const TimelineSpan &s) { return s.endNs <= t; })
        - spans.begin());
}

const TimelineSpan *TimelineData::spanAt(std::size_t row, std::int64_t t, std::int64_t slackNs) const
{
    if (row >= rows.size())
        return nullptr;
    const auto &spans = rows[row].spans;
    const TimelineSpan *best = nullptr;
    std::int64_t bestDistance = slackNs + 1;
    for (std::size_t i = firstEndingAfter(spans, t - slackNs); i < spans.size() && spans[i].startNs <= t + slackNs;
         ++i) {
        const std::int64_t d =
            t < spans[i].startNs ? spans[i].startNs - t : (t >= spans[i].endNs ? t - spans[i].endNs : 0);
        if (d < bestDistance) {
            best = &spans[i];
            bestDistance = d;
        }
    }
    return best;
}

TimelineData buildTimeline(std::vector<core::TraceEventRecord> events, std::int64_t windowStartNs,
                           std::int64_t windowEndNs)
{
    TimelineData data;
    data.windowStartNs = windowStartNs;
    data.windowEndNs = windowEndNs;
    data.eventCount = events.size();
    // Equal starts: the enclosing (longer) event first, so nesting depth comes out right.
    for (std::size_t i = 0; i < events.size();) {
        std::size_t j = i + 1;
        while (j < events.size() && events[j].startNs == events[i].startNs)
            ++j;
        if (j - i > 1)
            std::stable_sort(events.begin() + std::ptrdiff_t(i), events.begin() + std::ptrdiff_t(j),
                             [](const auto &a, const auto &b) { return a.durationNs > b.durationNs; });
        i = j;
    }

    std::unordered_map<std::string, std::uint32_t> interned{{std::string(), 0}};
    auto intern = [&](std::string &s) {
        const auto [it, added] = interned.try_emplace(s, std::uint32_t(data.strings.size()));
        if (added)
            data.strings.push_back(std::move(s));
        return it->second;
    };
    // A handful of threads and streams: a linear search beats a map keyed by a string copy.
    std::vector<Track> tracks;
    std::size_t current = 0;
    std::vector<TimelineRow> rows;
    for (auto &e : events) {
        if (current >= tracks.size() || tracks[current].lane != e.lane || tracks[current].device != e.device) {
            current = 0;
            while (current < tracks.size() && (tracks[current].lane != e.lane || tracks[current].device != e.device))
                ++current;
            if (current == tracks.size())
                tracks.push_back({e.device, e.lane, {}, {}});
        }
        Track &track = tracks[current];
        while (!track.openEnds.empty() && track.openEnds.back() <= e.startNs)
            track.openEnds.pop_back();
        const std::int64_t end = e.startNs + std::max<std::int64_t>(0, e.durationNs);
        const std::size_t depth = track.openEnds.size();
        track.openEnds.push_back(end);
        if (track.rowOfDepth.size() <= depth) {
            track.rowOfDepth.push_back(rows.size());
            TimelineRow row;
            row.device = e.device;
            row.lane = e.lane;
            row.depth = int(depth);
            row.gpu = e.device.rfind("cpu", 0) != 0;
            rows.push_back(std::move(row));
        }
        auto &spans = rows[track.rowOfDepth[depth]].spans;
        // Keep a row free of overlaps (a malformed trace): clip to the previous span's end.
        const std::int64_t start = spans.empty() ? e.startNs : std::max(e.startNs, spans.back().endNs);
        spans.push_back({start, std::max(start, end), intern(e.name), intern(e.shapes), e.kind});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const TimelineRow &a, const TimelineRow &b) {
        return std::tie(a.gpu, a.device, a.lane, a.depth) < std::tie(b.gpu, b.device, b.lane, b.depth);
    });
    data.rows = std::move(rows);
    return data;
}

} // namespace optibench::ui
