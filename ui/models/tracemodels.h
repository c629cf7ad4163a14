#pragma once
// Table models over a trace summary (ops, layers, kernels) and over a trace diff. Each gets its
// data as a value through setSummary/setDiff, wrapped in a model reset. SortRole gives the raw
// number so a QSortFilterProxyModel sorts by time, not by text.
#include "profiler/trace/summary.h"
#include "profiler/trace/trace_diff.h"

#include <QAbstractTableModel>

namespace optibench::ui {

// "1.234 ms", "56.7 µs", "890 ns".
QString formatDuration(double ns);

class TraceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;
    using QAbstractTableModel::QAbstractTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    virtual QStringList headers() const = 0;
    // The raw value of a cell: a QString (name) or a number; durations are in ns.
    virtual QVariant cell(int row, int column) const = 0;
    virtual bool isDuration(int column) const = 0;
    virtual bool isShare(int /*column*/) const { return false; }
};

class OpStatsModel : public TraceTableModel {
    Q_OBJECT
public:
    enum Column { Name, Count, Self, Total, SelfShare };
    using TraceTableModel::TraceTableModel;
    void setSummary(const profiler::TraceSummary &summary);
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QStringList headers() const override;
    QVariant cell(int row, int column) const override;
    bool isDuration(int column) const override { return column == Self || column == Total; }
    bool isShare(int column) const override { return column == SelfShare; }

private:
    std::vector<profiler::OpStat> m_ops;
    std::int64_t m_selfNs = 0;
};

class RangeStatsModel : public TraceTableModel {
    Q_OBJECT
public:
    enum Column { Name, Count, Total, Mean, KernelTime };
    using TraceTableModel::TraceTableModel;
    void setSummary(const profiler::TraceSummary &summary);
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QStringList headers() const override;
    QVariant cell(int row, int column) const override;
    bool isDuration(int column) const override { return column == Total || column == Mean || column == KernelTime; }

private:
    std::vector<profiler::RangeStat> m_ranges;
};

class KernelStatsModel : public TraceTableModel {
    Q_OBJECT
public:
    enum Column { Name, Count, Total, Mean, Share };
    using TraceTableModel::TraceTableModel;
    void setSummary(const profiler::TraceSummary &summary);
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QStringList headers() const override;
    QVariant cell(int row, int column) const override;
    bool isDuration(int column) const override { return column == Total || column == Mean; }
    bool isShare(int column) const override { return column == Share; }

private:
    std::vector<profiler::KernelStat> m_kernels;
};

// Ops and kernels of two traces, one table: added, removed, changed (Same rows are left out),
// sorted by the absolute time difference.
class TraceDiffModel : public TraceTableModel {
    Q_OBJECT
public:
    enum Column { Kind, Name, Status, CountA, CountB, TimeA, TimeB, Delta };
    using TraceTableModel::TraceTableModel;
    void setDiff(const profiler::TraceDiff &diff);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
    QVariant cell(int row, int column) const override;
    bool isDuration(int column) const override { return column == TimeA || column == TimeB || column == Delta; }

private:
    struct Row {
        bool kernel = false;
        profiler::DiffRow diff;
    };
    std::vector<Row> m_rows;
};

} // namespace optibench::ui
