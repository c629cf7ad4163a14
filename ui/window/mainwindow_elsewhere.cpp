// The main window's link to runs made elsewhere: bundles and results folders imported (once, or
// watched as a Slurm sweep fills them), where the worker runs (this machine, ssh, a command),
// and the worker's log.
#include "ui/window/mainwindow.h"

#include "ui/models/bundleimport.h"
#include "ui/models/resultswatcher.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/runsview.h"
#include "ui/panels/modelpanel.h"
#include "ui/window/workerdialog.h"

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
const char *kWatchedKey = "import/watched_folder";
constexpr int kWorkerLogLines = 5000;
} // namespace

void MainWindow::addImportFolderActions(QMenu *file)
{
    QAction *folder = file->addAction(tr("Import results &folder…"), this, &MainWindow::importResultsFolder);
    folder->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    folder->setToolTip(tr("Add the runs of a sweep folder (optibench-cli sweep --slurm --out DIR) or of any "
                          "folder of bundles; runs already here are skipped"));
    m_watchAction = file->addAction(tr("&Watch results folder…"), this, [this](bool on) {
        if (!on) {
            watchResultsFolder(QString());
            return;
        }
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Watch results folder"));
        watchResultsFolder(dir); // cancelled: dir is empty, and the action is unchecked again
    });
    m_watchAction->setCheckable(true);
    m_watchAction->setToolTip(tr("Import a sweep folder's runs as its tasks write them"));
    connect(m_results, &ResultsWatcher::imported, this, [this](const QVector<qint64> &ids) {
        m_runsModel->reload();
        m_modelPanel->refresh();
        statusBar()->showMessage(tr("%n run(s) landed in %1", nullptr, int(ids.size()))
                                     .arg(QDir::toNativeSeparators(m_results->folder())),
                                 8000);
    });
    connect(m_results, &ResultsWatcher::errorOccurred, this, &MainWindow::showError);
    const QString watched = QSettings().value(QLatin1String(kWatchedKey)).toString();
    if (!watched.isEmpty() && QDir(watched).exists())
        watchResultsFolder(watched);
}

void MainWindow::importRuns()
{
    const QString fileName =
        QFileDialog::getOpenFileName(this, tr("Import runs"), QString(), tr("Run bundles (*.json);;All files (*)"));
    if (!fileName.isEmpty())
        importRunsFrom(fileName);
}

void MainWindow::showImported(const BundleImport &result, const QString &from)
{
    if (!result.error.isEmpty()) {
        showError(result.error);
        return;
    }
    m_runsModel->reload();
    m_modelPanel->refresh();
    if (!result.runIds.isEmpty())
        m_runsView->selectRun(result.runIds.last());
    QString text = tr("Imported %n run(s) from %1", nullptr, int(result.runIds.size())).arg(from);
    if (result.alreadyStored > 0)
        text += QStringLiteral("; ") + tr("%n were here already", nullptr, result.alreadyStored);
    statusBar()->showMessage(text, 8000);
}

void MainWindow::importRunsFrom(const QString &fileName)
{
    showImported(importBundleFile(*m_store, fileName), fileName);
}

void MainWindow::importResultsFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import results folder"));
    if (!dir.isEmpty())
        importResultsFolderFrom(dir);
}

void MainWindow::importResultsFolderFrom(const QString &dir)
{
    showImported(ui::importResultsFolder(*m_store, dir), QDir::toNativeSeparators(dir));
}

void MainWindow::watchResultsFolder(const QString &dir)
{
    m_results->watch(dir);
    QSettings().setValue(QLatin1String(kWatchedKey), dir);
    if (m_watchAction) {
        m_watchAction->setChecked(!dir.isEmpty());
        m_watchAction->setText(dir.isEmpty() ? tr("&Watch results folder…")
                                             : tr("Stop &watching %1").arg(QDir::toNativeSeparators(dir)));
    }
    updateStatus();
}

void MainWindow::configureWorker()
{
    WorkerDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_worker->setCommand(WorkerClient::defaultCommand());
    const WorkerCommand c = m_worker->command();
    QString text = c.isRemote() ? tr("The next run executes on %1 over ssh").arg(c.host)
                                : tr("The next run uses: %1 %2").arg(c.program, c.arguments.join(QLatin1Char(' ')));
    if (!qEnvironmentVariableIsEmpty("OPTIBENCH_WORKER"))
        text += QStringLiteral(" ") + tr("(OPTIBENCH_WORKER is set and comes first)");
    m_workerVersion.clear(); // until the next worker says hello
    statusBar()->showMessage(text, 8000);
    updateStatus();
}

void MainWindow::appendWorkerLog(const QString &line)
{
    m_workerLog << line;
    if (m_workerLog.size() > kWorkerLogLines)
        m_workerLog.removeFirst();
    if (m_workerLogView)
        m_workerLogView->appendPlainText(line);
}

void MainWindow::showWorkerLog()
{
    if (!m_workerLogView) {
        auto *dialog = new QDialog(this);
        dialog->setWindowTitle(tr("Worker log"));
        m_workerLogView = new QPlainTextEdit(dialog);
        m_workerLogView->setObjectName(QStringLiteral("workerLog"));
        m_workerLogView->setReadOnly(true);
        m_workerLogView->setMaximumBlockCount(kWorkerLogLines);
        m_workerLogView->setPlaceholderText(tr("What the worker (and ssh) write to stderr appears here."));
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(m_workerLogView);
        dialog->resize(800, 400);
        m_workerLogView->setPlainText(m_workerLog.join(QLatin1Char('\n')));
    }
    m_workerLogView->parentWidget()->show();
    m_workerLogView->parentWidget()->raise();
}

} // namespace optibench::ui
