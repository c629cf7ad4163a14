#include "ui/models/runrowsmodel.h"

#include "app/core/grouping.h"
#include "app/core/recommend.h"
#include "app/core/spec_diff.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"

#include <nlohmann/json.hpp>

#include <QBrush>
#include <QFont>

#include <algorithm>
#include <cmath>

namespace optibench::ui {

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return NAN;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// "optimizations.quantization" -> "quantization", "task.padding" -> "padding": the header of a
// field's column (its tooltip keeps the path).
QString shortField(const QString &path)
{
    for (const char *prefix : {"optimizations.", "task.", "profiling."})
        if (path.startsWith(QLatin1String(prefix)))
            return path.mid(int(qstrlen(prefix)));
    return path;
}

} // namespace

QStringList rowMetricKeys(const QVector<ComparedRun> &runs)
{
    QStringList wanted{QStringLiteral("latency_mean_ms"),   QStringLiteral("latency_p50_ms"),
                       QStringLiteral("latency_p99_ms"),    QStringLiteral("throughput_seq_s"),
                       QStringLiteral("peak_memory_bytes"), QStringLiteral("model_bytes")};
    for (const auto &q : core::qualityMetrics())
        wanted << toQ(q);
    QStringList out;
    for (const QString &key : wanted)
        if (std::any_of(runs.begin(), runs.end(), [&key](const ComparedRun &r) { return r.metrics.contains(key); }))
            out << key;
    return out;
}

RunRowsModel::RunRowsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunRowsModel::setRuns(const QVector<ComparedRun> &runs, int baseline, const core::Thresholds &thresholds)
{
    m_runs = runs;
    m_baseline = runs.isEmpty() ? 0 : qBound(0, baseline, int(runs.size()) - 1);
    m_thresholds = thresholds;
    m_figures.clear();
    std::vector<std::string> specs;
    for (const ComparedRun &r : runs) {
        m_figures.push_back(ui::figuresOf(r));
        specs.push_back(m_figures.back().specJson);
    }
    m_differences = core::differingFields(specs, {"name"});
    m_fields.clear();
    for (const auto &path : m_differences.differing)
        m_fields << toQ(path);
    m_metrics = rowMetricKeys(runs);
    QStringList kept;
    for (const QString &f : std::as_const(m_groupBy))
        if (m_fields.contains(f))
            kept << f;
    m_groupBy = kept;
    rebuild();
}

void RunRowsModel::setThresholds(const core::Thresholds &thresholds)
{
    m_thresholds = thresholds;
    for (auto &r : m_rows)
        std::fill(r.cells.begin(), r.cells.end(), std::nullopt);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void RunRowsModel::setGroupBy(const QStringList &fields)
{
    m_groupBy = fields;
    rebuild();
}

void RunRowsModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_shownFields = m_groupBy.isEmpty() ? m_fields : m_groupBy;
    if (m_groupBy.isEmpty()) {
        for (int i = 0; i < m_runs.size(); ++i)
            m_rows.push_back(
                {tr("#%1 %2").arg(m_runs.at(i).id).arg(m_runs.at(i).name), {std::size_t(i)}, i == m_baseline, {}, {}});
    } else {
        std::vector<std::string> keys;
        for (const QString &f : std::as_const(m_groupBy))
            keys.push_back(fromQ(f));
        for (const auto &g : core::groupRuns(m_figures, keys)) {
            QStringList label; // "quantization=dynamic-int8 padding=bucketed": the short names
            for (const QString &f : std::as_const(m_groupBy)) {
                const auto *v = m_differences.value(g.members.front(), fromQ(f));
                label << shortField(f) + QLatin1Char('=') + (v ? shownFieldValue(*v) : QStringLiteral("–"));
            }
            Row r{label.join(QLatin1Char(' ')), g.members, false, {}, {}};
            r.baseline = std::find(g.members.begin(), g.members.end(), std::size_t(m_baseline)) != g.members.end();
            m_rows.push_back(std::move(r));
        }
    }
    for (auto &r : m_rows) {
        for (const QString &key : std::as_const(m_metrics)) {
            std::vector<double> values;
            for (std::size_t i : r.members)
                if (const auto it = m_runs.at(int(i)).metrics.constFind(key); it != m_runs.at(int(i)).metrics.cend())
                    values.push_back(*it);
            r.values.push_back(median(std::move(values)));
        }
        r.cells.assign(std::size_t(m_metrics.size()), std::nullopt);
    }
    endResetModel();
}

int RunRowsModel::metricColumn(const QString &key) const
{
    const int i = int(m_metrics.indexOf(key));
    return i < 0 ? -1 : firstMetricColumn() + i;
}

QString RunRowsModel::label(int row) const
{
    return m_rows.at(std::size_t(row)).label;
}

bool RunRowsModel::isBaseline(int row) const
{
    return m_rows.at(std::size_t(row)).baseline;
}

int RunRowsModel::baselineRow() const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].baseline)
            return int(i);
    return -1;
}

QVector<qint64> RunRowsModel::runIds(int row) const
{
    QVector<qint64> ids;
    for (std::size_t i : m_rows.at(std::size_t(row)).members)
        ids << m_runs.at(int(i)).id;
    return ids;
}

double RunRowsModel::value(int row, const QString &key) const
{
    const int m = int(m_metrics.indexOf(key));
    return m < 0 ? NAN : m_rows.at(std::size_t(row)).values.at(std::size_t(m));
}

std::vector<const core::RunFigures *> RunRowsModel::figuresOf(const Row &r) const
{
    std::vector<const core::RunFigures *> out;
    for (std::size_t i : r.members)
        out.push_back(&m_figures[i]);
    return out;
}

const RunRowsModel::Cell &RunRowsModel::cell(int row, int metric) const
{
    const Row &r = m_rows.at(std::size_t(row));
    auto &c = r.cells.at(std::size_t(metric));
    if (!c) {
        const std::string key = fromQ(m_metrics.at(metric));
        Cell filled;
        filled.figure = core::groupFigure(key, figuresOf(r));
        const int base = baselineRow();
        if (!r.baseline && base >= 0)
            filled.judgement =
                core::judgeGroup(key, figuresOf(r), figuresOf(m_rows[std::size_t(base)]), m_thresholds.of(key));
        c = std::move(filled);
    }
    return *c;
}

std::optional<core::Figure> RunRowsModel::figure(int row, const QString &key) const
{
    const int m = int(m_metrics.indexOf(key));
    return m < 0 ? std::nullopt : cell(row, m).figure;
}

const stats::Judgement &RunRowsModel::judgement(int row, const QString &key) const
{
    static const stats::Judgement none;
    const int m = int(m_metrics.indexOf(key));
    return m < 0 ? none : cell(row, m).judgement;
}

QString RunRowsModel::fieldValue(int row, const QString &path) const
{
    const auto &r = m_rows.at(std::size_t(row));
    const auto *v = m_differences.value(r.members.front(), fromQ(path));
    return v ? shownFieldValue(*v) : QStringLiteral("–");
}

QString RunRowsModel::cellText(int row, int metric) const
{
    const Cell &c = cell(row, metric);
    if (!c.figure)
        return QStringLiteral("–");
    QString text = formatFigure(m_metrics.at(metric), *c.figure);
    const auto &j = c.judgement;
    if (std::isfinite(j.ratio) && j.verdict != stats::Verdict::NotJudged)
        text += QStringLiteral("  · ") + ratioText(j.ratio) + QLatin1Char(' ') + verdictText(j.verdict);
    return text;
}

QString RunRowsModel::cellToolTip(int row, int metric) const
{
    const Cell &c = cell(row, metric);
    const QString key = m_metrics.at(metric);
    if (!c.figure)
        return tr("%1: not measured").arg(metricInfo(key).label);
    QString tip = metricInfo(key).label + QStringLiteral(": ") + formatMetric(key, c.figure->value);
    if (!c.figure->qualifier.empty())
        tip += QStringLiteral(" (") + toQ(c.figure->qualifier) + QLatin1Char(')');
    if (c.figure->interval && c.figure->interval->lo != c.figure->interval->hi)
        tip += tr(", 95% interval %1 to %2")
                   .arg(formatMetric(key, c.figure->interval->lo), formatMetric(key, c.figure->interval->hi));
    const auto &j = c.judgement;
    if (std::isfinite(j.ratio) && j.verdict != stats::Verdict::NotJudged) {
        tip += QLatin1Char('\n') + tr("Against the baseline: %1").arg(ratioText(j.ratio));
        if (j.interval && j.interval->lo != j.interval->hi)
            tip += tr(", 95% interval %1 to %2").arg(ratioText(j.interval->lo), ratioText(j.interval->hi));
        tip += QStringLiteral(": ") + verdictText(j.verdict);
    }
    return tip;
}

QString RunRowsModel::filterText(int row) const
{
    QString text = label(row);
    for (const QString &f : std::as_const(m_shownFields))
        text += QLatin1Char(' ') + shortField(f) + QLatin1Char('=') + fieldValue(row, f);
    return text;
}

int RunRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : firstMetricColumn() + int(m_metrics.size());
}

QVariant RunRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row(), column = index.column();
    const bool grouped = !m_groupBy.isEmpty();
    const int fieldColumn = grouped ? 2 : 1, metric = column - firstMetricColumn();
    if (role == FilterRole)
        return column == 0 ? QVariant(filterText(row)) : QVariant();
    if (role == SortRole) {
        if (column == 0)
            return grouped ? QVariant(label(row))
                           : QVariant(m_runs.at(int(m_rows[std::size_t(row)].members.front())).id);
        if (grouped && column == 1)
            return double(m_rows[std::size_t(row)].members.size());
        if (metric < 0)
            return fieldValue(row, m_shownFields.at(column - fieldColumn));
        return m_rows[std::size_t(row)].values[std::size_t(metric)];
    }
    if (role == Qt::FontRole && isBaseline(row) && column == 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (metric >= 0) {
        if (role == Qt::DisplayRole)
            return cellText(row, metric);
        if (role == Qt::ToolTipRole)
            return cellToolTip(row, metric);
        if (role == Qt::ForegroundRole) {
            const QColor c = verdictColor(cell(row, metric).judgement.verdict);
            return c.isValid() ? QVariant(QBrush(c)) : QVariant();
        }
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (column == 0)
        return isBaseline(row) ? tr("%1 (baseline)").arg(label(row)) : label(row);
    if (grouped && column == 1)
        return QString::number(m_rows[std::size_t(row)].members.size());
    return fieldValue(row, m_shownFields.at(column - fieldColumn));
}

QVariant RunRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const bool grouped = !m_groupBy.isEmpty();
    const int fieldColumn = grouped ? 2 : 1, metric = section - firstMetricColumn();
    if (section == 0)
        return grouped ? tr("Group") : tr("Run");
    if (grouped && section == 1)
        return role == Qt::ToolTipRole ? tr("Runs in the group; a group's figure is their median") : tr("Runs");
    if (metric < 0) {
        const QString path = m_shownFields.value(section - fieldColumn);
        return role == Qt::ToolTipRole ? path : shortField(path);
    }
    const MetricInfo info = metricInfo(m_metrics.value(metric));
    return role == Qt::ToolTipRole ? info.key : info.label;
}

RunRowsProxy::RunRowsProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunRowsModel::SortRole);
    setFilterRole(RunRowsModel::FilterRole);
    setFilterKeyColumn(0);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

bool RunRowsProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole()), b = right.data(sortRole());
    if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double) {
        const double x = a.toDouble(), y = b.toDouble();
        // Missing values sort last in either order: "less" when descending turns round.
        const bool descending = sortOrder() == Qt::DescendingOrder;
        if (std::isnan(x) != std::isnan(y))
            return descending ? std::isnan(x) : std::isnan(y);
        return x < y;
    }
    if (a.typeId() == QMetaType::LongLong)
        return a.toLongLong() < b.toLongLong();
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
}

} // namespace optibench::ui
