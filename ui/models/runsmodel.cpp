#include "ui/models/runsmodel.h"

#include "app/core/spec.h"
#include "app/core/store.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/spectext.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QSet>

namespace optibench::ui {

namespace {
QString togglesOf(const std::string &specJson)
{
    try {
        return togglesText(core::parseSpecText(specJson));
    } catch (const std::exception &) {
        return {}; // a spec from another version: the toggles column stays empty
    }
}

QVariant metricValue(const RunRow &r, const QString &key)
{
    const auto it = r.metrics.constFind(key);
    return it == r.metrics.constEnd() ? QVariant() : QVariant(*it);
}
} // namespace

RunsModel::RunsModel(std::shared_ptr<core::Store> store, QObject *parent)
    : QAbstractTableModel(parent), m_store(std::move(store)), m_metricKeys(knownMetricKeys())
{}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstMetricColumn + m_metricKeys.size();
}

QString RunsModel::metricKey(int column) const
{
    const int i = column - FirstMetricColumn;
    return i >= 0 && i < m_metricKeys.size() ? m_metricKeys.at(i) : QString();
}

int RunsModel::columnOfMetric(const QString &key) const
{
    const int i = m_metricKeys.indexOf(key);
    return i < 0 ? -1 : FirstMetricColumn + i;
}

const RunRow *RunsModel::row(int r) const
{
    return r >= 0 && r < m_rows.size() ? &m_rows.at(r) : nullptr;
}

int RunsModel::rowOfRun(qint64 runId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == runId)
            return i;
    }
    return -1;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RunRow &r = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case RunIdRole: return r.id;
    case StatusRole: return r.status;
    case SpecRole: return r.specJson;
    case IsBaselineRole: return r.id == m_baselineRunId;
    case Qt::FontRole:
        if (r.id == m_baselineRunId) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == StatusColumn && !r.error.isEmpty())
            return r.error;
        if (column == NameColumn && r.id == m_baselineRunId)
            return tr("The baseline that comparisons are measured against");
        if (column == NotesColumn && !r.notes.isEmpty())
            return r.notes;
        return {};
    case Qt::TextAlignmentRole:
        if (column == IdColumn || column == DurationColumn || column >= FirstMetricColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::EditRole:
        if (column == NameColumn)
            return r.name;
        if (column == NotesColumn)
            return r.notes;
        return {};
    case SortRole:
        switch (column) {
        case IdColumn: return r.id;
        case CreatedColumn: return r.createdAtMs;
        case DurationColumn: return r.finishedAtMs ? r.finishedAtMs - r.createdAtMs : -1;
        default:
            if (column >= FirstMetricColumn)
                return metricValue(r, metricKey(column));
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (column) {
        case IdColumn: return r.id;
        case NameColumn: return r.id == m_baselineRunId ? tr("%1 (baseline)").arg(r.name) : r.name;
        case ModelColumn: return r.model;
        case StatusColumn: return statusText(r.status);
        case TogglesColumn: return r.toggles;
        case CreatedColumn:
            return QDateTime::fromMSecsSinceEpoch(r.createdAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case DurationColumn:
            return r.finishedAtMs
                ? tr("%1 s").arg(QLocale().toString((r.finishedAtMs - r.createdAtMs) / 1000.0, 'f', 1))
                : QString();
        case NotesColumn: return r.notes.section(QLatin1Char('\n'), 0, 0);
        default: {
            const QString key = metricKey(column);
            const auto it = r.metrics.constFind(key);
            return it == r.metrics.constEnd() ? QString() : formatMetric(key, *it);
        }
        }
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section >= FirstMetricColumn)
        return metricKey(section);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("Id");
    case NameColumn: return tr("Name");
    case ModelColumn: return tr("Model");
    case StatusColumn: return tr("Status");
    case TogglesColumn: return tr("Optimizations");
    case CreatedColumn: return tr("Created");
    case DurationColumn: return tr("Duration");
    case NotesColumn: return tr("Notes");
    default: return metricInfo(metricKey(section)).label;
    }
}

Qt::ItemFlags RunsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && (index.column() == NameColumn || index.column() == NotesColumn))
        f |= Qt::ItemIsEditable;
    return f;
}

bool RunsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    RunRow &r = m_rows[index.row()];
    const QString text = value.toString();
    try {
        if (index.column() == NameColumn) {
            m_store->renameRun(r.id, fromQ(text.trimmed()));
            r.name = text.trimmed();
        } else if (index.column() == NotesColumn) {
            m_store->setNotes(r.id, fromQ(text));
            r.notes = text;
        } else {
            return false;
        }
    } catch (const std::exception &e) {
        emit errorOccurred(tr("Could not save the change to run %1: %2").arg(r.id).arg(toQ(e.what())));
        return false;
    }
    emit dataChanged(index, index);
    return true;
}

void RunsModel::setBaselineRunId(qint64 runId)
{
    if (runId == m_baselineRunId)
        return;
    const int oldRow = rowOfRun(m_baselineRunId);
    m_baselineRunId = runId;
    for (int row : {oldRow, rowOfRun(runId)}) {
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    }
    emit baselineChanged(runId);
}

bool RunsModel::deleteRuns(const QVector<qint64> &runIds)
{
    try {
        m_store->deleteRuns(std::vector<std::int64_t>(runIds.begin(), runIds.end()));
    } catch (const std::exception &e) {
        emit errorOccurred(tr("Could not delete the runs: %1").arg(toQ(e.what())));
        return false;
    }
    if (runIds.contains(m_baselineRunId))
        setBaselineRunId(0);
    reload();
    return true;
}

void RunsModel::reload()
{
    QVector<RunRow> fresh;
    try {
        const auto runs = m_store->runs();
        std::vector<std::int64_t> ids;
        ids.reserve(runs.size());
        for (const auto &run : runs)
            ids.push_back(run.id);
        const auto metrics = m_store->metrics(ids);
        fresh.reserve(int(runs.size()));
        for (const auto &run : runs) {
            RunRow r;
            r.id = run.id;
            r.name = toQ(run.name);
            r.model = toQ(run.modelSource);
            r.status = toQ(core::toString(run.status));
            r.notes = toQ(run.notes);
            r.error = toQ(run.error);
            r.specJson = toQ(run.specJson);
            r.toggles = togglesOf(run.specJson);
            r.createdAtMs = run.createdAtMs;
            r.finishedAtMs = run.finishedAtMs;
            if (r.model.isEmpty()) {
                try {
                    r.model = toQ(core::parseSpecText(run.specJson).model.path);
                } catch (const std::exception &) {}
            }
            const auto it = metrics.find(run.id);
            if (it != metrics.end()) {
                for (const auto &m : it->second)
                    r.metrics.insert(toQ(m.key), m.value);
            }
            fresh.append(r);
        }
    } catch (const std::exception &e) {
        emit errorOccurred(tr("Could not read the runs: %1").arg(toQ(e.what())));
        return;
    }
    std::sort(fresh.begin(), fresh.end(), [](const RunRow &a, const RunRow &b) { return a.id < b.id; });

    // Metrics the worker stores beyond the known ones get their own columns.
    QStringList keys = knownMetricKeys();
    QSet<QString> extra;
    for (const RunRow &r : fresh) {
        for (auto it = r.metrics.cbegin(); it != r.metrics.cend(); ++it) {
            if (!keys.contains(it.key()))
                extra.insert(it.key());
        }
    }
    QStringList extraSorted(extra.begin(), extra.end());
    extraSorted.sort();
    keys += extraSorted;

    // Same runs (a prefix of the new list) and same columns: update in place, append the rest.
    bool prefix = keys == m_metricKeys && fresh.size() >= m_rows.size();
    for (int i = 0; prefix && i < m_rows.size(); ++i)
        prefix = m_rows.at(i).id == fresh.at(i).id;
    if (!prefix) {
        beginResetModel();
        m_rows = fresh;
        m_metricKeys = keys;
        endResetModel();
        return;
    }
    const int old = m_rows.size();
    for (int i = 0; i < old; ++i)
        m_rows[i] = fresh.at(i);
    if (old > 0)
        emit dataChanged(index(0, 0), index(old - 1, columnCount() - 1));
    if (fresh.size() > old) {
        beginInsertRows({}, old, fresh.size() - 1);
        for (int i = old; i < fresh.size(); ++i)
            m_rows.append(fresh.at(i));
        endInsertRows();
    }
}

RunsFilterModel::RunsFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunsModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void RunsFilterModel::setSearchText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void RunsFilterModel::setStatus(const QString &status)
{
    m_status = status;
    invalidateFilter();
}

bool RunsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const RunsModel *>(sourceModel());
    if (!model)
        return true;
    const RunRow *r = model->row(sourceRow);
    if (!r)
        return false;
    if (!m_status.isEmpty() && r->status != m_status)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString *field : {&r->name, &r->model, &r->toggles, &r->notes, &r->status}) {
        if (field->contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    if (statusText(r->status).contains(m_text, Qt::CaseInsensitive))
        return true;
    return QString::number(r->id) == m_text;
}

} // namespace optibench::ui
