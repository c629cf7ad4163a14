#include "ui/window/generatedialog.h"

#include "options/ranges.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QStringDecoder>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {

// The CLI's last stderr line that starts with its name: its timing, or its error.
QString lastCliLine(const QString &stderrText)
{
    const QStringList lines = stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->startsWith(QLatin1String("optibench-cli: ")))
            return it->mid(15);
    return lines.isEmpty() ? QString() : lines.last();
}

} // namespace

GenerateDialog::GenerateDialog(const QString &modelPath, QWidget *parent, const QString &cli)
    : QDialog(parent)
    , m_cli(cli.isEmpty() ? QCoreApplication::applicationDirPath() + QStringLiteral("/optibench-cli") : cli)
    // The demo classifier generates nothing: its decoder sibling is the one to try.
    , m_model(new QLineEdit(modelPath.startsWith(QLatin1String("demo:tiny-bert")) ? QStringLiteral("demo:tiny-llama")
                                                                                  : modelPath,
                            this))
    , m_prompt(new QPlainTextEdit(this))
    , m_output(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_generate(new QPushButton(tr("&Generate"), this))
    , m_stop(new QPushButton(tr("&Stop"), this))
{
    setWindowTitle(tr("Generate text"));
    m_model->setToolTip(tr("A decoder: demo:tiny-llama, or a Hugging Face folder of GPT-2, Llama, Mistral or Qwen2"));
    m_prompt->setPlaceholderText(tr("Text to continue, e.g. the battery"));
    m_prompt->setMaximumHeight(m_prompt->fontMetrics().height() * 4 + 12);
    m_output->setReadOnly(true);
    m_output->setPlaceholderText(tr("The prompt and its continuation appear here as the tokens come."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generate->setDefault(true);
    m_generate->setToolTip(tr("Generate (Ctrl+Return)"));
    m_stop->setToolTip(tr("Stop the generation"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("&Prompt:"), m_prompt);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_generate, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(createSettings());
    layout->addWidget(m_output, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(640, 520);

    connect(m_generate, &QPushButton::clicked, this, &GenerateDialog::generate);
    connect(m_stop, &QPushButton::clicked, this, &GenerateDialog::stop);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, this, &GenerateDialog::stop); // closing ends the generation
    auto *run = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(run, &QShortcut::activated, this, &GenerateDialog::generate);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
        m_stdout += m_process.readAllStandardOutput();
        // Whole UTF-8 characters only; a character split across reads waits for its last byte.
        int end = int(m_stdout.size());
        while (end > 0 && end > int(m_stdout.size()) - 4 && (uchar(m_stdout[end - 1]) & 0xC0) == 0x80)
            --end;
        if (end > 0 && uchar(m_stdout[end - 1]) >= 0xC0)
            --end;
        appendText(QString::fromUtf8(m_stdout.left(end)));
        m_stdout.remove(0, end);
    });
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_stderr += QString::fromUtf8(m_process.readAllStandardError()); });
    connect(&m_process, &QProcess::finished, this, &GenerateDialog::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_status->setText(tr("Could not start %1: %2").arg(m_cli, m_process.errorString()));
            setRunning(false);
            emit finished(false);
        }
    });
    setRunning(false);
}

GenerateDialog::~GenerateDialog()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QWidget *GenerateDialog::createSettings()
{
    namespace range = options::range;
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_newTokens = new QSpinBox(box);
    m_newTokens->setRange(1, 4096);
    m_newTokens->setValue(48);
    m_newTokens->setToolTip(tr("At most this many new tokens (the end of text stops it sooner)"));
    m_sample = new QCheckBox(tr("S&ample"), box);
    m_sample->setToolTip(tr("Sample each token rather than take the most likely one (off: greedy, which can "
                            "repeat itself)"));
    m_temperature = new QDoubleSpinBox(box);
    m_temperature->setRange(0.05, range::samplingTemperature.hi);
    m_temperature->setSingleStep(0.1);
    m_temperature->setValue(0.8);
    m_temperature->setToolTip(tr("Sampling temperature"));
    m_topK = new QSpinBox(box);
    m_topK->setRange(0, int(range::topK.hi));
    m_topK->setValue(40);
    m_topK->setToolTip(tr("Top-k: sample among the k most likely tokens (0: all)"));
    m_topP = new QDoubleSpinBox(box);
    m_topP->setRange(0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setValue(0.95);
    m_topP->setToolTip(tr("Top-p: sample among the most likely tokens that hold this probability"));
    m_seed = new QSpinBox(box);
    m_seed->setRange(0, 1 << 30);
    m_seed->setToolTip(tr("Seed of the sampling: the same seed gives the same text"));
    row->addWidget(new QLabel(tr("New tokens:"), box));
    row->addWidget(m_newTokens);
    row->addWidget(m_sample);
    for (auto [label, field] : {std::pair<QString, QWidget *>{tr("T"), m_temperature},
                                {tr("k"), m_topK},
                                {tr("p"), m_topP},
                                {tr("seed"), m_seed}}) {
        row->addWidget(new QLabel(label, box));
        row->addWidget(field);
        connect(m_sample, &QCheckBox::toggled, field, &QWidget::setEnabled);
    }
    m_sample->setChecked(true); // sampled text reads better than greedy's repetitions; the seed fixes it
    row->addStretch(1);
    return box;
}

void GenerateDialog::setPrompt(const QString &prompt)
{
    m_prompt->setPlainText(prompt);
}

void GenerateDialog::setNewTokens(int tokens)
{
    m_newTokens->setValue(tokens);
}

void GenerateDialog::setSampling(bool sample)
{
    m_sample->setChecked(sample);
}

QString GenerateDialog::modelPath() const
{
    return m_model->text();
}

QString GenerateDialog::status() const
{
    return m_status->text();
}

QStringList GenerateDialog::arguments() const
{
    QStringList args{QStringLiteral("generate"),         m_model->text().trimmed(),
                     QStringLiteral("--prompt"),         m_prompt->toPlainText(),
                     QStringLiteral("--max-new-tokens"), QString::number(m_newTokens->value())};
    if (m_sample->isChecked())
        args << QStringLiteral("--sample") << QStringLiteral("--temperature") << QString::number(m_temperature->value())
             << QStringLiteral("--top-k") << QString::number(m_topK->value()) << QStringLiteral("--top-p")
             << QString::number(m_topP->value()) << QStringLiteral("--seed") << QString::number(m_seed->value());
    return args;
}

void GenerateDialog::generate()
{
    if (isRunning())
        return;
    if (m_model->text().trimmed().isEmpty() || m_prompt->toPlainText().trimmed().isEmpty()) {
        m_status->setText(tr("Give a model and a prompt to continue."));
        return;
    }
    m_continuation.clear();
    m_stdout.clear();
    m_stderr.clear();
    m_stopped = false;
    m_output->setPlainText(m_prompt->toPlainText());
    m_status->setText(tr("Loading %1…").arg(m_model->text().trimmed()));
    setRunning(true);
    m_process.start(m_cli, arguments());
}

void GenerateDialog::stop()
{
    if (!isRunning())
        return;
    m_stopped = true;
    m_process.kill();
}

void GenerateDialog::appendText(const QString &text)
{
    if (text.isEmpty())
        return;
    if (m_continuation.isEmpty())
        m_status->setText(tr("Generating…"));
    m_continuation += text;
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(QColor(0x1f, 0x6f, 0xb4));
    format.setFontWeight(QFont::DemiBold);
    cursor.insertText(text, format);
    m_output->ensureCursorVisible();
}

void GenerateDialog::onFinished(int exitCode, QProcess::ExitStatus status)
{
    appendText(QString::fromUtf8(m_stdout));
    m_stdout.clear();
    const bool ok = !m_stopped && status == QProcess::NormalExit && exitCode == 0;
    const QString line = lastCliLine(m_stderr);
    if (m_stopped)
        m_status->setText(tr("Stopped after %n character(s).", nullptr, int(m_continuation.size())));
    else if (ok)
        m_status->setText(line);
    else
        m_status->setText(tr("Generation failed: %1").arg(line.isEmpty() ? tr("the process ended") : line));
    setRunning(false);
    emit finished(ok);
}

void GenerateDialog::setRunning(bool running)
{
    m_generate->setEnabled(!running);
    m_stop->setEnabled(running);
    m_model->setReadOnly(running);
}

} // namespace optibench::ui
