#include "ui/models/runqueuemodel.h"

#include "ui/models/workerclient.h"

#include <QLocale>

namespace optibench::ui {

RunQueueModel::RunQueueModel(WorkerClient *client, QObject *parent) : QAbstractTableModel(parent), m_client(client)
{
    m_clock.start();
    connect(client, &WorkerClient::started, this, &RunQueueModel::onStarted);
    connect(client, &WorkerClient::progress, this, &RunQueueModel::onProgress);
    connect(client, &WorkerClient::finished, this, &RunQueueModel::onFinished);
}

int RunQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_entries.size();
}

int RunQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString statusLabel(const QString &status)
{
    if (status == QLatin1String("queued"))
        return RunQueueModel::tr("queued");
    if (status == QLatin1String("running"))
        return RunQueueModel::tr("running");
    if (status == QLatin1String("done"))
        return RunQueueModel::tr("done");
    if (status == QLatin1String("failed"))
        return RunQueueModel::tr("failed");
    if (status == QLatin1String("cancelled"))
        return RunQueueModel::tr("cancelled");
    return status;
}

static QString durationText(double seconds)
{
    const qint64 s = qRound64(seconds);
    if (s < 60)
        return RunQueueModel::tr("%1 s").arg(s);
    if (s < 3600)
        return RunQueueModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return RunQueueModel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QVariant RunQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QueueEntry &e = m_entries.at(index.row());
    switch (role) {
    case RequestRole: return e.request;
    case RunIdRole: return e.runId;
    case StatusRole: return e.status;
    case ProgressRole:
        if (e.status == QLatin1String("done"))
            return 100;
        if (e.total <= 0)
            return e.status == QLatin1String("running") ? 0 : -1;
        return int(100 * e.done / e.total);
    case Qt::ToolTipRole:
        if (!e.error.isEmpty())
            return e.error;
        return e.message.isEmpty() ? QVariant() : QVariant(e.message);
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return e.runId ? tr("#%1 %2").arg(e.runId).arg(e.name) : e.name;
        case StatusColumn: return statusLabel(e.status);
        case ProgressColumn:
            if (e.status != QLatin1String("running") || e.total <= 0)
                return QString();
            return tr("%1/%2").arg(e.done).arg(e.total);
        case StageColumn:
            if (!e.error.isEmpty())
                return e.error.section(QLatin1Char('\n'), 0, 0);
            return e.stage;
        case TimeLeftColumn:
            if (e.status != QLatin1String("running") || e.secondsLeft < 0)
                return QString();
            return tr("~%1 (%2)").arg(durationText(e.secondsLeft), e.stage);
        }
        break;
    }
    return {};
}

QVariant RunQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Run");
    case StatusColumn: return tr("Status");
    case ProgressColumn: return tr("Progress");
    case StageColumn: return tr("Stage");
    case TimeLeftColumn: return tr("Time left");
    }
    return {};
}

QString RunQueueModel::enqueue(const QString &name, const QString &specJson)
{
    return enqueueInterleaved({name}, {specJson}).constFirst();
}

QStringList RunQueueModel::enqueueInterleaved(const QStringList &names, const QStringList &specJsons)
{
    Q_ASSERT(names.size() == specJsons.size() && !names.isEmpty());
    const QStringList requests = m_client->submitInterleaved(specJsons);
    beginInsertRows({}, m_entries.size(), m_entries.size() + int(requests.size()) - 1);
    for (int i = 0; i < requests.size(); ++i) {
        QueueEntry e;
        e.name = names.at(i);
        e.specJson = specJsons.at(i);
        e.status = QStringLiteral("queued");
        e.request = requests.at(i);
        m_entries.append(e);
    }
    endInsertRows();
    return requests;
}

void RunQueueModel::cancel(const QModelIndex &index)
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return;
    const QueueEntry &e = m_entries.at(index.row());
    if (e.status == QLatin1String("queued") || e.status == QLatin1String("running"))
        m_client->cancel(e.request);
}

void RunQueueModel::cancelAll()
{
    m_client->cancelAll();
}

void RunQueueModel::clearFinished()
{
    for (int row = m_entries.size() - 1; row >= 0; --row) {
        const QString &s = m_entries.at(row).status;
        if (s == QLatin1String("queued") || s == QLatin1String("running"))
            continue;
        beginRemoveRows({}, row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
}

int RunQueueModel::activeCount() const
{
    int n = 0;
    for (const QueueEntry &e : m_entries)
        n += (e.status == QLatin1String("queued") || e.status == QLatin1String("running")) ? 1 : 0;
    return n;
}

const QueueEntry *RunQueueModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int RunQueueModel::rowOf(const QString &request) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).request == request)
            return i;
    }
    return -1;
}

void RunQueueModel::changed(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunQueueModel::onStarted(const QString &request, qint64 runId)
{
    const int row = rowOf(request);
    if (row < 0)
        return;
    QueueEntry &e = m_entries[row];
    e.runId = runId;
    e.status = QStringLiteral("running");
    changed(row);
}

void RunQueueModel::onProgress(const QString &request, qint64 runId, const QString &stage, qint64 done, qint64 total,
                               const QString &message)
{
    const int row = rowOf(request);
    if (row < 0)
        return;
    QueueEntry &e = m_entries[row];
    const qint64 now = m_clock.elapsed();
    if (runId)
        e.runId = runId;
    e.status = QStringLiteral("running");
    if (stage != e.stage || done < e.done) {
        e.stage = stage;
        e.stageStartMs = now;
        e.stageStartDone = done;
        e.secondsLeft = -1;
    }
    e.done = done;
    e.total = total;
    e.message = message;
    // Rate over the stage so far: steadier than the last step alone.
    const qint64 progressed = done - e.stageStartDone;
    const qint64 elapsed = now - e.stageStartMs;
    if (progressed > 0 && elapsed > 0 && total >= done)
        e.secondsLeft = double(total - done) * (double(elapsed) / 1000.0) / double(progressed);
    changed(row);
}

void RunQueueModel::onFinished(const QString &request, qint64 runId, const QString &status, const QString &error)
{
    const int row = rowOf(request);
    if (row < 0)
        return;
    QueueEntry &e = m_entries[row];
    if (runId)
        e.runId = runId;
    e.status = status;
    e.error = error;
    e.secondsLeft = -1;
    if (status == QLatin1String("done"))
        e.stage = tr("finished");
    else if (status == QLatin1String("cancelled"))
        e.stage = error.isEmpty() ? tr("cancelled") : error;
    changed(row);
    emit runFinished(e.runId, status, error);
}

} // namespace optibench::ui
