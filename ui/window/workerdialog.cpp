#include "ui/window/workerdialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace optibench::ui {

namespace {
constexpr int kTestTimeoutMs = 20000;
}

WorkerDialog::WorkerDialog(QWidget *parent)
    : QDialog(parent)
    , m_local(new QRadioButton(tr("&This machine (the optibench-cli beside OptiBench)"), this))
    , m_ssh(new QRadioButton(tr("A &remote host over ssh"), this))
    , m_custom(new QRadioButton(tr("A &command of my own"), this))
    , m_host(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_cli(new QLineEdit(this))
    , m_options(new QLineEdit(this))
    , m_command(new QLineEdit(this))
    , m_test(new QPushButton(tr("&Test connection"), this))
    , m_result(new QLabel(this))
{
    setWindowTitle(tr("Worker"));
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_local, m_ssh, m_custom})
        group->addButton(b);
    m_command->setPlaceholderText(tr("e.g. /opt/optibench/bin/optibench-cli worker"));
    auto *note = new QLabel(tr("Runs on a remote host come back over the connection into this store; the host needs "
                               "the same OptiBench version. ssh must log in without a password prompt (a key or "
                               "an agent), since nobody can type into it."),
                            this);
    note->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &WorkerDialog::testConnection);
    connect(group, &QButtonGroup::buttonToggled, this, &WorkerDialog::updateEnabled);
    connect(m_host, &QLineEdit::textChanged, this, &WorkerDialog::updateEnabled);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_local);
    layout->addWidget(m_ssh);
    layout->addWidget(sshPage());
    layout->addWidget(m_custom);
    layout->addWidget(m_command);
    layout->addWidget(note);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setSettings(WorkerSettings::load());
    resize(560, sizeHint().height());
}

QWidget *WorkerDialog::sshPage()
{
    m_sshFields = new QWidget(this);
    m_host->setPlaceholderText(tr("gpu-server (a name from ~/.ssh/config works)"));
    m_user->setPlaceholderText(tr("ssh's default"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("ssh's default"));
    m_cli->setPlaceholderText(tr("optibench-cli on the host's PATH"));
    m_options->setPlaceholderText(tr("e.g. -i ~/.ssh/gpu_key -J bastion"));
    auto *form = new QFormLayout(m_sshFields);
    form->setContentsMargins(24, 0, 0, 0);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("optibench-cli &there:"), m_cli);
    form->addRow(tr("More ssh &options:"), m_options);
    form->addRow(QString(), m_test);
    return m_sshFields;
}

WorkerSettings WorkerDialog::settings() const
{
    WorkerSettings s;
    s.place = m_ssh->isChecked() ? WorkerPlace::Ssh : m_custom->isChecked() ? WorkerPlace::Custom : WorkerPlace::Local;
    s.remote.host = m_host->text().trimmed();
    s.remote.user = m_user->text().trimmed();
    s.remote.port = m_port->value();
    s.remote.cli = m_cli->text().trimmed();
    s.remote.sshOptions = QProcess::splitCommand(m_options->text());
    s.customCommand = m_command->text().trimmed();
    return s;
}

void WorkerDialog::setSettings(const WorkerSettings &s)
{
    (s.place == WorkerPlace::Ssh ? m_ssh : s.place == WorkerPlace::Custom ? m_custom : m_local)->setChecked(true);
    m_host->setText(s.remote.host);
    m_user->setText(s.remote.user);
    m_port->setValue(s.remote.port);
    m_cli->setText(s.remote.cli);
    m_options->setText(s.remote.sshOptions.join(QLatin1Char(' ')));
    m_command->setText(s.customCommand);
    updateEnabled();
}

void WorkerDialog::updateEnabled()
{
    m_sshFields->setEnabled(m_ssh->isChecked());
    m_command->setEnabled(m_custom->isChecked());
    m_test->setEnabled(m_ssh->isChecked() && !m_host->text().trimmed().isEmpty() && !m_probe);
}

void WorkerDialog::testConnection()
{
    if (m_probe)
        return;
    const WorkerCommand command = settings().remote.versionCommand();
    m_probe = new QProcess(this);
    m_probe->setProcessChannelMode(QProcess::MergedChannels);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    m_result->setText(tr("Connecting to %1…").arg(command.host));
    updateEnabled();
    QTimer::singleShot(kTestTimeoutMs, m_probe, [probe = m_probe] { probe->kill(); });
    connect(m_probe, &QProcess::finished, this, [this, clock](int code, QProcess::ExitStatus status) {
        const QString output = QString::fromUtf8(m_probe->readAll()).trimmed();
        testEnded(status == QProcess::CrashExit ? -1 : code, output, clock->elapsed());
    });
    connect(m_probe, &QProcess::errorOccurred, this, [this, clock, command](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        testEnded(-1, tr("%1 could not be started: %2").arg(command.program, m_probe->errorString()), clock->elapsed());
    });
    m_probe->start(command.program, command.arguments);
}

void WorkerDialog::testEnded(int exitCode, const QString &output, qint64 ms)
{
    if (exitCode == 0 && output.contains(QLatin1String("optibench-cli")))
        m_result->setText(
            tr("Connected in %1 s: %2").arg(ms / 1000.0, 0, 'f', 1).arg(output.section(QLatin1Char('\n'), -1)));
    else
        m_result->setText(tr("The connection did not work (exit %1): %2").arg(exitCode).arg(output));
    m_probe->deleteLater();
    m_probe = nullptr;
    updateEnabled();
}

void WorkerDialog::accept()
{
    if (m_ssh->isChecked() && m_host->text().trimmed().isEmpty()) {
        m_result->setText(tr("Name the remote host, or choose another place for the worker."));
        m_host->setFocus();
        return;
    }
    if (m_custom->isChecked() && m_command->text().trimmed().isEmpty()) {
        m_result->setText(tr("Give the command, or choose another place for the worker."));
        m_command->setFocus();
        return;
    }
    settings().save();
    QDialog::accept();
}

} // namespace optibench::ui
