#pragma once
// The comparison past a handful of runs: the runs (or groups of them) as rows of a sortable,
// filterable table, and below it the chosen metric's best and worst rows as bars, cost against
// quality as a scatter and the toggles against the metrics as parallel coordinates. A selection
// in the table or on any chart is the same selection everywhere; it can become a comparison of
// its own or an interleaved re-run.
#include "app/core/noise_floor.h"
#include "ui/models/comparisonmodel.h"

#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace optibench::ui {

class ParallelCoordinates;
class RankedBarsChart;
class RunRowsModel;
class RunRowsProxy;
class RunScatter;

class RunRowsView : public QWidget {
    Q_OBJECT
public:
    explicit RunRowsView(QWidget *parent = nullptr);
    void setRuns(const QVector<ComparedRun> &runs, int baseline, const core::Thresholds &thresholds);
    void setThresholds(const core::Thresholds &thresholds);
    void setGroupBy(const QStringList &fields);
    void setChartMetric(const QString &key);
    QString chartMetric() const;
    void setFilterText(const QString &text);

    RunRowsModel *model() const { return m_model; }
    RunRowsProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    RankedBarsChart *bars() const { return m_bars; }
    RunScatter *scatter() const { return m_scatter; }
    ParallelCoordinates *parallel() const { return m_parallel; }
    QTabWidget *chartPages() const { return m_charts; }
    QSpinBox *topCount() const { return m_top; }
    QVector<int> selectedRows() const; // rows of the model
    QVector<qint64> selectedRunIds() const;
    // Selects the model's `rows` in the table (and so on the charts), as a chart's click does.
    void selectRows(const QVector<int> &rows, bool addToSelection = false);

signals:
    void compareRequested(const QVector<qint64> &runIds);
    void rerunRequested(const QVector<qint64> &runIds);

private:
    QWidget *toolBar();
    void fillGroupMenu();
    void groupingChanged();
    void updateCharts();
    void updateBars();
    void updateScatter();
    void updateParallel();
    void followTableSelection();
    QVector<int> shownRows() const; // the rows the filter lets through, in the model's order
    QString describe(int row) const;

    RunRowsModel *m_model;
    RunRowsProxy *m_proxy;
    QTableView *m_table;
    QLabel *m_summary;
    QToolButton *m_groupButton;
    QLineEdit *m_filter;
    QTimer *m_filterTimer;
    QComboBox *m_metric;
    QComboBox *m_quality;
    QSpinBox *m_top;
    QPushButton *m_compare;
    QPushButton *m_rerun;
    QTabWidget *m_charts;
    RankedBarsChart *m_bars;
    RunScatter *m_scatter;
    ParallelCoordinates *m_parallel;
    bool m_syncing = false;
};

} // namespace optibench::ui
