// The Run menu and the work it queues: the experiment panel's spec, the demo, a sweep over the
// spec, runs re-run interleaved against the baseline and noise-floor calibrations (the last
// three through RunGroups).
#include "ui/window/mainwindow.h"

#include "ui/models/convert.h"
#include "ui/models/rungroups.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/runsview.h"
#include "ui/panels/experimentpanel.h"
#include "ui/panels/sweepdialog.h"
#include "ui/widgets/messagebar.h"
#include "ui/window/generatedialog.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>

namespace optibench::ui {

// Interleaved re-runs open in the comparison against their baseline when all are done; a
// sweep's runs fill the comparison's cost-and-quality page (Pareto front, recommendation) as they
// land; a calibration's floors are shown and taken by the comparison's verdicts at once.
void MainWindow::connectRunGroups()
{
    connect(m_experiment, &ExperimentPanel::sweepRequested, this, &MainWindow::sweepCurrentSpec);
    connect(m_groups, &RunGroups::sweepProgress, this, &MainWindow::showSweepProgress);
    connect(m_runsView, &RunsView::interleavedRerunRequested, m_groups, &RunGroups::rerunInterleaved);
    connect(m_comparison, &ComparisonView::interleavedRerunRequested, m_groups, &RunGroups::rerunInterleaved);
    connect(m_comparison, &ComparisonView::compareRequested, this,
            [this](const QVector<qint64> &ids, qint64 baseline) { m_comparison->setRuns(ids, baseline); });
    connect(m_runsView, &RunsView::calibrateRequested, m_groups, &RunGroups::calibrate);
    connect(m_groups, &RunGroups::failed, this, &MainWindow::showError);
    // The runs table has reloaded by then: the queue's runFinished comes first (RunQueueModel
    // connects to the worker before RunGroups does).
    connect(m_groups, &RunGroups::interleavedFinished, this, [this](const QVector<qint64> &ids) {
        m_comparison->setRuns(ids, ids.constFirst());
        m_pages->setCurrentWidget(m_comparison);
    });
    connect(m_groups, &RunGroups::calibrated, this, [this](const QString &summary) {
        m_messages->showMessage(summary, MessageBar::Kind::Information);
        m_comparison->reloadNoiseFloors();
    });
}

// Run: run, cancel, cancel all, sweep, re-run interleaved, calibrate, compare, reload. Returns {run, cancel, compare}.
QList<QAction *> MainWindow::createRunMenu()
{
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    QAction *runAction = run->addAction(tr("&Run experiment"), this, &MainWindow::runCurrentSpec);
    runAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    runAction->setIcon(QIcon(QStringLiteral(":/icons/run.svg")));
    QAction *cancel = run->addAction(tr("&Cancel running run"), this, [this] {
        if (m_worker->isBusy())
            m_worker->cancel(m_worker->activeRequest());
    });
    cancel->setShortcut(QKeySequence(tr("Ctrl+.")));
    cancel->setIcon(QIcon(QStringLiteral(":/icons/cancel.svg")));
    run->addAction(tr("Cancel &all"), m_queue, &RunQueueModel::cancelAll);
    run->addSeparator();
    QAction *sweep = run->addAction(tr("S&weep…"), this, &MainWindow::sweepCurrentSpec);
    sweep->setShortcut(QKeySequence(tr("Ctrl+G")));
    QAction *interleaved =
        run->addAction(tr("Re-run &interleaved against the baseline"), m_runsView, &RunsView::rerunSelectedInterleaved);
    interleaved->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    run->addAction(tr("Ca&librate noise floor…"), m_runsView, &RunsView::calibrateCurrent);
    QAction *generate = run->addAction(tr("Generate &text…"), this, &MainWindow::showGenerateDialog);
    generate->setShortcut(QKeySequence(tr("Ctrl+T")));
    generate->setToolTip(tr("Continue a prompt with a decoder model, the text streamed as it comes"));
    connect(run, &QMenu::aboutToShow, this,
            [this, interleaved] { interleaved->setEnabled(m_runsView->interleavedRerun(nullptr, nullptr)); });
    run->addSeparator();
    QAction *compare = run->addAction(tr("Co&mpare selected runs"), this, &MainWindow::compareSelected);
    compare->setShortcut(QKeySequence(tr("Ctrl+D")));
    compare->setIcon(QIcon(QStringLiteral(":/icons/compare.svg")));
    QAction *reload = run->addAction(tr("Re&load runs"), m_runsModel, &RunsModel::reload);
    reload->setShortcut(QKeySequence::Refresh);
    return {runAction, cancel, compare};
}

void MainWindow::showGenerateDialog()
{
    if (!m_generateDialog) {
        m_generateDialog = new GenerateDialog(toQ(m_experiment->spec().model.path), this);
        m_generateDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_generateDialog->show();
    m_generateDialog->raise();
    m_generateDialog->activateWindow();
}

// False, with the reason shown, when the experiment panel's spec cannot run.
bool MainWindow::experimentCanRun()
{
    const QString error = m_experiment->validationError();
    if (!error.isEmpty())
        showError(tr("This experiment cannot run: %1").arg(error));
    return error.isEmpty();
}

void MainWindow::sweepCurrentSpec()
{
    if (!experimentCanRun())
        return;
    SweepDialog dialog(m_experiment->sweepBaseJson(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_groups->sweep(dialog.plan().names, dialog.plan().specJsons, dialog.interleaved());
}

void MainWindow::showSweepProgress(const QVector<qint64> &runIds, int remaining)
{
    if (!runIds.isEmpty()) {
        m_comparison->setRuns(runIds, runIds.constFirst());
        if (runIds.size() == 1) { // the first to land: show where the rest will appear
            m_comparison->showCostAndQuality();
            m_pages->setCurrentWidget(m_comparison);
        }
    }
    if (remaining == 0)
        m_messages->showMessage(tr("Sweep finished: %n run(s) done.", nullptr, int(runIds.size())),
                                MessageBar::Kind::Information);
}

void MainWindow::runDemo()
{
    setModelPath(QStringLiteral("demo:tiny-bert"));
    runCurrentSpec();
}

void MainWindow::runCurrentSpec()
{
    if (!experimentCanRun())
        return;
    m_queue->enqueue(toQ(m_experiment->spec().name), m_experiment->specJson());
}

void MainWindow::compareSelected()
{
    const QVector<qint64> ids = m_runsView->selectedRunIds();
    if (ids.size() < 2) {
        showError(tr("Select at least two runs in the runs table to compare them."));
        return;
    }
    m_comparison->setRuns(ids, m_runsModel->baselineRunId());
    m_pages->setCurrentWidget(m_comparison);
}

} // namespace optibench::ui
