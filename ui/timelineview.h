#pragma once
// A run's trace on a time axis: one row per thread or stream and nesting depth, ops, layer
// ranges and kernels as bars. Events of the visible window (with a margin) are loaded from the
// store on a worker thread with its own connection; events narrower than a pixel are merged into
// one bar per pixel column and row, so a million events draw in a few milliseconds.
// Wheel or +/- zooms, dragging or the arrow keys pan, Home shows everything.
#include "ui/jobtracker.h"
#include "ui/timelinedata.h"
#include "ui/timelinemapping.h"

#include <QThreadPool>
#include <QWidget>

#include <memory>

class QTimer;

namespace optibench::core {
class Store;
}

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
    bool isLoading() const { return m_jobs.isJobRunning(); }
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
    int rowAt(int y) const;
    void drawAxis(QPainter &p);
    void drawRow(QPainter &p, const TimelineRow &row, int y);
    QString rowLabel(const TimelineRow &row) const;

    std::shared_ptr<core::Store> m_store;
    QThreadPool m_pool; // one thread: window loads run one after another
    JobTracker m_jobs;
    QTimer *m_loadTimer;
    qint64 m_runId = 0;
    std::int64_t m_extentStart = 0;
    std::int64_t m_extentEnd = 0;
    TimelineMapping m_mapping;
    TimelineData m_data;
    int m_firstRow = 0; // vertical scroll, in rows
    QPoint m_pressPos;
    TimelineMapping m_pressMapping;
    bool m_dragging = false;
    int m_lastRects = 0;
    QString m_message;
};

} // namespace optibench::ui
