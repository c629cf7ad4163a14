#include "ui/models/comparisonmodel.h"

#include "ui/models/metricinfo.h"
#include "ui/models/spectext.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
void flatten(const QJsonValue &v, const QString &prefix, QHash<QString, QString> &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            flatten(it.value(), prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key(), out);
    } else if (v.isArray()) {
        out.insert(prefix, QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)));
    } else if (v.isBool()) {
        out.insert(prefix, v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else if (v.isDouble()) {
        out.insert(prefix, QString::number(v.toDouble(), 'g', 10));
    } else if (v.isNull()) {
        out.insert(prefix, QStringLiteral("null"));
    } else {
        out.insert(prefix, choiceText(v.toString())); // "inference", "bucketed", ... as the panel shows them
    }
}
} // namespace

SpecDiffModel::SpecDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

void SpecDiffModel::setRuns(const QVector<ComparedRun> &runs)
{
    beginResetModel();
    m_runs = runs;
    m_flat.clear();
    QSet<QString> all;
    for (const ComparedRun &r : runs) {
        QHash<QString, QString> flat;
        flatten(QJsonDocument::fromJson(r.specJson.toUtf8()).object(), QString(), flat);
        flat.remove(QStringLiteral("name")); // names always differ and are in the header already
        const QJsonObject environment = QJsonDocument::fromJson(r.environmentJson.toUtf8()).object();
        if (!environment.isEmpty())
            flatten(environment, QStringLiteral("environment"), flat);
        for (auto it = flat.cbegin(); it != flat.cend(); ++it)
            all.insert(it.key());
        m_flat << flat;
    }
    m_fields.clear();
    for (const QString &field : all) {
        QSet<QString> values;
        for (const auto &flat : m_flat)
            values.insert(flat.value(field, QStringLiteral("–")));
        if (values.size() > 1)
            m_fields << field;
    }
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
