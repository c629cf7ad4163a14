#pragma once
// A run's trace on a time axis: one row per thread or stream and nesting depth, ops, layer
// ranges and kernels as bars. Zoomed out, it first shows the store's per-lane overview (busy
// time per pixel column, computed without reading single events: a million events in tens of
// milliseconds); once the visible window (with a margin) holds at most kDetailEvents events,
// they are loaded one by one. Both queries run on worker threads with their own connections;
// events narrower than a pixel are merged into one bar per pixel column and row.
// Wheel or +/- zooms, dragging or the arrow keys pan, Home shows everything.
#include "app/core/store.h"
#include "ui/models/jobtracker.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/timelinemapping.h"

#include <QThreadPool>
#include <QWidget>

#include <memory>
#include <utility>

class QTimer;

namespace optibench::ui {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    ~TimelineView() override;

    void setRun(qint64 runId);
    qint64 runId() const { return m_runId; }
    const TimelineMapping &mapping() const { return m_mapping; }
    void setMapping(const TimelineMapping &mapping);
    const TimelineData &data() const { return m_data; }
    const core::TraceOverview &overview() const { return m_overview; }
    bool isLoading() const { return m_detailJobs.isJobRunning() || m_overviewJobs.isJobRunning(); }
    // Whether the last paint showed the overview rather than single events.
    bool showsOverview() const { return m_paintedOverview; }
    // Single events are loaded for windows of at most this many events.
    static constexpr std::int64_t kDetailEvents = 60000;
    int plotWidth() const;
    // Rectangles drawn by the last paint (after merging sub-pixel events).
    int lastRectCount() const { return m_lastRects; }
    QString toolTipAt(const QPoint &pos) const;

public slots:
    void zoomIn();
    void zoomOut();
    void showAll();

signals:
    // Emitted at the end of every paint; withEvents: the loaded events of the run were drawn.
    void framePainted(bool withEvents);
    void errorOccurred(const QString &message);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void zoomAt(double x, double factor);
    void loadVisibleWindow();
    void loadDetailIfSmall();
    // The visible window and half of it again on either side, within the run.
    std::pair<std::int64_t, std::int64_t> loadRange() const;
    bool detailCovers(std::int64_t t0, std::int64_t t1) const;
    bool overviewFits(std::int64_t t0, std::int64_t t1) const;
    bool drawsDetail() const;
    int rowCount() const;
    int rowAt(int y) const;
    void drawAxis(QPainter &p);
    void drawRow(QPainter &p, const TimelineRow &row, int y);
    QString rowLabel(const std::string &device, std::int64_t lane, bool gpu) const;
    QString overviewToolTip(std::size_t lane, std::int64_t t) const;

    std::shared_ptr<core::Store> m_store;
    // One thread each: loads of one kind run one after another, an overview never waits for a
    // detailed window.
    QThreadPool m_overviewPool;
    QThreadPool m_detailPool;
    JobTracker m_overviewJobs;
    JobTracker m_detailJobs;
    QTimer *m_loadTimer;
    qint64 m_runId = 0;
    std::int64_t m_extentStart = 0;
    std::int64_t m_extentEnd = 0;
    TimelineMapping m_mapping;
    TimelineData m_data;
    std::int64_t m_eventCount = 0;
    core::TraceOverview m_overview; // of m_runId once m_overviewRun == m_runId
    qint64 m_overviewRun = 0;
    std::pair<std::int64_t, std::int64_t> m_detailPending{0, 0}; // window of the running detail load
    bool m_paintedOverview = false;
    int m_firstRow = 0; // vertical scroll, in rows
    QPoint m_pressPos;
    TimelineMapping m_pressMapping;
    bool m_dragging = false;
    int m_lastRects = 0;
    QString m_message;
};

} // namespace optibench::ui
