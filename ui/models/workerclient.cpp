#include "ui/models/workerclient.h"

#include "app/core/export.h"
#include "app/core/protocol.h"
#include "app/core/store.h"
#include "ui/models/convert.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace optibench::ui {

namespace proto = core::protocol;

namespace {
constexpr int kStderrLines = 20;
// A worker that ignores a cancel request this long is killed; the run is then recorded cancelled.
constexpr int kCancelGraceMs = 10000;
// A busy worker silent this long (heartbeats come every 5 s) is taken for a lost connection.
constexpr int kSilenceMs = 30000;

QString nameOf(const QString &specJson)
{
    const auto spec = nlohmann::json::parse(specJson.toStdString(), nullptr, false);
    return spec.is_object() && spec.contains("name") && spec["name"].is_string() ? toQ(spec["name"].get<std::string>())
                                                                                 : QString();
}
} // namespace

WorkerClient::WorkerClient(QObject *parent)
    : QObject(parent), m_command(defaultCommand()), m_killTimer(new QTimer(this)), m_silence(new QTimer(this))
{
    m_killTimer->setSingleShot(true);
    m_killTimer->setInterval(kCancelGraceMs);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process)
            m_process->kill();
    });
    const int silence = qEnvironmentVariableIntValue("OPTIBENCH_WORKER_SILENCE_MS");
    m_silence->setSingleShot(true);
    m_silence->setInterval(silence > 0 ? silence : kSilenceMs);
    connect(m_silence, &QTimer::timeout, this, [this] {
        if (!m_process || m_active.isEmpty())
            return;
        m_lost = tr("nothing from the worker for %1 s (no heartbeat): the connection is taken for lost")
                     .arg(m_silence->interval() / 1000.0, 0, 'f', 1);
        m_process->kill();
    });
}

void WorkerClient::setSilenceLimit(int ms)
{
    m_silence->setInterval(ms);
}

WorkerClient::~WorkerClient()
{
    if (m_process) {
        m_process->disconnect(this);
        send(proto::encode(proto::Shutdown{}));
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(2000))
            m_process->kill();
        m_process->waitForFinished(1000);
    }
}

WorkerCommand WorkerClient::defaultCommand()
{
    const QString env = qEnvironmentVariable("OPTIBENCH_WORKER");
    if (!env.isEmpty())
        return parseCommand(env);
    const WorkerSettings settings = WorkerSettings::load();
    if (settings.place == WorkerPlace::Ssh && !settings.remote.host.trimmed().isEmpty())
        return settings.remote.command();
    if (settings.place == WorkerPlace::Custom && !settings.customCommand.trimmed().isEmpty())
        return parseCommand(settings.customCommand);
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/optibench-cli"), {QStringLiteral("worker")}, {}};
}

qint64 WorkerClient::processId() const
{
    return m_process && m_process->state() == QProcess::Running ? m_process->processId() : 0;
}

QString WorkerClient::stderrTail() const
{
    return m_stderr.join(QLatin1Char('\n'));
}

QString WorkerClient::submit(const QString &specJson)
{
    return submitInterleaved({specJson}).constFirst();
}

QStringList WorkerClient::submitInterleaved(const QStringList &specJsons)
{
    Pending pending;
    for (const QString &spec : specJsons) {
        pending.requests << QStringLiteral("r%1").arg(m_nextRequest++);
        pending.specJsons << spec;
    }
    m_queue.enqueue(pending);
    // Deferred, so the caller can connect to the requests' signals first.
    QMetaObject::invokeMethod(this, &WorkerClient::sendNext, Qt::QueuedConnection);
    return pending.requests;
}

void WorkerClient::cancel(const QString &request)
{
    for (int i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).requests.contains(request)) {
            const Pending pending = m_queue.takeAt(i);
            for (const QString &r : pending.requests) {
                m_finished.insert(r);
                emit finished(r, 0, QStringLiteral("cancelled"), QString());
            }
            return;
        }
    }
    if (active(request) && !m_cancelRequested) {
        m_cancelRequested = true;
        send(proto::encode(proto::CancelRequest{fromQ(request)}));
        m_killTimer->start();
    }
}

void WorkerClient::cancelAll()
{
    while (!m_queue.isEmpty())
        cancel(m_queue.last().requests.constFirst());
    if (!m_active.isEmpty())
        cancel(m_active.constFirst().request);
}

WorkerClient::Active *WorkerClient::active(const QString &request)
{
    for (Active &run : m_active)
        if (run.request == request)
            return &run;
    return nullptr;
}

bool WorkerClient::ensureProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        return true;
    if (!m_command.isValid()) {
        return false;
    }
    m_stderr.clear();
    m_workerPid = 0;
    m_workerHost.clear();
    m_lost.clear();
    auto *process = new QProcess(this);
    m_process = process;
    connect(process, &QProcess::readyReadStandardOutput, this, &WorkerClient::readStdout);
    connect(process, &QProcess::readyReadStandardError, this, &WorkerClient::readStderr);
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        if (process != m_process)
            return;
        readStdout();
        readStderr();
        processEnded(status == QProcess::CrashExit ? tr("killed by signal %1").arg(code)
                                                   : tr("exited with code %1").arg(code),
                     false);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (process != m_process || e != QProcess::FailedToStart)
            return;
        processEnded(tr("\"%1\": %2").arg(m_command.program, process->errorString()), true);
    });
    process->start(m_command.program, m_command.arguments);
    return true;
}

void WorkerClient::sendNext()
{
    if (!m_active.isEmpty() || m_queue.isEmpty())
        return;
    const Pending next = m_queue.dequeue();
    for (int i = 0; i < next.requests.size(); ++i)
        m_active.append({next.requests.at(i), 0, tr("starting"), next.specJsons.at(i), 0});
    m_cancelRequested = false;
    if (!ensureProcess()) {
        finishAllActive(QStringLiteral("failed"), tr("No worker command is configured."));
        return;
    }
    // A remote worker cannot reach this machine's store: no db, and the runs come back as results.
    const QString db = m_command.isRemote() ? QString() : m_db;
    proto::RunRequest run{fromQ(next.requests.constFirst()), fromQ(db), fromQ(next.specJsons.constFirst()), {}};
    for (int i = 1; i < next.requests.size(); ++i)
        run.interleaveWith.push_back({fromQ(next.requests.at(i)), fromQ(next.specJsons.at(i))});
    // A worker that fails to start reports it through processEnded(), which fails these runs.
    send(proto::encode(run));
    m_silence->start();
}

void WorkerClient::send(const std::string &line)
{
    if (!m_process)
        return;
    QByteArray bytes = QByteArray::fromStdString(line);
    bytes.append('\n');
    m_process->write(bytes);
}

void WorkerClient::readStdout()
{
    if (!m_process)
        return;
    if (!m_active.isEmpty())
        m_silence->start(); // the worker is alive: wait again
    while (m_process && m_process->canReadLine())
        handleLine(m_process->readLine().trimmed());
}

void WorkerClient::readStderr()
{
    if (!m_process)
        return;
    const QString text = QString::fromUtf8(m_process->readAllStandardError());
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        m_stderr << line;
        if (m_stderr.size() > kStderrLines)
            m_stderr.removeFirst();
        emit logLine(line);
    }
}

void WorkerClient::handleLine(const QByteArray &line)
{
    if (line.isEmpty())
        return;
    std::string decodeError;
    const auto message = proto::decode(line.toStdString(), &decodeError);
    if (!message) {
        // Not protocol: keep it with stderr, it explains a failure better than nothing.
        m_stderr << QString::fromUtf8(line);
        if (m_stderr.size() > kStderrLines)
            m_stderr.removeFirst();
        return;
    }
    std::visit(
        [this](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, proto::Hello>) {
                if (!acceptsProtocol(m.protocol))
                    return;
                m_devices.clear();
                for (const auto &d : m.devices)
                    m_devices << toQ(d);
                m_workerPid = m.pid;
                m_workerHost = toQ(m.host);
                emit hello(toQ(m.appVersion), toQ(m.libtorch), m_devices);
            } else if constexpr (std::is_same_v<T, proto::Started>) {
                // A remote run's id names a row of the worker's own store, not of ours.
                const qint64 local = m_command.isRemote() ? 0 : m.runId;
                if (Active *run = active(toQ(m.request))) {
                    run->runId = local;
                    run->remoteRunId = m.runId;
                }
                emit started(toQ(m.request), local);
            } else if constexpr (std::is_same_v<T, proto::Progress>) {
                const qint64 local = m_command.isRemote() ? 0 : m.runId;
                if (Active *run = active(toQ(m.request))) {
                    run->stage = toQ(m.stage);
                    if (local)
                        run->runId = local;
                }
                emit progress(toQ(m.request), local, toQ(m.stage), m.done, m.total, toQ(m.message));
            } else if constexpr (std::is_same_v<T, proto::Result>) {
                importResult(toQ(m.request), m.bundleJson);
            } else if constexpr (std::is_same_v<T, proto::Finished>) {
                const QString request = toQ(m.request);
                if (Active *run = active(request)) {
                    if (!m_command.isRemote() && m.runId)
                        run->runId = m.runId;
                    finishRun(request, toQ(m.status), toQ(m.error));
                } else if (!m_finished.contains(request)) {
                    m_finished.insert(request);
                    emit finished(request, m.runId, toQ(m.status), toQ(m.error));
                }
            } else if constexpr (std::is_same_v<T, proto::Error>) {
                const QString request = toQ(m.request);
                emit error(request, toQ(m.message));
                // A refused run request never starts: it is finished, and the queue moves on.
                if (!request.isEmpty() && active(request))
                    finishRun(request, QStringLiteral("failed"), toQ(m.message));
            }
        },
        *message);
}

// Refuses a worker of another protocol version: it is stopped, and its runs fail saying why.
bool WorkerClient::acceptsProtocol(int version)
{
    if (version == proto::kVersion)
        return true;
    m_refusal = tr("the worker \"%1\" speaks protocol version %2, this OptiBench speaks version %3; install the "
                   "same OptiBench version for both")
                    .arg(m_command.program)
                    .arg(version)
                    .arg(proto::kVersion);
    emit error(QString(), m_refusal);
    if (m_process)
        m_process->kill();
    return false;
}

void WorkerClient::finishRun(const QString &request, const QString &status, const QString &errorText)
{
    qint64 runId = 0;
    for (int i = 0; i < m_active.size(); ++i) {
        if (m_active.at(i).request == request) {
            runId = m_active.takeAt(i).runId;
            break;
        }
    }
    // The worker may follow an error event with its own finished event: report each run once.
    m_finished.insert(request);
    if (m_active.isEmpty()) {
        m_cancelRequested = false;
        m_killTimer->stop();
        m_silence->stop();
        QMetaObject::invokeMethod(this, &WorkerClient::sendNext, Qt::QueuedConnection);
    }
    emit finished(request, runId, status, errorText);
}

void WorkerClient::finishAllActive(const QString &status, const QString &errorText)
{
    while (!m_active.isEmpty())
        finishRun(m_active.constFirst().request, status, errorText);
}

void WorkerClient::processEnded(const QString &reason, bool failedToStart)
{
    QProcess *process = m_process;
    m_process = nullptr;
    if (process)
        process->deleteLater();
    const QString refusal = std::exchange(m_refusal, QString());
    if (m_active.isEmpty())
        return; // an idle worker that exited: the next run starts a fresh one
    m_silence->stop();
    const QString lost = std::exchange(m_lost, QString());
    const QString status = m_cancelRequested ? QStringLiteral("cancelled") : QStringLiteral("failed");
    // Each run of the request fails with its own stage and is recorded in the store.
    while (!m_active.isEmpty()) {
        Active run = m_active.constFirst();
        const QString message = m_cancelRequested
            ? QString()
            : endMessage(lost.isEmpty() ? reason : lost, failedToStart, refusal, run.stage);
        recordEnded(run, m_cancelRequested, message);
        m_active.first().runId = run.runId;
        finishRun(run.request, status, message); // the last queues sendNext, which starts a fresh worker
    }
}

void WorkerClient::recordEnded(Active &run, bool cancelled, const QString &message)
{
    if (m_db.isEmpty())
        return;
    // A local run's row exists (the worker wrote it); a remote run without a result has none.
    const bool hasRow = run.runId > 0;
    if (!hasRow && (!m_command.isRemote() || run.remoteRunId == 0))
        return; // it never started: nothing to record, as when a local worker refused it
    try {
        core::Store store(fromQ(m_db));
        if (!hasRow) {
            const QString name = nameOf(run.specJson);
            run.runId = store.beginRun(fromQ(name), 0, fromQ(run.specJson), "{}");
        }
        store.markRun(run.runId, cancelled ? core::RunStatus::Cancelled : core::RunStatus::Failed, fromQ(message));
    } catch (const std::exception &e) {
        emit error(run.request, tr("Could not record the failed run in %1: %2").arg(m_db, toQ(e.what())));
    }
}

// A remote run's bundle, imported into this machine's store; the run then has its id here.
void WorkerClient::importResult(const QString &request, const std::string &bundleJson)
{
    Active *run = active(request);
    if (!run || m_db.isEmpty())
        return;
    try {
        core::Store store(fromQ(m_db));
        const auto bundle = nlohmann::json::parse(bundleJson);
        const auto result = core::importBundles(store, {{fromQ(tr("the result from %1").arg(m_command.host)), bundle}});
        if (!result.added.empty())
            run->runId = result.added.front();
    } catch (const std::exception &e) {
        emit error(request,
                   tr("Could not store the result of run %1 from %2 in %3: %4")
                       .arg(request, m_command.host, m_db, toQ(e.what())));
    }
}

QString WorkerClient::endMessage(const QString &reason, bool failedToStart, const QString &refusal,
                                 const QString &stage) const
{
    if (!refusal.isEmpty())
        return refusal;
    QString message = failedToStart ? tr("the worker could not be started: %1").arg(reason)
        : m_command.isRemote()
        ? tr("the connection to the worker on %1 was lost (%2) during stage %3").arg(m_command.host, reason, stage)
        : tr("the worker process crashed (%1) during stage %2").arg(reason, stage);
    const QString tail = stderrTail();
    if (!tail.isEmpty())
        message += QLatin1Char('\n') + tr("Worker output:") + QLatin1Char('\n') + tail;
    return message;
}

} // namespace optibench::ui
