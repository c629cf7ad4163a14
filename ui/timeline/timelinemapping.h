#pragma once
// The timeline's pixel <-> time mapping: x = (t - startNs) / nsPerPixel. A value type with no
// Qt widgets in it, so zoom and pan arithmetic is tested on its own (tst_timeline).
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace optibench::ui {

struct TimelineMapping {
    std::int64_t startNs = 0; // the time at x = 0
    double nsPerPixel = 1.0;  // > 0

    double xForTime(std::int64_t t) const { return double(t - startNs) / nsPerPixel; }
    std::int64_t timeForX(double x) const { return startNs + std::llround(x * nsPerPixel); }
    std::int64_t endNs(int width) const { return timeForX(width); }

    // [startNs, endNs) spread over width pixels.
    static TimelineMapping fit(std::int64_t startNs, std::int64_t endNs, int width)
    {
        TimelineMapping m;
        m.startNs = startNs;
        m.nsPerPixel =
            std::max(kMinNsPerPixel, double(std::max<std::int64_t>(1, endNs - startNs)) / std::max(1, width));
        return m;
    }

    // factor > 1 zooms in; the time under x stays under x.
    TimelineMapping zoomedAt(double x, double factor) const
    {
        TimelineMapping m;
        m.nsPerPixel = std::max(kMinNsPerPixel, nsPerPixel / factor);
        m.startNs = std::llround(double(startNs) + x * (nsPerPixel - m.nsPerPixel));
        return m;
    }

    // dx > 0 moves the view to later times.
    TimelineMapping pannedBy(double dx) const { return {startNs + std::llround(dx * nsPerPixel), nsPerPixel}; }

    // Keeps [extentStart, extentEnd) reachable: no zooming out beyond it, no panning off it.
    TimelineMapping clampedTo(std::int64_t extentStart, std::int64_t extentEnd, int width) const
    {
        const TimelineMapping whole = fit(extentStart, extentEnd, width);
        TimelineMapping m = *this;
        m.nsPerPixel = std::min(m.nsPerPixel, whole.nsPerPixel);
        const std::int64_t span = std::llround(m.nsPerPixel * std::max(1, width));
        m.startNs = std::clamp(m.startNs, extentStart, std::max(extentStart, extentEnd - span));
        return m;
    }

    static constexpr double kMinNsPerPixel = 0.01; // 100 pixels per ns: deep enough for any event
};

} // namespace optibench::ui
