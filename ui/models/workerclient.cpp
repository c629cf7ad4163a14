#include "ui/models/workerclient.h"

#include "app/core/protocol.h"
#include "app/core/store.h"
#include "ui/models/convert.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <type_traits>

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
    const QString request = QStringLiteral("r%1").arg(m_nextRequest++);
    m_queue.enqueue({request, specJson});
    // Deferred, so the caller can connect to the request's signals first.
    QMetaObject::invokeMethod(this, &WorkerClient::sendNext, Qt::QueuedConnection);
    return request;
}

void WorkerClient::cancel(const QString &request)
{
    for (int i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).request == request) {
            m_queue.removeAt(i);
            m_finished.insert(request);
            emit finished(request, 0, QStringLiteral("cancelled"), QString());
            return;
        }
    }
    if (request == m_active && !m_cancelRequested) {
        m_cancelRequested = true;
        send(proto::encode(proto::CancelRequest{fromQ(request)}));
        m_killTimer->start();
    }
}

void WorkerClient::cancelAll()
{
    while (!m_queue.isEmpty())
        cancel(m_queue.last().request);
    if (!m_active.isEmpty())
        cancel(m_active);
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
    m_active = next.request;
    m_activeRunId = 0;
    m_activeStage = tr("starting");
    m_cancelRequested = false;
    if (!ensureProcess()) {
        finishActive(QStringLiteral("failed"), tr("No worker command is configured."));
        return;
    }
    // A worker that fails to start reports it through processEnded(), which fails this run.
    send(proto::encode(proto::RunRequest{fromQ(next.request), fromQ(m_db), fromQ(next.specJson)}));
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
                m_devices.clear();
                for (const auto &d : m.devices)
                    m_devices << toQ(d);
                emit hello(toQ(m.appVersion), toQ(m.libtorch), m_devices);
            } else if constexpr (std::is_same_v<T, proto::Started>) {
                if (toQ(m.request) == m_active)
                    m_activeRunId = m.runId;
                emit started(toQ(m.request), m.runId);
            } else if constexpr (std::is_same_v<T, proto::Progress>) {
                if (toQ(m.request) == m_active) {
                    m_activeStage = toQ(m.stage);
                    if (m.runId)
                        m_activeRunId = m.runId;
                }
                emit progress(toQ(m.request), m.runId, toQ(m.stage), m.done, m.total, toQ(m.message));
            } else if constexpr (std::is_same_v<T, proto::Finished>) {
                const QString request = toQ(m.request);
                if (request == m_active) {
                    m_activeRunId = m.runId ? m.runId : m_activeRunId;
                    finishActive(toQ(m.status), toQ(m.error));
                } else if (!m_finished.contains(request)) {
                    m_finished.insert(request);
                    emit finished(request, m.runId, toQ(m.status), toQ(m.error));
                }
            } else if constexpr (std::is_same_v<T, proto::Error>) {
                const QString request = toQ(m.request);
                emit error(request, toQ(m.message));
                // A refused run request never starts: it is finished, and the queue moves on.
                if (!request.isEmpty() && request == m_active)
                    finishActive(QStringLiteral("failed"), toQ(m.message));
            }
        },
        *message);
}

void WorkerClient::finishActive(const QString &status, const QString &errorText)
{
    const QString request = m_active;
    const qint64 runId = m_activeRunId;
    m_active.clear();
    m_activeRunId = 0;
    m_cancelRequested = false;
    m_killTimer->stop();
    // The worker may follow an error event with its own finished event: report each run once.
    m_finished.insert(request);
    emit finished(request, runId, status, errorText);
    QMetaObject::invokeMethod(this, &WorkerClient::sendNext, Qt::QueuedConnection);
}

void WorkerClient::processEnded(const QString &reason, bool failedToStart)
{
    QProcess *process = m_process;
    m_process = nullptr;
    if (process)
        process->deleteLater();
    if (m_active.isEmpty())
        return; // an idle worker that exited: the next run starts a fresh one
    QString message;
    if (m_cancelRequested) {
        message = QString();
    } else {
        message = failedToStart ? tr("the worker could not be started: %1").arg(reason)
                                : tr("the worker process crashed (%1) during stage %2").arg(reason, m_activeStage);
        const QString tail = stderrTail();
        if (!tail.isEmpty())
            message += QLatin1Char('\n') + tr("Worker output:") + QLatin1Char('\n') + tail;
    }
    const QString status = m_cancelRequested ? QStringLiteral("cancelled") : QStringLiteral("failed");
    if (m_activeRunId > 0 && !m_db.isEmpty()) {
        try {
            core::Store store(fromQ(m_db));
            store.markRun(m_activeRunId, m_cancelRequested ? core::RunStatus::Cancelled : core::RunStatus::Failed,
                          fromQ(message));
        } catch (const std::exception &e) {
            emit error(m_active, tr("Could not record the failed run in %1: %2").arg(m_db, toQ(e.what())));
        }
    }
    finishActive(status, message); // queues sendNext, which starts a fresh worker
}

} // namespace optibench::ui
