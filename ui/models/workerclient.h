#pragma once
// Drives `optibench-cli worker` through QProcess and turns its JSON-lines output into signals.
// Runs are queued here and sent one request at a time (a request is one run, or several run
// interleaved). When the worker dies mid-run (crash, kill, out of memory) each run of the
// request is marked failed in the store with the stage and the worker's stderr tail,
// finished(failed) is emitted, and a fresh worker is started for the next queued request.
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QQueue>
#include <QSet>
#include <QStringList>
#include <QVector>

class QTimer;

namespace optibench::ui {

struct WorkerCommand {
    QString program;
    QStringList arguments;
    bool isValid() const { return !program.isEmpty(); }
};

class WorkerClient : public QObject {
    Q_OBJECT
public:
    explicit WorkerClient(QObject *parent = nullptr);
    ~WorkerClient() override;

    // The worker command: OPTIBENCH_WORKER, else the settings key "worker/command" (a whole
    // command line, e.g. "ssh gpu-host optibench-cli worker"), else optibench-cli beside the app.
    static WorkerCommand defaultCommand();
    static WorkerCommand parseCommand(const QString &commandLine);
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
    // The last lines the worker wrote to stderr.
    QString stderrTail() const;

signals:
    void hello(const QString &appVersion, const QString &libtorch, const QStringList &devices);
    void started(const QString &request, qint64 runId);
    void progress(const QString &request, qint64 runId, const QString &stage, qint64 done, qint64 total,
                  const QString &message);
    // status: done | failed | cancelled. runId is 0 when the run never started.
    void finished(const QString &request, qint64 runId, const QString &status, const QString &error);
    // A request the worker refused, or a worker that could not be started.
    void error(const QString &request, const QString &message);

private:
    struct Pending {
        QStringList requests; // one, or the runs interleaved, the baseline first
        QStringList specJsons;
    };
    struct Active {
        QString request;
        qint64 runId = 0;
        QString stage;
    };

    bool ensureProcess();
    void sendNext();
    void send(const std::string &line);
    void readStdout();
    void readStderr();
    void handleLine(const QByteArray &line);
    void processEnded(const QString &reason, bool failedToStart);
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
    QSet<QString> m_finished; // requests already reported finished
    int m_nextRequest = 1;
};

} // namespace optibench::ui
