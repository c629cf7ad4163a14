#include "ui/models/tracemodels.h"

#include "ui/models/convert.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cstdlib>

namespace optibench::ui {

QString formatDuration(double ns)
{
    // The locale's decimal separator: "50,000 ms" in German, where "50.000" would read as fifty thousand.
    const QLocale locale;
    const double a = std::abs(ns);
    if (a >= 1e9)
        return QCoreApplication::translate("optibench::ui::TraceTableModel", "%1 s")
            .arg(locale.toString(ns / 1e9, 'f', 3));
    if (a >= 1e6)
        return QCoreApplication::translate("optibench::ui::TraceTableModel", "%1 ms")
            .arg(locale.toString(ns / 1e6, 'f', 3));
    if (a >= 1e3)
        return QCoreApplication::translate("optibench::ui::TraceTableModel", "%1 µs")
            .arg(locale.toString(ns / 1e3, 'f', 1));
    return QCoreApplication::translate("optibench::ui::TraceTableModel", "%1 ns").arg(locale.toString(ns, 'f', 0));
}

int TraceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(headers().size());
}

QVariant TraceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int c = index.column();
    switch (role) {
    case SortRole: return cell(index.row(), c);
    case Qt::DisplayRole: {
        const QVariant v = cell(index.row(), c);
        if (isDuration(c))
            return formatDuration(v.toDouble());
        if (isShare(c))
            return QStringLiteral("%1 %").arg(v.toDouble() * 100.0, 0, 'f', 1);
        return v;
    }
    case Qt::ToolTipRole: return c == 0 ? cell(index.row(), c) : QVariant();
    case Qt::TextAlignmentRole: return c == 0 ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant TraceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return headers().value(section);
}

// --- ops ---------------------------------------------------------------------------------
void OpStatsModel::setSummary(const profiler::TraceSummary &summary)
{
    beginResetModel();
    m_ops = summary.ops;
    m_selfNs = summary.opSelfNs;
    endResetModel();
}

int OpStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ops.size());
}

QStringList OpStatsModel::headers() const
{
    return {tr("Op"), tr("Calls"), tr("Self time"), tr("Total time"), tr("Self share")};
}

QVariant OpStatsModel::cell(int row, int column) const
{
    const auto &o = m_ops.at(size_t(row));
    switch (column) {
    case Name: return toQ(o.name);
    case Count: return qlonglong(o.count);
    case Self: return double(o.selfNs);
    case Total: return double(o.totalNs);
    case SelfShare: return m_selfNs > 0 ? double(o.selfNs) / double(m_selfNs) : 0.0;
    }
    return {};
}

// --- layers ------------------------------------------------------------------------------
void RangeStatsModel::setSummary(const profiler::TraceSummary &summary)
{
    beginResetModel();
    m_ranges = summary.ranges;
    endResetModel();
}

int RangeStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ranges.size());
}

QStringList RangeStatsModel::headers() const
{
    return {tr("Layer"), tr("Calls"), tr("Total time"), tr("Mean"), tr("GPU kernel time")};
}

QVariant RangeStatsModel::cell(int row, int column) const
{
    const auto &r = m_ranges.at(size_t(row));
    switch (column) {
    case Name: return toQ(r.name);
    case Count: return qlonglong(r.count);
    case Total: return double(r.totalNs);
    case Mean: return r.count > 0 ? double(r.totalNs) / double(r.count) : 0.0;
    case KernelTime: return double(r.kernelNs);
    }
    return {};
}

// --- kernels -----------------------------------------------------------------------------
void KernelStatsModel::setSummary(const profiler::TraceSummary &summary)
{
    beginResetModel();
    m_kernels = summary.kernels;
    endResetModel();
}

int KernelStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_kernels.size());
}

QStringList KernelStatsModel::headers() const
{
    return {tr("Kernel"), tr("Count"), tr("Total time"), tr("Mean"), tr("Share")};
}

QVariant KernelStatsModel::cell(int row, int column) const
{
    const auto &k = m_kernels.at(size_t(row));
    switch (column) {
    case Name: return toQ(k.name);
    case Count: return qlonglong(k.count);
    case Total: return double(k.totalNs);
    case Mean: return k.meanNs;
    case Share: return k.share;
    }
    return {};
}

// --- diff --------------------------------------------------------------------------------
void TraceDiffModel::setDiff(const profiler::TraceDiff &diff)
{
    beginResetModel();
    m_rows.clear();
    for (const auto &r : diff.ops) {
        if (r.status != profiler::DiffStatus::Same)
            m_rows.push_back({false, r});
    }
    for (const auto &r : diff.kernels) {
        if (r.status != profiler::DiffStatus::Same)
            m_rows.push_back({true, r});
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        return std::llabs(a.diff.deltaNs()) > std::llabs(b.diff.deltaNs());
    });
    endResetModel();
}

int TraceDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QStringList TraceDiffModel::headers() const
{
    return {tr("Kind"),    tr("Name"),   tr("Change"), tr("Calls A"),
            tr("Calls B"), tr("Time A"), tr("Time B"), tr("Difference")};
}

QVariant TraceDiffModel::cell(int row, int column) const
{
    const Row &r = m_rows.at(size_t(row));
    switch (column) {
    case Kind: return r.kernel ? tr("kernel") : tr("op");
    case Name: return toQ(r.diff.name);
    case Status:
        switch (r.diff.status) {
        case profiler::DiffStatus::Added: return tr("added");
        case profiler::DiffStatus::Removed: return tr("removed");
        case profiler::DiffStatus::Changed: return tr("changed");
        case profiler::DiffStatus::Same: return tr("same");
        }
        return {};
    case CountA: return qlonglong(r.diff.countA);
    case CountB: return qlonglong(r.diff.countB);
    case TimeA: return double(r.diff.totalNsA);
    case TimeB: return double(r.diff.totalNsB);
    case Delta: return double(r.diff.deltaNs());
    }
    return {};
}

QVariant TraceDiffModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && checkIndex(index, CheckIndexOption::IndexIsValid) && index.column() == Delta) {
        // Less time in B is better: green; more: red.
        const auto d = m_rows.at(size_t(index.row())).diff.deltaNs();
        if (d != 0)
            return QBrush(d < 0 ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb3, 0x26, 0x1e));
        return {};
    }
    if (role == Qt::ToolTipRole && checkIndex(index, CheckIndexOption::IndexIsValid) && index.column() == Name)
        return cell(index.row(), Name);
    if (index.column() == Name && role == Qt::TextAlignmentRole)
        return {};
    if (index.column() == Kind || index.column() == Status) {
        if (role == Qt::TextAlignmentRole)
            return {};
    }
    return TraceTableModel::data(index, role);
}

} // namespace optibench::ui
