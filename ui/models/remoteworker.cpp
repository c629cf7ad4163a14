#include "ui/models/remoteworker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>

#include <unistd.h>

namespace optibench::ui {

namespace {

const char *kPlaceKey = "worker/place";
const char *kCommandKey = "worker/command";
const char *kHostKey = "worker/ssh_host";
const char *kUserKey = "worker/ssh_user";
const char *kPortKey = "worker/ssh_port";
const char *kCliKey = "worker/remote_cli";
const char *kOptionsKey = "worker/ssh_options";

// ssh options that take a value: the argument after them is not the host.
bool takesValue(const QString &option)
{
    static const QStringList withValue{QStringLiteral("-B"), QStringLiteral("-b"), QStringLiteral("-c"),
                                       QStringLiteral("-D"), QStringLiteral("-E"), QStringLiteral("-e"),
                                       QStringLiteral("-F"), QStringLiteral("-I"), QStringLiteral("-i"),
                                       QStringLiteral("-J"), QStringLiteral("-L"), QStringLiteral("-l"),
                                       QStringLiteral("-m"), QStringLiteral("-O"), QStringLiteral("-o"),
                                       QStringLiteral("-p"), QStringLiteral("-Q"), QStringLiteral("-R"),
                                       QStringLiteral("-S"), QStringLiteral("-W"), QStringLiteral("-w")};
    return withValue.contains(option);
}

QStringList sshArguments(const RemoteWorker &r)
{
    const QString control = sshControlDir();
    QStringList args{QStringLiteral("-T"),
                     QStringLiteral("-o"),
                     QStringLiteral("BatchMode=yes"),
                     QStringLiteral("-o"),
                     QStringLiteral("ServerAliveInterval=5"),
                     QStringLiteral("-o"),
                     QStringLiteral("ServerAliveCountMax=3")};
    if (!control.isEmpty())
        args << QStringLiteral("-o") << QStringLiteral("ControlMaster=auto") << QStringLiteral("-o")
             << QStringLiteral("ControlPath=%1/%C").arg(control) << QStringLiteral("-o")
             << QStringLiteral("ControlPersist=60");
    if (r.port > 0)
        args << QStringLiteral("-p") << QString::number(r.port);
    if (!r.user.isEmpty())
        args << QStringLiteral("-l") << r.user;
    args << r.sshOptions << r.host << QStringLiteral("--");
    return args;
}

} // namespace

QString sshControlDir()
{
    const QString dir = QDir::tempPath() + QStringLiteral("/optibench-ssh-%1").arg(::getuid());
    if (!QDir().mkpath(dir))
        return {};
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return dir;
}

WorkerCommand RemoteWorker::command() const
{
    const QString program = sshProgram.isEmpty() ? QStringLiteral("ssh") : sshProgram;
    const QString remoteCli = cli.isEmpty() ? QStringLiteral("optibench-cli") : cli;
    return {program, sshArguments(*this) << remoteCli << QStringLiteral("worker"), host};
}

WorkerCommand RemoteWorker::versionCommand() const
{
    WorkerCommand c = command();
    c.arguments.last() = QStringLiteral("--version");
    return c;
}

WorkerSettings WorkerSettings::load()
{
    QSettings s;
    WorkerSettings w;
    w.customCommand = s.value(QLatin1String(kCommandKey)).toString();
    w.remote.host = s.value(QLatin1String(kHostKey)).toString();
    w.remote.user = s.value(QLatin1String(kUserKey)).toString();
    w.remote.port = s.value(QLatin1String(kPortKey)).toInt();
    w.remote.cli = s.value(QLatin1String(kCliKey)).toString();
    w.remote.sshOptions = QProcess::splitCommand(s.value(QLatin1String(kOptionsKey)).toString());
    const QString place = s.value(QLatin1String(kPlaceKey)).toString();
    // Before there was a choice, a command line alone meant a custom worker.
    w.place = place == QLatin1String("ssh") ? WorkerPlace::Ssh
        : place == QLatin1String("custom") || (place.isEmpty() && !w.customCommand.trimmed().isEmpty())
        ? WorkerPlace::Custom
        : WorkerPlace::Local;
    return w;
}

void WorkerSettings::save() const
{
    QSettings s;
    s.setValue(QLatin1String(kPlaceKey),
               place == WorkerPlace::Ssh          ? QStringLiteral("ssh")
                   : place == WorkerPlace::Custom ? QStringLiteral("custom")
                                                  : QStringLiteral("local"));
    s.setValue(QLatin1String(kCommandKey), customCommand.trimmed());
    s.setValue(QLatin1String(kHostKey), remote.host.trimmed());
    s.setValue(QLatin1String(kUserKey), remote.user.trimmed());
    s.setValue(QLatin1String(kPortKey), remote.port);
    s.setValue(QLatin1String(kCliKey), remote.cli.trimmed());
    s.setValue(QLatin1String(kOptionsKey), remote.sshOptions.join(QLatin1Char(' ')));
}

WorkerCommand parseWorkerCommand(const QString &commandLine)
{
    QStringList parts = QProcess::splitCommand(commandLine);
    if (parts.isEmpty())
        return {};
    WorkerCommand c;
    c.program = parts.takeFirst();
    const QString name = QFileInfo(c.program).fileName();
    // A bare path to optibench-cli means its worker verb.
    if (parts.isEmpty() && name.startsWith(QLatin1String("optibench-cli")))
        parts << QStringLiteral("worker");
    if (name == QLatin1String("ssh")) {
        for (int i = 0; i < parts.size(); ++i) {
            if (takesValue(parts.at(i)))
                ++i;
            else if (!parts.at(i).startsWith(QLatin1Char('-'))) {
                c.host = parts.at(i);
                break;
            }
        }
    }
    c.arguments = parts;
    return c;
}

} // namespace optibench::ui
