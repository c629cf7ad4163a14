#pragma once
// Work made of several runs, queued through the run queue and finished when its last run is:
// re-running runs interleaved against a baseline (one worker request, so the runs share the
// machine's drift), a sweep's runs (interleaved in one request, or one request each so that
// they land one by one), and calibrating the noise floor from interleaved A/A pairs of one spec, which
// ends by measuring and storing the floors as `optibench-cli calibrate` does.
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QVector>

#include <memory>

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class RunQueueModel;
class WorkerClient;

struct QueuedRun {
    QString name;     // what the queue shows
    QString specJson; // the run's experiment spec
};

class RunGroups : public QObject {
    Q_OBJECT
public:
    // The store is the one the worker writes (the calibration reads the pairs' figures from it).
    RunGroups(RunQueueModel *queue, WorkerClient *client, std::shared_ptr<core::Store> store,
              QObject *parent = nullptr);

    // Queues the baseline and the others as one interleaved request, the baseline first.
    // Returns false, with failed(), when there is nothing to interleave.
    bool rerunInterleaved(const QueuedRun &baseline, const QVector<QueuedRun> &others);
    // Queues `pairs` interleaved A/A pairs of the run's spec; when every run is done the floors
    // are stored under its machine and model. Returns false, with failed(), when the spec cannot
    // be calibrated on (not an inference run, or no spec) or pairs is below 1.
    bool calibrate(const QueuedRun &run, int pairs);
    // Queues a sweep's runs, the first the baseline: in one interleaved request, or one request
    // each. Returns false, with failed(), without runs.
    bool sweep(const QStringList &names, const QStringList &specJsons, bool interleaved);
    int pendingCount() const { return int(m_groups.size()); }

signals:
    // Every run of an interleaved re-run is done: their ids, the baseline first.
    void interleavedFinished(const QVector<qint64> &runIds);
    // A run of a sweep finished: the sweep's runs done so far, in its order (the first is the
    // baseline when it is done), and how many are still to finish; a failed run is left out.
    void sweepProgress(const QVector<qint64> &runIds, int remaining);
    // The noise floor was stored; summary says where and how large.
    void calibrated(const QString &summary);
    void failed(const QString &message);

private:
    enum class Kind { Interleaved, Calibration, Sweep };
    struct Group {
        Kind kind = Kind::Interleaved;
        QString name;
        QVector<QStringList> batches; // the worker requests: each its runs' request ids, in order
        QHash<QString, qint64> ids;   // request id -> stored run id, once done
        int reported = 0;             // runs finished, whatever their status
        int runCount() const;
        int batchOf(const QString &request) const; // -1: not this group's
    };

    void onFinished(const QString &request, qint64 runId, const QString &status, const QString &error);
    void abandon(const Group &group, int failedBatch, const QString &why);
    void storeCalibration(const Group &group);
    static QVector<qint64> runIds(const Group &group);

    RunQueueModel *m_queue;
    WorkerClient *m_client;
    std::shared_ptr<core::Store> m_store;
    QVector<Group> m_groups;
};

} // namespace optibench::ui
