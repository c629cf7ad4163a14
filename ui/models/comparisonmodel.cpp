#include "ui/models/comparisonmodel.h"

#include "app/core/environment_drift.h"
#include "app/core/spec_diff.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/spectext.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace optibench::ui {

QColor verdictColor(stats::Verdict v)
{
    switch (v) {
    case stats::Verdict::Better: return QColor(0x1b, 0x7a, 0x2e);
    case stats::Verdict::Worse: return QColor(0xb3, 0x26, 0x1e);
    case stats::Verdict::NoChange: return QColor(0x6b, 0x6b, 0x6b);
    case stats::Verdict::Inconclusive: return QColor(0xa8, 0x64, 0x00);
    case stats::Verdict::NotComparable:
    case stats::Verdict::NotJudged: break;
    }
    return {};
}

QString verdictText(stats::Verdict v)
{
    switch (v) {
    case stats::Verdict::Better: return ComparisonModel::tr("better");
    case stats::Verdict::Worse: return ComparisonModel::tr("worse");
    case stats::Verdict::NoChange: return ComparisonModel::tr("no change");
    case stats::Verdict::Inconclusive: return ComparisonModel::tr("inconclusive");
    case stats::Verdict::NotComparable: return ComparisonModel::tr("not comparable");
    case stats::Verdict::NotJudged: break;
    }
    return {};
}

namespace {

QString percentText(double share, int decimals = 1)
{
    return QLocale().toString(100.0 * share, 'f', decimals) + QStringLiteral(" %");
}

} // namespace

QString ratioText(double r)
{
    return QLocale().toString(r, 'f', r >= 10 ? 1 : 3) + QStringLiteral("×");
}

core::RunFigures figuresOf(const ComparedRun &r)
{
    core::RunFigures f;
    f.runId = r.id;
    for (auto it = r.metrics.cbegin(); it != r.metrics.cend(); ++it)
        f.metrics[fromQ(it.key())] = it.value();
    f.blocks = r.blocks;
    f.environmentJson = fromQ(r.environmentJson);
    f.specJson = fromQ(r.specJson);
    f.interleavedWith = core::interleavedRuns(f.environmentJson);
    return f;
}

ComparisonModel::ComparisonModel(QObject *parent) : QAbstractTableModel(parent) {}

void ComparisonModel::setRuns(const QVector<ComparedRun> &runs, int baseline)
{
    beginResetModel();
    m_runs = runs;
    m_baseline = runs.isEmpty() ? 0 : qBound(0, baseline, int(runs.size()) - 1);
    m_figures.clear();
    QSet<QString> present;
    for (const ComparedRun &r : runs) {
        m_figures.push_back(figuresOf(r));
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
    m_cells.assign(std::size_t(m_keys.size()), {});
    for (int row = 0; row < m_keys.size(); ++row)
        for (const auto &f : m_figures)
            m_cells[std::size_t(row)].push_back(core::figureOf(fromQ(m_keys.at(row)), f));
    judge();
    endResetModel();
}

void ComparisonModel::judge()
{
    m_judgements.assign(std::size_t(m_keys.size()), std::vector<stats::Judgement>(m_figures.size()));
    if (m_figures.empty())
        return;
    const auto &base = m_figures.at(std::size_t(m_baseline));
    for (int row = 0; row < m_keys.size(); ++row)
        for (std::size_t run = 0; run < m_figures.size(); ++run)
            if (int(run) != m_baseline)
                m_judgements[std::size_t(row)][run] = core::judgeMetric(fromQ(m_keys.at(row)), m_figures[run], base,
                                                                        m_thresholds.of(fromQ(m_keys.at(row))));
}

void ComparisonModel::setBaseline(int runIndex)
{
    if (runIndex < 0 || runIndex >= m_runs.size() || runIndex == m_baseline)
        return;
    m_baseline = runIndex;
    judge();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

void ComparisonModel::setThreshold(double threshold)
{
    if (threshold == m_thresholds.threshold || !(threshold >= 0))
        return;
    m_thresholds.threshold = threshold;
    judge();
    if (rowCount() > 0)
        emit dataChanged(index(0, 1), index(rowCount() - 1, columnCount() - 1));
}

void ComparisonModel::setNoiseFloors(const std::map<std::string, core::NoiseFloor> &floors)
{
    m_thresholds.floors = floors;
    judge();
    if (rowCount() > 0)
        emit dataChanged(index(0, 1), index(rowCount() - 1, columnCount() - 1));
}

const stats::Judgement &ComparisonModel::judgement(int row, int runIndex) const
{
    static const stats::Judgement none;
    if (row < 0 || std::size_t(row) >= m_judgements.size() || runIndex < 0
        || std::size_t(runIndex) >= m_judgements[std::size_t(row)].size())
        return none;
    return m_judgements[std::size_t(row)][std::size_t(runIndex)];
}

QStringList ComparisonModel::cautions() const
{
    QStringList out;
    for (int i = 0; i < m_runs.size(); ++i) {
        const ComparedRun &r = m_runs.at(i);
        const auto &blocks = m_figures[std::size_t(i)].blocks;
        if (blocks.noisyCount() > 0) {
            out << tr("#%1: %2 of %3 blocks ran beside other work (%4).")
                       .arg(r.id)
                       .arg(blocks.noisyCount())
                       .arg(blocks.count())
                       .arg(toQ(blocks.firstNoise()));
        }
        if (i == m_baseline)
            continue;
        const ComparedRun &base = m_runs.at(m_baseline);
        const auto d = core::driftBetween(fromQ(r.environmentJson), fromQ(r.specJson), fromQ(base.environmentJson),
                                          fromQ(base.specJson));
        if (!d.comparable())
            out << tr("Not comparable: #%1 ran on another machine or with other settings than the baseline (%2); "
                      "its timing verdicts are withheld.")
                       .arg(r.id)
                       .arg(toQ(core::Drift::describe(d.hard)));
        if (!d.soft.empty())
            out << tr("Warning: #%1's environment differs from the baseline's: %2.")
                       .arg(r.id)
                       .arg(toQ(core::Drift::describe(d.soft)));
    }
    QStringList raised;
    for (const auto &[metric, floor] : m_thresholds.floors)
        if (floor.floor > m_thresholds.threshold)
            raised << metricInfo(toQ(metric)).label + QLatin1Char(' ') + percentText(floor.floor);
    if (!raised.isEmpty())
        out << tr("This machine and model's noise floor (calibrate, %n A/A pair(s)) raises the threshold: %1.", nullptr,
                  m_thresholds.floors.begin()->second.pairs)
                   .arg(raised.join(QStringLiteral(", ")));
    return out;
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

// "10.00 ms ±1.5 %", "20.10 ms (max of 20)"; against the baseline "… · 0.500× better".
QString ComparisonModel::cellText(int row, int runIndex) const
{
    QString text = formatFigure(m_keys.at(row), *m_cells[std::size_t(row)][std::size_t(runIndex)]);
    const auto &j = judgement(row, runIndex);
    if (runIndex != m_baseline && std::isfinite(j.ratio) && j.verdict != stats::Verdict::NotJudged)
        text += QStringLiteral("  · ") + ratioText(j.ratio) + QLatin1Char(' ') + verdictText(j.verdict);
    return text;
}

QString ComparisonModel::cellToolTip(int row, int runIndex) const
{
    const auto &figure = m_cells[std::size_t(row)][std::size_t(runIndex)];
    const QString key = m_keys.at(row);
    QString tip = metricInfo(key).label + QStringLiteral(": ") + formatMetric(key, figure->value);
    if (figure->interval && figure->interval->lo != figure->interval->hi)
        tip += tr(", 95% interval %1 to %2")
                   .arg(formatMetric(key, figure->interval->lo), formatMetric(key, figure->interval->hi));
    else if (!figure->qualifier.empty())
        tip += tr(" — too few iterations for this percentile, so this is the slowest one");
    const auto &j = judgement(row, runIndex);
    if (runIndex == m_baseline || j.verdict == stats::Verdict::NotJudged || !std::isfinite(j.ratio))
        return tip;
    const ComparedRun &base = m_runs.at(m_baseline);
    tip += QStringLiteral("\n") + tr("Against the baseline #%1: %2").arg(base.id).arg(ratioText(j.ratio));
    if (j.interval && j.interval->lo != j.interval->hi)
        tip += tr(", 95% interval %1 to %2").arg(ratioText(j.interval->lo), ratioText(j.interval->hi));
    tip += QStringLiteral(": ") + verdictText(j.verdict)
        + (m_thresholds.of(fromQ(m_keys.at(row))) > m_thresholds.threshold
               ? tr(" (a change within %1, this machine and model's noise floor, is no change)")
               : tr(" (a change within %1 is no change)"))
              .arg(percentText(m_thresholds.of(fromQ(m_keys.at(row)))));
    if (j.verdict == stats::Verdict::NotComparable)
        tip += QStringLiteral("\n") + tr("The runs ran on other machines or with other settings (see What differs).");
    if (j.verdict == stats::Verdict::Inconclusive && j.moreBlocks > 0)
        tip += QStringLiteral("\n")
            + tr("A change under %1 cannot be told from noise here; about %n more block(s) would decide.", nullptr,
                 j.moreBlocks)
                  .arg(percentText(j.detectable));
    return tip;
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
    const bool has = m_cells[std::size_t(index.row())][std::size_t(runIndex)].has_value();
    const double delta = relativeDelta(index.row(), runIndex);
    const auto verdict = judgement(index.row(), runIndex).verdict;
    switch (role) {
    case ValueRole: return has ? QVariant(m_cells[std::size_t(index.row())][std::size_t(runIndex)]->value) : QVariant();
    case RelativeDeltaRole: return std::isnan(delta) ? QVariant() : QVariant(delta);
    case VerdictRole: return int(verdict);
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::DisplayRole: return has ? cellText(index.row(), runIndex) : QStringLiteral("–");
    case Qt::ForegroundRole: {
        const QColor c = verdictColor(verdict);
        return c.isValid() ? QVariant(QBrush(c)) : QVariant();
    }
    case Qt::ToolTipRole: return has ? cellToolTip(index.row(), runIndex) : QVariant();
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

QString shownFieldValue(const nlohmann::json &v)
{
    if (v.is_string())
        return choiceText(toQ(v.get<std::string>()));
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.is_number())
        return QString::number(v.get<double>(), 'g', 10);
    return toQ(v.dump());
}

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
    const auto environmentDiff = core::environmentDifferences(environments);
    for (int run = 0; run < runs.size(); ++run) {
        QHash<QString, QString> shown;
        for (const auto &path : specDiff.differing) {
            if (const auto *v = specDiff.value(static_cast<std::size_t>(run), path))
                shown.insert(toQ(path), shownFieldValue(*v));
        }
        for (const auto &path : environmentDiff.differing) {
            if (const auto *v = environmentDiff.value(static_cast<std::size_t>(run), path))
                shown.insert(QStringLiteral("environment.") + toQ(path), shownFieldValue(*v));
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
