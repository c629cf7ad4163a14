#pragma once
// The comparison page: the spec fields that differ, the metrics side by side with changes
// against a chosen baseline; below them a bar chart of the metric selected in the table, cost
// against quality with the Pareto front, the latency series and the Recommend panel, and the
// trace diff of the baseline and the next run. With fewer than two runs it says how to choose them.
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

signals:
    void errorOccurred(const QString &message);

private:
    void updateChart();
    void updateHint(); // the run count, what differs, and the cautions (drift, noisy blocks)
    void setUpThreshold();
    static QLabel *verdictLegend(QWidget *parent);
    void updateTraceDiff();
    QWidget *costAndQualityPage();
    void loadNoiseFloors();

    std::shared_ptr<core::Store> m_store;
    QVector<qint64> m_runIds;
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
    QStackedWidget *m_stack;
    EmptyState *m_empty;
};

} // namespace optibench::ui
