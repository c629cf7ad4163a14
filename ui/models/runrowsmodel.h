#pragma once
// The comparison at sweep scale: one row per run, or per group of runs that share the values of
// chosen spec fields (core::groupRuns), with the spec fields that differ between the runs as
// columns and then the metrics, each cell the figure with its 95% interval and, against the
// baseline's row, the ratio and its verdict. Built for thousands of rows: the values the rows
// sort by are read once, and the intervals and verdicts of a cell only when a view asks for it.
#include "app/core/noise_floor.h"
#include "app/core/run_statistics.h"
#include "app/core/spec_diff.h"
#include "ui/models/comparisonmodel.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QVector>

#include <optional>
#include <vector>

namespace optibench::ui {

class RunRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // SortRole: a number for every column (NaN where a row lacks the metric); FilterRole (column
    // 0): the row's label and "field=value" of each differing field, for the filter box.
    enum Role { SortRole = Qt::UserRole + 1, FilterRole };

    explicit RunRowsModel(QObject *parent = nullptr);
    // `baseline`: an index into runs. The thresholds are the comparison's (threshold and floors).
    void setRuns(const QVector<ComparedRun> &runs, int baseline, const core::Thresholds &thresholds);
    void setThresholds(const core::Thresholds &thresholds);
    // Spec paths (as differingFields() names them) to group by; empty: a row per run.
    void setGroupBy(const QStringList &fields);
    QStringList groupBy() const { return m_groupBy; }

    // The spec fields in which the runs differ ("optimizations.quantization", ...).
    QStringList differingFields() const { return m_fields; }
    QStringList metricKeys() const { return m_metrics; }
    int metricColumn(const QString &key) const; // -1: not shown
    int firstMetricColumn() const { return int(m_shownFields.size()) + (m_groupBy.isEmpty() ? 1 : 2); }

    // Per row (source rows of this model).
    QString label(int row) const;
    bool isBaseline(int row) const;
    QVector<qint64> runIds(int row) const;           // the row's runs
    double value(int row, const QString &key) const; // the sorting value; NaN: missing
    std::optional<core::Figure> figure(int row, const QString &key) const;
    const stats::Judgement &judgement(int row, const QString &key) const;
    // The value of field `path` in the row (its first run's), as the comparison shows it.
    QString fieldValue(int row, const QString &path) const;
    int baselineRow() const;
    const QVector<ComparedRun> &runs() const { return m_runs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Cell {
        std::optional<core::Figure> figure;
        stats::Judgement judgement;
    };
    struct Row {
        QString label;
        std::vector<std::size_t> members; // indexes into m_runs
        bool baseline = false;
        std::vector<double> values;                     // per metric: the run's value or the group's median
        mutable std::vector<std::optional<Cell>> cells; // per metric, filled when first shown
    };
    void rebuild();
    std::vector<const core::RunFigures *> figuresOf(const Row &r) const;
    const Cell &cell(int row, int metric) const;
    QString cellText(int row, int metric) const;
    QString cellToolTip(int row, int metric) const;
    QString filterText(int row) const;

    QVector<ComparedRun> m_runs;
    std::vector<core::RunFigures> m_figures; // per run
    core::FieldDifferences m_differences;    // of the runs' specs
    QStringList m_fields;                    // differing spec paths
    QStringList m_shownFields;               // the group-by fields when grouped, else m_fields
    QStringList m_metrics;
    QStringList m_groupBy;
    std::vector<Row> m_rows;
    int m_baseline = 0;
    core::Thresholds m_thresholds;
};

// Sorts by RunRowsModel::SortRole with rows that lack the value last, whichever the order.
class RunRowsProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunRowsProxy(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

// The metrics a comparison at scale shows, of those any run has: latency, throughput, memory,
// size, then quality.
QStringList rowMetricKeys(const QVector<ComparedRun> &runs);

} // namespace optibench::ui
