#include "ui/timeline/timelineview.h"

#include "app/core/store.h"
#include "ui/models/convert.h"
#include "ui/models/tracemodels.h"
#include "ui/timeline/timelineoverview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace optibench::ui {

namespace {
constexpr int kLabelWidth = 130;
constexpr int kAxisHeight = 22;
constexpr int kRowHeight = 18;
constexpr double kZoomStep = 1.25;

struct WindowResult {
    TimelineData data;
    QString error;
};

struct OverviewResult {
    core::TraceOverview overview;
    QString error;
};

// Each pool thread keeps its own connection: SQLite connections are not shared across threads.
core::Store &threadStore(const std::string &path)
{
    thread_local std::unique_ptr<core::Store> store;
    if (!store || store->path() != path)
        store = std::make_unique<core::Store>(path);
    return *store;
}

WindowResult loadWindow(const std::string &path, qint64 runId, std::int64_t t0, std::int64_t t1)
{
    WindowResult r;
    try {
        r.data = buildTimeline(threadStore(path).traceWindow(runId, t0, t1), t0, t1);
        r.data.runId = runId;
    } catch (const std::exception &e) {
        r.error = toQ(e.what());
    }
    return r;
}

OverviewResult loadOverview(const std::string &path, qint64 runId, std::int64_t t0, std::int64_t t1, int buckets)
{
    OverviewResult r;
    try {
        r.overview = threadStore(path).traceOverview(runId, t0, t1, buckets);
        sortOverviewLanes(r.overview);
    } catch (const std::exception &e) {
        r.error = toQ(e.what());
    }
    return r;
}

QColor laneColor(bool gpu)
{
    return gpu ? QColor(0xc0, 0x60, 0x30) : QColor(0x3a, 0x7c, 0x8c);
}

bool isGpu(const std::string &device)
{
    return device.rfind("cpu", 0) != 0;
}

QColor spanColor(const TimelineSpan &s)
{
    // A stable colour per name, in a band by kind: ops blue-green, kernels orange, ranges grey.
    const int h = int((s.name * 2654435761u) >> 24);
    switch (s.kind) {
    case core::TraceKind::Range: return QColor::fromHsv(210, 25, 200 + h % 30);
    case core::TraceKind::Kernel: return QColor::fromHsv(15 + h % 35, 150, 235);
    case core::TraceKind::Memcpy:
    case core::TraceKind::Memset: return QColor::fromHsv(290, 110, 220);
    case core::TraceKind::Sync: return QColor::fromHsv(0, 160, 220);
    case core::TraceKind::Op: break;
    }
    return QColor::fromHsv(150 + h % 80, 120, 225);
}

// A tick step of 1, 2 or 5 times a power of ten with at least minPixels between ticks.
double tickStep(double nsPerPixel, int minPixels)
{
    const double raw = nsPerPixel * minPixels;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * p >= raw)
            return m * p;
    }
    return 10 * p;
}
} // namespace

TimelineView::TimelineView(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_overviewJobs(this)
    , m_detailJobs(this)
    , m_loadTimer(new QTimer(this))
{
    m_overviewPool.setMaxThreadCount(1);
    m_detailPool.setMaxThreadCount(1);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(400, 160);
    setAttribute(Qt::WA_OpaquePaintEvent);
    // Pans and zooms come in bursts: load the new window once the burst settles.
    m_loadTimer->setSingleShot(true);
    m_loadTimer->setInterval(60);
    connect(m_loadTimer, &QTimer::timeout, this, &TimelineView::loadVisibleWindow);
}

TimelineView::~TimelineView()
{
    m_overviewJobs.cancel();
    m_detailJobs.cancel();
    m_overviewPool.waitForDone();
    m_detailPool.waitForDone();
}

int TimelineView::plotWidth() const
{
    return qMax(1, width() - kLabelWidth);
}

void TimelineView::setRun(qint64 runId)
{
    m_overviewJobs.cancel();
    m_detailJobs.cancel();
    m_runId = runId;
    m_data = TimelineData();
    m_overview = core::TraceOverview();
    m_overviewRun = 0;
    m_eventCount = 0;
    m_firstRow = 0;
    m_message.clear();
    m_extentStart = m_extentEnd = 0;
    if (runId > 0) {
        try {
            // Two rows of trace_summary: fast enough for the GUI thread.
            std::tie(m_extentStart, m_extentEnd) = m_store->traceExtent(runId);
            m_eventCount = m_store->traceEventCount(runId);
        } catch (const std::exception &e) {
            emit errorOccurred(tr("Could not read the trace of run %1: %2").arg(runId).arg(toQ(e.what())));
        }
    }
    if (runId <= 0)
        m_message = tr("Open a run to see its timeline.");
    else if (m_extentEnd <= m_extentStart)
        m_message = tr("This run has no trace. Turn on op tracing in the experiment to record one.");
    else
        m_message = tr("Loading the trace…");
    m_mapping = TimelineMapping::fit(m_extentStart, m_extentEnd, plotWidth());
    if (m_extentEnd > m_extentStart)
        loadVisibleWindow();
    update();
}

void TimelineView::setMapping(const TimelineMapping &mapping)
{
    m_mapping = m_extentEnd > m_extentStart ? mapping.clampedTo(m_extentStart, m_extentEnd, plotWidth()) : mapping;
    update();
    // Pans and zooms come in bursts: loadVisibleWindow decides once the burst settles.
    if (m_extentEnd > m_extentStart)
        m_loadTimer->start();
}

std::pair<std::int64_t, std::int64_t> TimelineView::loadRange() const
{
    const std::int64_t t0 = m_mapping.startNs, t1 = m_mapping.endNs(plotWidth());
    const std::int64_t margin = (t1 - t0) / 2;
    return {qMax(m_extentStart, t0 - margin), qMin(m_extentEnd + 1, t1 + margin)};
}

bool TimelineView::detailCovers(std::int64_t t0, std::int64_t t1) const
{
    t0 = qMax(t0, m_extentStart);
    t1 = qMin(t1, m_extentEnd + 1);
    return m_data.runId == m_runId && m_data.windowStartNs <= t0 && m_data.windowEndNs >= t1;
}

bool TimelineView::overviewFits(std::int64_t t0, std::int64_t t1) const
{
    t0 = qMax(t0, m_extentStart);
    t1 = qMin(t1, m_extentEnd + 1);
    // At about pixel resolution: at most two pixels per bucket, at most four buckets per pixel.
    const double b = m_overview.bucketNs();
    return m_overviewRun == m_runId && m_overview.startNs <= t0 && m_overview.endNs >= t1
        && b <= 2 * m_mapping.nsPerPixel && b >= m_mapping.nsPerPixel / 4;
}

bool TimelineView::drawsDetail() const
{
    if (m_runId <= 0 || m_data.runId != m_runId)
        return false;
    return m_overviewRun != m_runId || detailCovers(m_mapping.startNs, m_mapping.endNs(plotWidth()));
}

int TimelineView::rowCount() const
{
    if (drawsDetail())
        return int(m_data.rows.size());
    return m_overviewRun == m_runId && m_runId > 0 ? int(m_overview.lanes.size()) : 0;
}

void TimelineView::loadVisibleWindow()
{
    if (m_runId <= 0 || m_extentEnd <= m_extentStart)
        return;
    const std::int64_t t0 = m_mapping.startNs, t1 = m_mapping.endNs(plotWidth());
    const auto [from, to] = loadRange();
    if (!detailCovers(t0, t1) && !overviewFits(t0, t1)) {
        const int buckets = int(qBound(1.0, std::round(double(to - from) / m_mapping.nsPerPixel), 20000.0));
        const std::string path = m_store->path();
        const qint64 runId = m_runId;
        m_overviewJobs.startJob(
            &m_overviewPool,
            [path, runId, from = from, to = to, buckets] { return loadOverview(path, runId, from, to, buckets); },
            [this, runId](OverviewResult result) {
                if (!result.error.isEmpty()) {
                    m_message = tr("Could not load the trace: %1").arg(result.error);
                    emit errorOccurred(m_message);
                } else {
                    m_overview = std::move(result.overview);
                    m_overviewRun = runId;
                    m_message.clear();
                    loadDetailIfSmall();
                }
                update();
            });
    }
    loadDetailIfSmall();
}

void TimelineView::loadDetailIfSmall()
{
    const std::int64_t t0 = m_mapping.startNs, t1 = m_mapping.endNs(plotWidth());
    // Loaded already, and not much wider than what is on screen (a tighter window keeps memory
    // and paint work proportional to what is shown).
    if (detailCovers(t0, t1) && m_data.windowEndNs - m_data.windowStartNs <= 16 * (t1 - t0))
        return;
    if (m_detailJobs.isJobRunning() && m_detailPending.first <= qMax(t0, m_extentStart)
        && m_detailPending.second >= qMin(t1, m_extentEnd + 1))
        return;
    const auto [from, to] = loadRange();
    std::int64_t estimate = -1;
    if (m_eventCount <= kDetailEvents)
        estimate = m_eventCount;
    else if (m_overviewRun == m_runId && m_overview.startNs <= qMax(t0, m_extentStart)
             && m_overview.endNs >= qMin(t1, m_extentEnd + 1))
        estimate = overviewEventsIn(m_overview, qMax(from, m_overview.startNs), qMin(to, m_overview.endNs));
    if (estimate < 0)
        return; // the overview will tell
    if (estimate > kDetailEvents) {
        m_detailJobs.cancel(); // a window loading for an earlier, narrower view
        return;
    }
    const std::string path = m_store->path();
    const qint64 runId = m_runId;
    m_detailPending = {from, to};
    m_detailJobs.startJob(
        &m_detailPool, [path, runId, from = from, to = to] { return loadWindow(path, runId, from, to); },
        [this](WindowResult result) {
            if (!result.error.isEmpty()) {
                m_message = tr("Could not load the trace: %1").arg(result.error);
                emit errorOccurred(m_message);
            } else {
                m_data = std::move(result.data);
                m_message.clear();
            }
            update();
        });
}

void TimelineView::zoomIn()
{
    zoomAt(plotWidth() / 2.0, kZoomStep);
}

void TimelineView::zoomOut()
{
    zoomAt(plotWidth() / 2.0, 1.0 / kZoomStep);
}

void TimelineView::showAll()
{
    setMapping(TimelineMapping::fit(m_extentStart, m_extentEnd, plotWidth()));
}

void TimelineView::zoomAt(double x, double factor)
{
    setMapping(m_mapping.zoomedAt(x, factor));
}

int TimelineView::rowAt(int y) const
{
    if (y < kAxisHeight)
        return -1;
    const int row = m_firstRow + (y - kAxisHeight) / kRowHeight;
    return row < rowCount() ? row : -1;
}

QString TimelineView::rowLabel(const std::string &device, std::int64_t lane, bool gpu) const
{
    return gpu ? tr("%1 stream %2").arg(toQ(device)).arg(lane) : tr("CPU thread %1").arg(lane);
}

QString TimelineView::overviewToolTip(std::size_t lane, std::int64_t t) const
{
    const int b = overviewBucketAt(m_overview, t);
    if (b < 0 || lane >= m_overview.lanes.size())
        return {};
    const auto &l = m_overview.lanes[lane];
    const auto i = std::size_t(b);
    if (l.events[i] == 0 && l.busyNs[i] <= 0)
        return {};
    const double width = m_overview.bucketNs();
    const double from = double(m_overview.startNs - m_extentStart) + b * width;
    QString text = QStringLiteral("<b>%1</b><br>").arg(rowLabel(l.device, l.lane, isGpu(l.device)).toHtmlEscaped());
    text += tr("From %1 to %2").arg(formatDuration(from), formatDuration(from + width));
    text += QStringLiteral("<br>") + tr("Events: %1").arg(QLocale().toString(qulonglong(l.events[i])));
    text += QStringLiteral("<br>") + tr("Busy: %1%").arg(qBound(0.0, 100.0 * l.busyNs[i] / width, 100.0), 0, 'f', 0);
    text += QStringLiteral("<br>") + tr("Zoom in to see single events.");
    return text;
}

QString TimelineView::toolTipAt(const QPoint &pos) const
{
    const int row = rowAt(pos.y());
    if (row < 0 || pos.x() < kLabelWidth)
        return {};
    const double x = pos.x() - kLabelWidth;
    if (!drawsDetail())
        return overviewToolTip(std::size_t(row), m_mapping.timeForX(x));
    const TimelineSpan *s =
        m_data.spanAt(std::size_t(row), m_mapping.timeForX(x), std::llround(2 * m_mapping.nsPerPixel));
    if (!s)
        return {};
    QString text = QStringLiteral("<b>%1</b><br>").arg(toQ(m_data.strings[s->name]).toHtmlEscaped());
    text += tr("Duration: %1").arg(formatDuration(double(s->endNs - s->startNs)));
    text += QStringLiteral("<br>") + tr("Starts at: %1").arg(formatDuration(double(s->startNs - m_extentStart)));
    if (s->shapes != 0)
        text += QStringLiteral("<br>") + tr("Input shapes: %1").arg(toQ(m_data.strings[s->shapes]).toHtmlEscaped());
    return text;
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            text = toolTip(); // the usage hint, away from any event
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    drawAxis(p);
    m_lastRects = 0;
    const bool detail = drawsDetail();
    const bool overview = !detail && m_runId > 0 && m_overviewRun == m_runId;
    const int rows = rowCount();
    if (detail) {
        int y = kAxisHeight;
        for (int r = m_firstRow; r < rows && y < height(); ++r, y += kRowHeight)
            drawRow(p, m_data.rows[size_t(r)], y);
    } else if (overview) {
        int y = kAxisHeight;
        for (int r = m_firstRow; r < rows && y < height(); ++r, y += kRowHeight) {
            const auto &lane = m_overview.lanes[size_t(r)];
            m_lastRects +=
                drawOverviewLane(p, m_overview, lane, m_mapping, QRect(kLabelWidth, y + 1, plotWidth(), kRowHeight - 2),
                                 laneColor(isGpu(lane.device)));
        }
    }
    if ((detail || overview) && rows == 0)
        m_message = tr("No events in this part of the trace.");
    // Row labels over the left margin.
    p.fillRect(QRect(0, 0, kLabelWidth, height()), palette().window());
    p.setPen(palette().windowText().color());
    int y = kAxisHeight;
    for (int r = m_firstRow; r < rows && y < height(); ++r, y += kRowHeight) {
        QString label;
        if (detail) {
            const TimelineRow &row = m_data.rows[size_t(r)];
            if (row.depth == 0)
                label = rowLabel(row.device, row.lane, row.gpu);
        } else {
            const auto &lane = m_overview.lanes[size_t(r)];
            label = rowLabel(lane.device, lane.lane, isGpu(lane.device));
        }
        if (!label.isEmpty()) {
            p.drawLine(0, y, width(), y);
            p.drawText(QRect(4, y, kLabelWidth - 8, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       fontMetrics().elidedText(label, Qt::ElideRight, kLabelWidth - 8));
        }
    }
    if (overview && rows > 0 && y + kRowHeight <= height()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(QRect(kLabelWidth + 4, y + 4, plotWidth() - 8, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("Busy time per thread and stream, %1 events; zoom in to see single events.")
                       .arg(QLocale().toString(qlonglong(m_overview.eventCount))));
    }
    if (!m_message.isEmpty()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect().adjusted(kLabelWidth, kAxisHeight, 0, 0), Qt::AlignCenter | Qt::TextWordWrap, m_message);
    }
    p.end();
    m_paintedOverview = overview;
    emit framePainted(detail || overview);
}

void TimelineView::drawAxis(QPainter &p)
{
    p.fillRect(QRect(0, 0, width(), kAxisHeight), palette().window());
    p.setPen(palette().mid().color());
    p.drawLine(0, kAxisHeight - 1, width(), kAxisHeight - 1);
    if (m_extentEnd <= m_extentStart)
        return;
    // Tick labels are relative to the first event of the run.
    const double step = tickStep(m_mapping.nsPerPixel, 90);
    const double rel0 = double(m_mapping.startNs - m_extentStart);
    const double first = std::ceil(rel0 / step) * step;
    p.setPen(palette().windowText().color());
    for (double t = first;; t += step) {
        const double x = kLabelWidth + (t - rel0) / m_mapping.nsPerPixel;
        if (x > width())
            break;
        p.drawLine(QPointF(x, kAxisHeight - 5), QPointF(x, kAxisHeight - 1));
        p.drawText(QPointF(x + 3, kAxisHeight - 7), formatDuration(t));
    }
}

void TimelineView::drawRow(QPainter &p, const TimelineRow &row, int y)
{
    const auto &spans = row.spans;
    const int w = plotWidth();
    const std::int64_t t0 = m_mapping.startNs, t1 = m_mapping.endNs(w);
    const QColor dense = laneColor(row.gpu);
    const int top = y + 1, h = kRowHeight - 2;
    // Runs of pixel columns covered only by sub-pixel events, drawn as one rectangle.
    int denseFrom = -1, denseTo = -1;
    auto flushDense = [&] {
        if (denseFrom >= 0) {
            p.fillRect(QRect(kLabelWidth + denseFrom, top, denseTo - denseFrom + 1, h), dense);
            ++m_lastRects;
        }
        denseFrom = denseTo = -1;
    };
    p.setPen(Qt::black);
    std::size_t i = firstEndingAfter(spans, t0);
    while (i < spans.size() && spans[i].startNs < t1) {
        const TimelineSpan &s = spans[i];
        const double x0 = m_mapping.xForTime(s.startNs), x1 = m_mapping.xForTime(s.endNs);
        if (x1 - x0 >= 2.0) {
            flushDense();
            const double l = qMax(0.0, x0), r = qMin(double(w), x1);
            const QRectF box(kLabelWidth + l, top, r - l, h);
            p.fillRect(box, spanColor(s));
            ++m_lastRects;
            if (box.width() > 40) {
                p.drawText(box.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter,
                           fontMetrics().elidedText(toQ(m_data.strings[s.name]), Qt::ElideRight, int(box.width()) - 5));
            }
            ++i;
            continue;
        }
        const int col = int(std::floor(qMax(0.0, x0)));
        const int last = int(std::floor(qMin(double(w - 1), x1)));
        if (denseFrom >= 0 && col <= denseTo + 1) {
            denseTo = qMax(denseTo, last);
        } else {
            flushDense();
            denseFrom = col;
            denseTo = qMax(col, last);
        }
        // Everything that ends inside the covered columns adds nothing: jump past it.
        const std::int64_t boundary = m_mapping.timeForX(denseTo + 1);
        const auto next = std::partition_point(spans.begin() + std::ptrdiff_t(i) + 1, spans.end(),
                                               [boundary](const TimelineSpan &t) { return t.endNs <= boundary; });
        i = std::size_t(next - spans.begin());
    }
    flushDense();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_extentEnd > m_extentStart)
        setMapping(m_mapping);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ShiftModifier) {
        m_firstRow = qBound(0, m_firstRow - int(steps * 3), qMax(0, rowCount() - 1));
        update();
    } else {
        zoomAt(event->position().x() - kLabelWidth, std::pow(kZoomStep, steps));
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_pressPos = event->pos();
        m_pressMapping = m_mapping;
        setCursor(Qt::ClosedHandCursor);
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging)
        setMapping(m_pressMapping.pannedBy(m_pressPos.x() - event->pos().x()));
}

void TimelineView::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    unsetCursor();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus: zoomOut(); break;
    case Qt::Key_Left: setMapping(m_mapping.pannedBy(-plotWidth() / 10.0)); break;
    case Qt::Key_Right: setMapping(m_mapping.pannedBy(plotWidth() / 10.0)); break;
    case Qt::Key_Up:
        m_firstRow = qMax(0, m_firstRow - 1);
        update();
        break;
    case Qt::Key_Down:
        m_firstRow = qMin(qMax(0, rowCount() - 1), m_firstRow + 1);
        update();
        break;
    case Qt::Key_Home: showAll(); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

} // namespace optibench::ui
