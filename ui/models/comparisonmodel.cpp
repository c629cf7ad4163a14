#include "ui/models/comparisonmodel.h"

#include "app/core/spec_diff.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/spectext.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

#include <cmath>
#include <limits>

namespace optibench::ui {

ComparisonModel::ComparisonModel(QObject *parent) : QAbstractTableModel(parent) {}

void ComparisonModel::setRuns(const QVector<ComparedRun> &runs, int baseline)
{
    beginResetModel();
    m_runs = runs;
    m_baseline = runs.isEmpty() ? 0 : qBound(0, baseline, int(runs.size()) - 1);
    QSet<QString> present;
    for (const ComparedRun &r : runs) {
        for (auto it = r.metrics.cbegin(); it != r.metrics.cend(); ++it)
            present.insert(it.key());
    }
    m_keys.clear();
    for (const QString &k : knownMetricKeys()) {
        if (present.remove(k))
            m_keys << k;
    }
    QStringList rest(present.begin(), present.end());
    rest.sort();
    m_keys += rest;
    endResetModel();
}

void ComparisonModel::setBaseline(int runIndex)
{
    if (runIndex < 0 || runIndex >= m_runs.size() || runIndex == m_baseline)
        return;
    m_baseline = runIndex;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_keys.size();
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + m_runs.size();
}

double ComparisonModel::relativeDelta(int row, int runIndex) const
{
    const QString key = m_keys.value(row);
    if (runIndex < 0 || runIndex >= m_runs.size() || m_baseline >= m_runs.size())
        return std::numeric_limits<double>::quiet_NaN();
    const auto &base = m_runs.at(m_baseline).metrics;
    const auto &run = m_runs.at(runIndex).metrics;
    if (!base.contains(key) || !run.contains(key) || base.value(key) == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return (run.value(key) - base.value(key)) / std::abs(base.value(key));
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QString key = m_keys.at(index.row());
    if (role == MetricKeyRole)
        return key;
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return metricInfo(key).label;
        if (role == Qt::ToolTipRole)
            return key;
        return {};
    }
    const int runIndex = index.column() - 1;
    const ComparedRun &run = m_runs.at(runIndex);
    const auto it = run.metrics.constFind(key);
    const bool has = it != run.metrics.constEnd();
    const double delta = relativeDelta(index.row(), runIndex);
    const bool isBase = runIndex == m_baseline;
    switch (role) {
    case ValueRole: return has ? QVariant(*it) : QVariant();
    case RelativeDeltaRole: return std::isnan(delta) ? QVariant() : QVariant(delta);
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::DisplayRole:
        if (!has)
            return QStringLiteral("–");
        if (isBase || std::isnan(delta))
            return formatMetric(key, *it);
        return tr("%1  (%2%3 %)")
            .arg(formatMetric(key, *it), delta >= 0 ? QStringLiteral("+") : QString(),
                 QLocale().toString(delta * 100.0, 'f', 1));
    case Qt::ForegroundRole: {
        if (isBase || std::isnan(delta) || std::abs(delta) < 0.005)
            return {};
        const Better better = metricInfo(key).better;
        if (better == Better::Neither)
            return {};
        const bool improved = (better == Better::Lower) == (delta < 0);
        return QBrush(improved ? QColor(0x1b, 0x7a, 0x2e) : QColor(0xb3, 0x26, 0x1e));
    }
    case Qt::ToolTipRole:
        if (!has || isBase || std::isnan(delta))
            return {};
        return tr("%1 against the baseline #%2")
            .arg(formatMetric(key, *it - m_runs.at(m_baseline).metrics.value(key)))
            .arg(m_runs.at(m_baseline).id);
    }
    return {};
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Metric");
    const int runIndex = section - 1;
    if (runIndex >= m_runs.size())
        return {};
    const ComparedRun &r = m_runs.at(runIndex);
    const QString label = tr("#%1 %2").arg(r.id).arg(r.name);
    return runIndex == m_baseline ? tr("%1 (baseline)").arg(label) : label;
}

namespace {

// A leaf as the comparison shows it: choices as the experiment form names them
// ("inference", "bucketed", ...), numbers to 10 digits, arrays as compact JSON.
QString shownValue(const nlohmann::json &v)
{
    if (v.is_string())
        return choiceText(toQ(v.get<std::string>()));
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.is_number())
        return QString::number(v.get<double>(), 'g', 10);
    return toQ(v.dump());
}

} // namespace

SpecDiffModel::SpecDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

void SpecDiffModel::setRuns(const QVector<ComparedRun> &runs)
{
    beginResetModel();
    m_runs = runs;
    m_flat.clear();
    m_fields.clear();
    // The rule of what differs is core's (the CLI's `compare` uses it too); environment fields
    // are shown under "environment.".
    std::vector<std::string> specs, environments;
    for (const ComparedRun &r : runs) {
        specs.push_back(fromQ(r.specJson));
        environments.push_back(fromQ(r.environmentJson));
    }
    const auto specDiff = core::differingFields(specs, {"name"}); // names are in the header already
    const auto environmentDiff = core::differingFields(environments, {});
    for (int run = 0; run < runs.size(); ++run) {
        QHash<QString, QString> shown;
        for (const auto &path : specDiff.differing) {
            if (const auto *v = specDiff.value(static_cast<std::size_t>(run), path))
                shown.insert(toQ(path), shownValue(*v));
        }
        for (const auto &path : environmentDiff.differing) {
            if (const auto *v = environmentDiff.value(static_cast<std::size_t>(run), path))
                shown.insert(QStringLiteral("environment.") + toQ(path), shownValue(*v));
        }
        m_flat << shown;
    }
    for (const auto &path : specDiff.differing)
        m_fields << toQ(path);
    for (const auto &path : environmentDiff.differing)
        m_fields << QStringLiteral("environment.") + toQ(path);
    m_fields.sort();
    endResetModel();
}

int SpecDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_fields.size();
}

int SpecDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + m_runs.size();
}

QVariant SpecDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole)
        return {};
    const QString field = m_fields.at(index.row());
    if (index.column() == 0)
        return field;
    return m_flat.at(index.column() - 1).value(field, QStringLiteral("–"));
}

QVariant SpecDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Spec or environment field");
    const int i = section - 1;
    return i < m_runs.size() ? QVariant(tr("#%1 %2").arg(m_runs.at(i).id).arg(m_runs.at(i).name)) : QVariant();
}

} // namespace optibench::ui
