#pragma once
// Run > Generate text… (Ctrl+T): a decoder model continuing a prompt, the text streamed into the
// dialog as it comes, with the time to first token and the per-token latency when it ends. The
// generation runs in its own process (optibench-cli generate), so a model that fails to load
// or runs out of memory never takes the window with it; Stop ends it at once.
#include <QDialog>
#include <QProcess>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace optibench::ui {

class GenerateDialog : public QDialog {
    Q_OBJECT
public:
    // cli: optibench-cli's path (empty: the one beside this program). A demo:tiny-bert path
    // becomes demo:tiny-llama (the classifier generates nothing).
    explicit GenerateDialog(const QString &modelPath, QWidget *parent = nullptr, const QString &cli = {});
    ~GenerateDialog() override;

    void setPrompt(const QString &prompt);
    void setNewTokens(int tokens);
    void setSampling(bool sample); // on by default (temperature 0.8, top-k 40, top-p 0.95, seed 0)
    QString modelPath() const;
    QString continuation() const { return m_continuation; } // the text generated so far
    QString status() const;                                 // the line under the text
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

public slots:
    void generate();
    void stop();

signals:
    void finished(bool ok);

private:
    QWidget *createSettings();
    QStringList arguments() const;
    void appendText(const QString &text);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void setRunning(bool running);

    QString m_cli;
    QProcess m_process;
    QLineEdit *m_model;
    QPlainTextEdit *m_prompt;
    QSpinBox *m_newTokens;
    QCheckBox *m_sample;
    QDoubleSpinBox *m_temperature;
    QSpinBox *m_topK;
    QDoubleSpinBox *m_topP;
    QSpinBox *m_seed;
    QPlainTextEdit *m_output;
    QLabel *m_status;
    QPushButton *m_generate;
    QPushButton *m_stop;
    QString m_continuation;
    QByteArray m_stdout; // bytes of a character split across reads wait here
    QString m_stderr;
    bool m_stopped = false;
};

} // namespace optibench::ui
