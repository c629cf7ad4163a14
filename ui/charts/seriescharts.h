#pragma once
// A run's time series other than per-iteration latency, one chart each, in a grid: training
// loss, step time, memory, learning rate, evaluation accuracy, loss scale (x: optimizer step)
// and per-layer sparsity (x: layer index, as bars). Axes carry units; series the run does not
// have get no chart. Every chart has the export menu of the other charts.
#include "app/core/store.h"

#include <QWidget>

#include <vector>

class QGridLayout;
class QLabel;
class QCustomPlot;

namespace optibench::ui {

class SeriesCharts : public QWidget {
    Q_OBJECT
public:
    explicit SeriesCharts(QWidget *parent = nullptr);
    // All series of one run (latency_ms is left to the overview page).
    void setSeries(const std::vector<core::SeriesPoint> &points);
    // The names that got a chart, in display order.
    QStringList shownSeries() const { return m_shown; }
    QList<QCustomPlot *> charts() const { return m_charts; }

private:
    QGridLayout *m_grid;
    QLabel *m_empty;
    QList<QCustomPlot *> m_charts;
    QStringList m_shown;
};

} // namespace optibench::ui
