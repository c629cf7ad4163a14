#pragma once
// The runs queued in this session: one row per run, fed by WorkerClient's signals.
// Time left is estimated from the progress rate of the current stage.
#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QStringList>
#include <QVector>

namespace optibench::ui {

class WorkerClient;

struct QueueEntry {
    QString request;
    QString name;
    QString specJson;
    qint64 runId = 0;
    QString status; // queued | running | done | failed | cancelled
    QString stage;
    qint64 done = 0;
    qint64 total = 0;
    QString message;
    QString error;
    qint64 stageStartMs = 0; // monotonic ms when the current stage began
    qint64 stageStartDone = 0;
    double secondsLeft = -1; // -1: unknown
};

class RunQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, ProgressColumn, StageColumn, TimeLeftColumn, ColumnCount };
    enum Role { ProgressRole = Qt::UserRole + 1, RequestRole, RunIdRole, StatusRole };

    explicit RunQueueModel(WorkerClient *client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queues a run; name is what the queue shows.
    QString enqueue(const QString &name, const QString &specJson);
    // Queues specs to run interleaved in one worker process, the first the others' baseline: a
    // row each; cancelling one cancels them all. Returns their request ids, in order.
    QStringList enqueueInterleaved(const QStringList &names, const QStringList &specJsons);
    void cancel(const QModelIndex &index);
    void cancelAll();
    void clearFinished();
    int activeCount() const; // queued or running
    const QueueEntry *entry(int row) const;

signals:
    // A run reached done, failed or cancelled.
    void runFinished(qint64 runId, const QString &status, const QString &error);

private:
    int rowOf(const QString &request) const;
    void changed(int row);
    void onStarted(const QString &request, qint64 runId);
    void onProgress(const QString &request, qint64 runId, const QString &stage, qint64 done, qint64 total,
                    const QString &message);
    void onFinished(const QString &request, qint64 runId, const QString &status, const QString &error);

    WorkerClient *m_client;
    QVector<QueueEntry> m_entries;
    QElapsedTimer m_clock;
};

} // namespace optibench::ui
