#pragma once
// One run in detail: its metrics, the spec and environment as pretty JSON, and latency charts
// (per iteration, and a histogram) from the store's "latency_ms" series (a generation run's per
// token, its first token apart: ui/charts/tokenlatency.h); its trace summarised
// (ops, layers, kernels) and on a timeline, each on its own page. Without a run it says how to
// choose one rather than drawing empty axes.
#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace optibench::core {
class Store;
struct Metric;
struct SeriesPoint;
} // namespace optibench::core

namespace optibench::ui {

class EmptyState;
struct TokenLatency;
class SeriesCharts;
class TimelineView;
class TraceSummaryView;

class RunDetail : public QWidget {
    Q_OBJECT
public:
    explicit RunDetail(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    qint64 runId() const { return m_runId; }
    QCustomPlot *latencyPlot() const { return m_latency; }
    QCustomPlot *histogramPlot() const { return m_histogram; }
    QTableWidget *metricsTable() const { return m_metrics; }
    TraceSummaryView *traceSummary() const { return m_traceSummary; }
    SeriesCharts *seriesCharts() const { return m_series; }
    TimelineView *timeline() const { return m_timeline; }
    QTabWidget *pages() const { return m_pages; }
    bool showsEmptyState() const;

public slots:
    void setRun(qint64 runId);

signals:
    void errorOccurred(const QString &message);

private:
    void plotLatency(const QVector<double> &steps, const QVector<double> &values);
    void plotTokens(const TokenLatency &tokens); // a generation run's
    void plotHistogram(const QVector<double> &values, const QString &name);
    void labelCharts(bool generation);
    void showMetrics(std::vector<core::Metric> metrics, const std::vector<core::SeriesPoint> &series);

    std::shared_ptr<core::Store> m_store;
    qint64 m_runId = 0;
    QLabel *m_title;
    QTableWidget *m_metrics;
    QPlainTextEdit *m_spec;
    QPlainTextEdit *m_environment;
    QCustomPlot *m_latency;
    QCustomPlot *m_histogram;
    QTabWidget *m_pages;
    SeriesCharts *m_series;
    TraceSummaryView *m_traceSummary;
    TimelineView *m_timeline;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
};

} // namespace optibench::ui
