#pragma once
// Cost against quality for the compared runs: a scatter of latency, throughput, memory or model
// size against agreement, accuracy, KL or perplexity, each point with its 95% intervals as error
// bars and labelled with its run, the Pareto front drawn through the runs no other run beats
// beyond doubt (app/core/recommend.h); beside it, the runs' latency series overlaid.
#include "app/core/run_statistics.h"
#include "ui/models/comparisonmodel.h"
#include "ui/models/metricinfo.h"

#include <array>
#include <cstddef>

#include <QVector>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPItemLine;
class QCPItemText;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class TradeoffView : public QWidget {
    Q_OBJECT
public:
    explicit TradeoffView(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    // Each run is labelled with what its spec changes from the baseline's (`baseline`: an index).
    void setRuns(const QVector<ComparedRun> &runs, int baseline = 0);
    QComboBox *costBox() const { return m_cost; }
    QComboBox *qualityBox() const { return m_quality; }
    QCustomPlot *scatter() const { return m_scatter; }
    QCustomPlot *series() const { return m_series; }
    // Ids of the runs on the Pareto front of the current axes, by cost.
    QVector<qint64> frontRunIds() const { return m_front; }

signals:
    void errorOccurred(const QString &message);

private:
    struct Point {
        int run;                       // index into m_runs
        std::array<double, 3> cost;    // value, interval low, high (in the axis' units)
        std::array<double, 3> quality; // the same
    };
    std::vector<Point> points(const QString &costKey, const QString &qualityKey) const;
    static std::vector<std::size_t> front(const std::vector<Point> &points, const MetricInfo &cost,
                                          const MetricInfo &quality);
    void drawFront(const std::vector<Point> &pts, const std::vector<std::size_t> &front, bool higherCost);
    void drawPoints(const std::vector<Point> &pts);
    void updateScatter();
    void updateSeries();
    // Puts each run's label next to its point where it overlaps no other label or point
    // (right, left, then stepped up and down with a leader line); runs on every layout, so
    // zooming, resizing and exporting keep the labels apart.
    void placeLabels();

    struct PointLabel {
        QCPItemText *text;
        QCPItemLine *leader;
        double x, y; // the point, in plot coordinates
    };
    std::vector<PointLabel> m_labels;

    std::shared_ptr<core::Store> m_store;
    QVector<ComparedRun> m_runs;
    std::vector<core::RunFigures> m_figures; // per run, for the intervals
    QStringList m_runLabels;                 // per run: "#7 dynamic-int8 + bucketed"
    QComboBox *m_cost;
    QComboBox *m_quality;
    QCustomPlot *m_scatter;
    QCustomPlot *m_series;
    QVector<qint64> m_front;
};

} // namespace optibench::ui
