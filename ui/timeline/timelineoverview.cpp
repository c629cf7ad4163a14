#include "ui/timeline/timelineoverview.h"

#include <QColor>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

namespace optibench::ui {

void sortOverviewLanes(core::TraceOverview &overview)
{
    std::stable_sort(overview.lanes.begin(), overview.lanes.end(), [](const auto &a, const auto &b) {
        const bool gpuA = a.device.rfind("cpu", 0) != 0, gpuB = b.device.rfind("cpu", 0) != 0;
        return std::tie(gpuA, a.device, a.lane) < std::tie(gpuB, b.device, b.lane);
    });
}

int overviewBucketAt(const core::TraceOverview &overview, std::int64_t t)
{
    if (overview.buckets < 1 || t < overview.startNs || t >= overview.endNs)
        return -1;
    const double rel = double(static_cast<std::uint64_t>(t) - static_cast<std::uint64_t>(overview.startNs));
    return std::min(overview.buckets - 1, int(rel / overview.bucketNs()));
}

std::int64_t overviewEventsIn(const core::TraceOverview &overview, std::int64_t t0, std::int64_t t1)
{
    if (overview.buckets < 1 || t0 < overview.startNs || t1 > overview.endNs)
        return -1;
    if (t1 <= t0)
        return 0;
    const int b0 = overviewBucketAt(overview, t0);
    const int b1 = t1 >= overview.endNs ? overview.buckets - 1 : overviewBucketAt(overview, t1);
    std::int64_t n = 0;
    for (const auto &lane : overview.lanes) {
        for (int b = b0; b <= b1; ++b)
            n += lane.events[std::size_t(b)];
    }
    return n;
}

int drawOverviewLane(QPainter &p, const core::TraceOverview &overview, const core::TraceLaneOverview &lane,
                     const TimelineMapping &mapping, const QRect &row, const QColor &color)
{
    const double width = overview.bucketNs();
    if (overview.buckets < 1 || width <= 0 || row.width() < 1)
        return 0;
    // Per pixel column the busiest bucket drawn there, as bar height: the busy share of the
    // bucket; a bucket with events but no outermost time (only nested or instant events) still
    // gets a visible sliver. Then neighbours of one height in one rectangle.
    const double firstX = mapping.xForTime(overview.startNs);
    const double bucketPx = width / mapping.nsPerPixel;
    const int from = int(std::clamp(std::floor(-firstX / bucketPx), 0.0, double(overview.buckets)));
    const int to = int(std::clamp(std::ceil((row.width() - firstX) / bucketPx) + 1, 0.0, double(overview.buckets)));
    std::vector<int> heights(std::size_t(row.width()), 0);
    for (int b = from; b < to; ++b) {
        const auto i = std::size_t(b);
        if (lane.events[i] == 0 && lane.busyNs[i] <= 0)
            continue;
        const double share = std::clamp(lane.busyNs[i] / width, 0.0, 1.0);
        const int h = std::max(2, int(std::lround(share * row.height())));
        const double w = row.width();
        const int l = int(std::floor(std::clamp(firstX + b * bucketPx, 0.0, w - 1)));
        const int r = std::max(l, int(std::ceil(std::clamp(firstX + (b + 1) * bucketPx, 0.0, w))) - 1);
        for (int x = l; x <= r; ++x)
            heights[std::size_t(x)] = std::max(heights[std::size_t(x)], h);
    }
    int rects = 0;
    for (int x = 0; x < row.width();) {
        const int h = heights[std::size_t(x)];
        int end = x + 1;
        while (end < row.width() && heights[std::size_t(end)] == h)
            ++end;
        if (h > 0) {
            p.fillRect(QRect(row.left() + x, row.bottom() + 1 - h, end - x, h), color);
            ++rects;
        }
        x = end;
    }
    return rects;
}

} // namespace optibench::ui
