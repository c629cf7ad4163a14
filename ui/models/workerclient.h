#pragma once
// Drives `optibench-cli worker` through QProcess and turns its JSON-lines output into signals.
// Runs are queued here and sent one request at a time (a request is one run, or several run
// interleaved). When the worker dies mid-run (crash, kill, out of memory) each run of the
// request is marked failed in the store with the stage and the worker's stderr tail,
// finished(failed) is emitted, and a fresh worker is started for the next queued request.
//
// A remote worker (over ssh) has no access to this machine's store: its runs come back as
// result bundles, imported into the store here; a run whose connection drops is recorded here
// as failed with the reason. A worker silent for longer than the silence limit (heartbeats come
// every few seconds) counts as a dropped connection.
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QQueue>
#include <QSet>
#include <QStringList>
#include <QVector>

#include "ui/models/remoteworker.h"

class QTimer;

namespace optibench::ui {

class WorkerClient : public QObject {
    Q_OBJECT
public:
    explicit WorkerClient(QObject *parent = nullptr);
    ~WorkerClient() override;

    // The worker command: OPTIBENCH_WORKER (a command line), else the settings (WorkerSettings:
    // a remote host over ssh, or a command line), else optibench-cli beside the app.
    static WorkerCommand defaultCommand();
    static WorkerCommand parseCommand(const QString &commandLine) { return parseWorkerCommand(commandLine); }
    void setCommand(const WorkerCommand &command) { m_command = command; }
    WorkerCommand command() const { return m_command; }

    void setDatabase(const QString &path) { m_db = path; }
    QString database() const { return m_db; }

    // Queues a run of the spec (JSON text); returns the request id used in every signal.
    QString submit(const QString &specJson);
    // Queues specs to run interleaved in one worker process, the first the others' baseline.
    // Each gets its own request id (returned in order) and its own signals; cancelling any of
    // them cancels all.
    QStringList submitInterleaved(const QStringList &specJsons);
    // Removes a queued request, or asks the worker to cancel the running one.
    void cancel(const QString &request);
    void cancelAll();

    bool isBusy() const { return !m_active.isEmpty(); }
    // The first run of the request in progress; empty and 0 when idle.
    QString activeRequest() const { return m_active.isEmpty() ? QString() : m_active.first().request; }
    qint64 activeRunId() const { return m_active.isEmpty() ? 0 : m_active.first().runId; }
    int queuedCount() const { return m_queue.size(); }
    qint64 processId() const; // 0 when no worker runs
    QStringList devices() const { return m_devices; }
    // The worker's own pid and host, from its hello (0 and empty before it).
    qint64 workerPid() const { return m_workerPid; }
    QString workerHost() const { return m_workerHost; }
    // The last lines the worker wrote to stderr (with ssh: ssh's own messages too).
    QString stderrTail() const;
    // No line from a busy worker for this long ends it as a lost connection (default 30 s;
    // OPTIBENCH_WORKER_SILENCE_MS).
    void setSilenceLimit(int ms);

signals:
    void hello(const QString &appVersion, const QString &libtorch, const QStringList &devices);
    void started(const QString &request, qint64 runId);
    void progress(const QString &request, qint64 runId, const QString &stage, qint64 done, qint64 total,
                  const QString &message);
    // status: done | failed | cancelled. runId is 0 when the run never started.
    void finished(const QString &request, qint64 runId, const QString &status, const QString &error);
    // A request the worker refused, or a worker that could not be started.
    void error(const QString &request, const QString &message);
    // A line the worker (or ssh) wrote to stderr: the worker's log.
    void logLine(const QString &line);

private:
    struct Pending {
        QStringList requests; // one, or the runs interleaved, the baseline first
        QStringList specJsons;
    };
    struct Active {
        QString request;
        qint64 runId = 0; // in this machine's store (for a remote run: once its result came)
        QString stage;
        QString specJson;
        qint64 remoteRunId = 0; // a remote run's id in the worker's own store
    };

    bool ensureProcess();
    void sendNext();
    void send(const std::string &line);
    void readStdout();
    void readStderr();
    void handleLine(const QByteArray &line);
    void processEnded(const QString &reason, bool failedToStart);
    void importResult(const QString &request, const std::string &bundleJson);
    // Records a run that ended with its worker: marked in the store, or, for a remote run that
    // has no row here yet, added as a failed run with the message.
    void recordEnded(Active &run, bool cancelled, const QString &message);
    // Why a run ended with its worker: the reason, the stage it was in and the stderr tail.
    QString endMessage(const QString &reason, bool failedToStart, const QString &refusal, const QString &stage) const;
    Active *active(const QString &request);
    void finishRun(const QString &request, const QString &status, const QString &error);
    void finishAllActive(const QString &status, const QString &error);
    bool acceptsProtocol(int version);

    WorkerCommand m_command;
    QString m_db;
    QPointer<QProcess> m_process;
    QQueue<Pending> m_queue;
    QVector<Active> m_active; // the runs of the request in progress
    QString m_refusal;        // why the worker was stopped right after its hello
    bool m_cancelRequested = false;
    QTimer *m_killTimer = nullptr;
    QStringList m_stderr;
    QStringList m_devices;
    qint64 m_workerPid = 0;
    QString m_workerHost;
    QTimer *m_silence = nullptr;
    QString m_lost;           // why the worker was stopped as a lost connection
    QSet<QString> m_finished; // requests already reported finished
    int m_nextRequest = 1;
};

} // namespace optibench::ui
