#include "ui/models/workerclient.h"

#include "app/core/protocol.h"
#include "app/core/store.h"
#include "ui/models/convert.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <optional>
#include <type_traits>
#include <utility>

namespace optibench::ui {

namespace proto = core::protocol;

namespace {
constexpr int kStderrLines = 20;
// A worker that ignores a cancel request this long is killed; the run is then recorded cancelled.
constexpr int kCancelGraceMs = 10000;
} // namespace

WorkerClient::WorkerClient(QObject *parent)
    : QObject(parent), m_command(defaultCommand()), m_killTimer(new QTimer(this))
{
    m_killTimer->setSingleShot(true);
    m_killTimer->setInterval(kCancelGraceMs);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process)
            m_process->kill();
    });
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

WorkerCommand WorkerClient::parseCommand(const QString &commandLine)
{
    QStringList parts = QProcess::splitCommand(commandLine);
    if (parts.isEmpty())
        return {};
    WorkerCommand c;
    c.program = parts.takeFirst();
    // A bare path to optibench-cli means its worker verb.
    if (parts.isEmpty() && QFileInfo(c.program).fileName().startsWith(QLatin1String("optibench-cli")))
        parts << QStringLiteral("worker");
    c.arguments = parts;
    return c;
}

WorkerCommand WorkerClient::defaultCommand()
{
    const QString env = qEnvironmentVariable("OPTIBENCH_WORKER");
    if (!env.isEmpty())
        return parseCommand(env);
    const QString configured = QSettings().value(QStringLiteral("worker/command")).toString();
    if (!configured.trimmed().isEmpty())
        return parseCommand(configured);
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/optibench-cli"), {QStringLiteral("worker")}};
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
    for (const QString &request : next.requests)
        m_active.append({request, 0, tr("starting")});
    m_cancelRequested = false;
    if (!ensureProcess()) {
        finishAllActive(QStringLiteral("failed"), tr("No worker command is configured."));
        return;
    }
    proto::RunRequest run{fromQ(next.requests.constFirst()), fromQ(m_db), fromQ(next.specJsons.constFirst()), {}};
    for (int i = 1; i < next.requests.size(); ++i)
        run.interleaveWith.push_back({fromQ(next.requests.at(i)), fromQ(next.specJsons.at(i))});
    // A worker that fails to start reports it through processEnded(), which fails these runs.
    send(proto::encode(run));
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
                emit hello(toQ(m.appVersion), toQ(m.libtorch), m_devices);
            } else if constexpr (std::is_same_v<T, proto::Started>) {
                if (Active *run = active(toQ(m.request)))
                    run->runId = m.runId;
                emit started(toQ(m.request), m.runId);
            } else if constexpr (std::is_same_v<T, proto::Progress>) {
                if (Active *run = active(toQ(m.request))) {
                    run->stage = toQ(m.stage);
                    if (m.runId)
                        run->runId = m.runId;
                }
                emit progress(toQ(m.request), m.runId, toQ(m.stage), m.done, m.total, toQ(m.message));
            } else if constexpr (std::is_same_v<T, proto::Finished>) {
                const QString request = toQ(m.request);
                if (Active *run = active(request)) {
                    run->runId = m.runId ? m.runId : run->runId;
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
    const QString status = m_cancelRequested ? QStringLiteral("cancelled") : QStringLiteral("failed");
    // Each run of the request fails with its own stage, and the runs that started are marked in
    // the store, opened once for all of them.
    std::optional<core::Store> store;
    while (!m_active.isEmpty()) {
        const Active run = m_active.constFirst();
        const QString message = m_cancelRequested ? QString() : endMessage(reason, failedToStart, refusal, run.stage);
        if (run.runId > 0 && !m_db.isEmpty()) {
            try {
                if (!store)
                    store.emplace(fromQ(m_db));
                store->markRun(run.runId, m_cancelRequested ? core::RunStatus::Cancelled : core::RunStatus::Failed,
                               fromQ(message));
            } catch (const std::exception &e) {
                emit error(run.request, tr("Could not record the failed run in %1: %2").arg(m_db, toQ(e.what())));
            }
        }
        finishRun(run.request, status, message); // the last queues sendNext, which starts a fresh worker
    }
}

QString WorkerClient::endMessage(const QString &reason, bool failedToStart, const QString &refusal,
                                 const QString &stage) const
{
    if (!refusal.isEmpty())
        return refusal;
    QString message = failedToStart ? tr("the worker could not be started: %1").arg(reason)
                                    : tr("the worker process crashed (%1) during stage %2").arg(reason, stage);
    const QString tail = stderrTail();
    if (!tail.isEmpty())
        message += QLatin1Char('\n') + tr("Worker output:") + QLatin1Char('\n') + tail;
    return message;
}

} // namespace optibench::ui
