// The Run menu and the work it queues: the experiment panel's spec, the demo, runs re-run
// interleaved against the baseline and noise-floor calibrations (through RunGroups).
#include "ui/window/mainwindow.h"

#include "ui/models/convert.h"
#include "ui/models/rungroups.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/runsview.h"
#include "ui/panels/experimentpanel.h"
#include "ui/widgets/messagebar.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>

namespace optibench::ui {

// Interleaved re-runs open in the comparison against their baseline when all are done; a
// calibration's floors are shown and taken by the comparison's verdicts at once.
void MainWindow::connectRunGroups()
{
    connect(m_runsView, &RunsView::interleavedRerunRequested, m_groups, &RunGroups::rerunInterleaved);
    connect(m_runsView, &RunsView::calibrateRequested, m_groups, &RunGroups::calibrate);
    connect(m_groups, &RunGroups::failed, this, &MainWindow::showError);
    connect(m_groups, &RunGroups::interleavedFinished, this, [this](const QVector<qint64> &ids) {
        m_runsModel->reload();
        m_comparison->setRuns(ids, ids.constFirst());
        m_pages->setCurrentWidget(m_comparison);
    });
    connect(m_groups, &RunGroups::calibrated, this, [this](const QString &summary) {
        m_messages->showMessage(summary, MessageBar::Kind::Information);
        m_comparison->reloadNoiseFloors();
    });
}

// Run: run, cancel, cancel all, re-run interleaved, calibrate, compare, reload. Returns {run, cancel, compare}.
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
    QAction *interleaved =
        run->addAction(tr("Re-run &interleaved against the baseline"), m_runsView, &RunsView::rerunSelectedInterleaved);
    interleaved->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    run->addAction(tr("Ca&librate noise floor…"), m_runsView, &RunsView::calibrateCurrent);
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

void MainWindow::runDemo()
{
    setModelPath(QStringLiteral("demo:tiny-bert"));
    runCurrentSpec();
}

void MainWindow::runCurrentSpec()
{
    const QString error = m_experiment->validationError();
    if (!error.isEmpty()) {
        showError(tr("This experiment cannot run: %1").arg(error));
        return;
    }
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
