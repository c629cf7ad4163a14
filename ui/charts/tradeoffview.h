#pragma once
// Cost against quality for the compared runs: a scatter of latency, memory or model size
// against accuracy or agreement, each point labelled with its run, the Pareto front drawn
// through the runs no other run beats on both; below it, the runs' latency series overlaid.
#include "ui/models/comparisonmodel.h"

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
    void setRuns(const QVector<ComparedRun> &runs);
    QComboBox *costBox() const { return m_cost; }
    QComboBox *qualityBox() const { return m_quality; }
    QCustomPlot *scatter() const { return m_scatter; }
    QCustomPlot *series() const { return m_series; }
    // Ids of the runs on the Pareto front of the current axes, by cost.
    QVector<qint64> frontRunIds() const { return m_front; }

signals:
    void errorOccurred(const QString &message);

private:
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
    QComboBox *m_cost;
    QComboBox *m_quality;
    QCustomPlot *m_scatter;
    QCustomPlot *m_series;
    QVector<qint64> m_front;
};

} // namespace optibench::ui
