#pragma once
// Where the worker runs: this machine, a remote host over ssh, or a command line of the user's
// own. The ssh command is built the way remote tools drive a JSON-lines process: no pty (-T,
// which would turn line ends into CRLF and echo input), BatchMode (a password prompt would hang
// an invisible process: keys or an agent only), a ControlMaster socket in a private temporary
// folder (one TCP connection and one login for all runs), and ServerAlive keep-alives, so a
// dead connection ends ssh within seconds. Settings under "worker/".
#include <QString>
#include <QStringList>

#include <utility>

namespace optibench::ui {

struct WorkerCommand {
    WorkerCommand() = default;
    WorkerCommand(QString program, QStringList arguments, QString host = {})
        : program(std::move(program)), arguments(std::move(arguments)), host(std::move(host))
    {}
    QString program;
    QStringList arguments;
    QString host; // the remote host it runs on; empty: this machine
    bool isValid() const { return !program.isEmpty(); }
    bool isRemote() const { return !host.isEmpty(); }
};

enum class WorkerPlace { Local, Ssh, Custom };

struct RemoteWorker {
    QString host;
    QString user;           // empty: ssh's default (the config, or the local user)
    int port = 0;           // 0: ssh's default
    QString cli;            // optibench-cli on the host; empty: "optibench-cli" on its PATH
    QStringList sshOptions; // further ssh arguments, e.g. -i KEY or -F CONFIG
    QString sshProgram;     // empty: "ssh"

    // ssh -T -o BatchMode=yes ... host -- cli worker
    WorkerCommand command() const;
    // The same connection running `cli --version`, for a connection test.
    WorkerCommand versionCommand() const;
};

struct WorkerSettings {
    WorkerPlace place = WorkerPlace::Local;
    RemoteWorker remote;
    QString customCommand; // a whole command line (worker/command)

    static WorkerSettings load();
    void save() const;
};

// The folder of the ssh control sockets: private to this user (0700), under the temporary folder.
QString sshControlDir();

// A user's command line as a WorkerCommand: a bare optibench-cli path means its worker verb,
// and an ssh command line is remote (its host the first argument that is not an option).
WorkerCommand parseWorkerCommand(const QString &commandLine);

} // namespace optibench::ui
