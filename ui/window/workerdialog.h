#pragma once
// Settings > Worker…: where runs execute. This machine (the optibench-cli beside the app), a
// remote host over ssh (host, user, port, the optibench-cli there, further ssh options), or a
// command line of the user's own. Test connection runs `optibench-cli --version` through the
// same ssh command and says what came back. Saved as WorkerSettings.
#include <QDialog>

#include "ui/models/remoteworker.h"

class QLabel;
class QLineEdit;
class QProcess;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace optibench::ui {

class WorkerDialog : public QDialog {
    Q_OBJECT
public:
    explicit WorkerDialog(QWidget *parent = nullptr);

    WorkerSettings settings() const;
    void setSettings(const WorkerSettings &settings);
    QPushButton *testButton() const { return m_test; }
    QLabel *testResult() const { return m_result; }
    // Starts the connection test (what the button does).
    void testConnection();

    void accept() override;

private:
    QWidget *sshPage();
    void updateEnabled();
    void testEnded(int exitCode, const QString &output, qint64 ms);

    QRadioButton *m_local;
    QRadioButton *m_ssh;
    QRadioButton *m_custom;
    QLineEdit *m_host;
    QLineEdit *m_user;
    QSpinBox *m_port;
    QLineEdit *m_cli;
    QLineEdit *m_options;
    QLineEdit *m_command;
    QPushButton *m_test;
    QLabel *m_result;
    QWidget *m_sshFields = nullptr;
    QProcess *m_probe = nullptr;
};

} // namespace optibench::ui
