#pragma once
// The timeline's zoomed-out picture: per thread or stream one row whose height at each pixel
// column shows how busy the lane was there (core::TraceOverview, computed by the store without
// reading single events). Drawn until the visible window holds few enough events to load them
// one by one. Pure helpers, so the arithmetic is tested without a widget.
#include "app/core/store.h"
#include "ui/timeline/timelinemapping.h"

#include <QRect>
#include <QString>

#include <cstdint>

class QPainter;
class QColor;

namespace optibench::ui {

// Lanes in display order: CPU threads first, then GPU streams (as the detailed rows).
void sortOverviewLanes(core::TraceOverview &overview);

// Events of the overview that overlap [t0, t1), counting whole buckets; -1 when the overview
// does not reach over [t0, t1).
std::int64_t overviewEventsIn(const core::TraceOverview &overview, std::int64_t t0, std::int64_t t1);

// The bucket of `overview` at time t, or -1.
int overviewBucketAt(const core::TraceOverview &overview, std::int64_t t);

// Draws one lane into `row` (x = 0 at row.left()); returns the rectangles drawn.
int drawOverviewLane(QPainter &p, const core::TraceOverview &overview, const core::TraceLaneOverview &lane,
                     const TimelineMapping &mapping, const QRect &row, const QColor &color);

} // namespace optibench::ui
