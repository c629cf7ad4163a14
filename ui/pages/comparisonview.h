#pragma once
// The comparison page: the spec fields that differ, the metrics side by side with changes
// against a chosen baseline; below them a bar chart of the metric selected in the table, cost
// against quality with the Pareto front, the latency series and the Recommend panel, and the
// trace diff of the baseline and the next run. Past a handful of runs (core::kMostRunColumns) the
// runs are rows instead (RunRowsView), with charts that stay readable for thousands. With fewer
// than two runs it says how to choose them.
#include "ui/models/comparisonmodel.h"
#include "ui/models/rungroups.h"

#include <QVector>
#include <QWidget>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QCustomPlot;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class ComparisonModel;
class RecommendPanel;
class RunRowsView;
class EmptyState;
class SpecDiffModel;
class TraceDiffView;
class TradeoffView;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    // baselineRunId: preselected baseline when it is among the runs (else the first run).
    void setRuns(const QVector<qint64> &runIds, qint64 baselineRunId = 0);
    QVector<qint64> runIds() const { return m_runIds; }
    ComparisonModel *model() const { return m_model; }
    SpecDiffModel *specModel() const { return m_specModel; }
    QCustomPlot *chart() const { return m_chart; }
    TradeoffView *tradeoff() const { return m_tradeoff; }
    RecommendPanel *recommend() const { return m_recommend; }
    TraceDiffView *traceDiff() const { return m_traceDiff; }
    QTabWidget *chartPages() const { return m_chartPages; }
    void showMetric(const QString &key);
    QString metric() const { return m_metric; } // the one the Selected metric chart shows
    // Reads the baseline's noise floors again (after a calibration) and redoes the verdicts.
    void reloadNoiseFloors() { loadNoiseFloors(); }
    void showCostAndQuality();    // the chart page with the Recommend panel
    bool showsEmptyState() const; // fewer than two runs
    bool showsRows() const;       // more runs than fit as columns
    RunRowsView *rowsView() const { return m_rows; }

signals:
    void errorOccurred(const QString &message);
    // From the rows' selection: a comparison of those runs against `baseline`, or their re-run
    // interleaved with the baseline.
    void compareRequested(const QVector<qint64> &runIds, qint64 baseline);
    void interleavedRerunRequested(const QueuedRun &baseline, const QVector<QueuedRun> &others);

private:
    void updateChart();
    void updateHint(); // the run count, what differs, and the cautions (drift, noisy blocks)
    void setUpThreshold();
    static QLabel *verdictLegend(QWidget *parent);
    void updateTraceDiff();
    QWidget *costAndQualityPage();
    void loadNoiseFloors();
    QVector<ComparedRun> readRuns(const QVector<qint64> &runIds);
    void showRows(bool rows);
    void connectRows();
    qint64 baselineId() const;

    std::shared_ptr<core::Store> m_store;
    QVector<qint64> m_runIds;
    QVector<ComparedRun> m_runs; // as read, in either mode
    int m_baselineIndex = 0;     // into m_runs
    ComparisonModel *m_model;
    SpecDiffModel *m_specModel;
    QLabel *m_hint;
    QComboBox *m_baseline;
    QDoubleSpinBox *m_threshold;
    QTableView *m_specTable;
    QTableView *m_metricsTable;
    QCustomPlot *m_chart;
    TradeoffView *m_tradeoff;
    RecommendPanel *m_recommend;
    TraceDiffView *m_traceDiff;
    QTabWidget *m_chartPages;
    QWidget *m_costAndQuality = nullptr; // the Cost and quality page
    QString m_metric;
    RunRowsView *m_rows;
    QStackedWidget *m_modes; // the runs as columns, or as rows
    QWidget *m_columns;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
};

} // namespace optibench::ui
