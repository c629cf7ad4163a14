// Work of several runs from the GUI, with the real worker and a real store: a run re-run
// interleaved against the baseline from the runs table's context menu (one worker request, a
// queue row each, opened in the comparison when done) and the noise floor calibrated from the
// Run menu's action (A/A pairs, floors stored). Cancelling one run of a group ends the group.
#include "testutil.h"

#include "app/core/noise_floor.h"
#include "app/core/run_statistics.h"
#include "app/core/sqlite_util.h"
#include "ui/models/comparisonmodel.h"
#include "ui/models/rungroups.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/recommendpanel.h"
#include "ui/pages/runsview.h"
#include "ui/panels/experimentpanel.h"
#include "ui/panels/sweepdialog.h"
#include "ui/widgets/messagebar.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
constexpr int kRunTimeoutMs = 240000;

void chooseInMenu(const QString &text, bool *enabled)
{
    test::whenShown([text, enabled] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return false;
        menu->close();
        for (QAction *a : menu->actions()) {
            if (a->text() == text) {
                *enabled = a->isEnabled();
                if (a->isEnabled())
                    a->trigger();
            }
        }
        return true;
    });
}

std::vector<std::int64_t> interleavedWith(const core::Store &store, qint64 runId)
{
    const auto env = nlohmann::json::parse(store.run(runId)->environmentJson);
    return env.at("interleave").at("runs").get<std::vector<std::int64_t>>();
}

std::int64_t noiseFloorRows(const core::Store &store)
{
    core::sql::Statement s(store.handle(), store.path(), "SELECT COUNT(*) FROM noise_floors");
    s.step();
    const auto n = s.int64(0);
    s.reset();
    return n;
}
} // namespace

class TestRunGroups : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> makeWindow(const std::shared_ptr<core::Store> &store)
    {
        auto window = std::make_unique<MainWindow>(store, QStringLiteral("demo:tiny-bert"));
        window->workerClient()->setCommand({QStringLiteral(OPTIBENCH_WORKER_PATH), {QStringLiteral("worker")}});
        window->resize(1400, 900);
        window->show();
        return window;
    }
    std::shared_ptr<core::Store> makeStore(const QTemporaryDir &dir)
    {
        return std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
    }
    void openMenuOnRun(RunsView *view, qint64 runId)
    {
        view->selectRun(runId);
        const QModelIndex index = view->table()->currentIndex().siblingAtColumn(RunsModel::NameColumn);
        emit view->table()->customContextMenuRequested(view->table()->visualRect(index).center());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_rungroups"));
        QSettings().clear(); // the Sweep dialog brings back the last run's choices
        QVERIFY2(QFileInfo(QStringLiteral(OPTIBENCH_WORKER_PATH)).isExecutable(),
                 "build optibench-cli first: " OPTIBENCH_WORKER_PATH);
    }

    void rerunInterleavedFromTheContextMenu()
    {
        QTemporaryDir dir;
        auto store = makeStore(dir);
        auto bucketed = test::shortDemoSpec("bucketed");
        bucketed.optimizations.padding = options::Padding::Bucketed;
        const auto base = test::writeRun(*store, test::shortDemoSpec("base"), 20, 0.5);
        const auto other = test::writeRun(*store, bucketed, 10, 0.5);
        auto window = makeWindow(store);
        RunsView *view = window->runsView();
        const QString item = QStringLiteral("Re-run interleaved against the baseline");

        // Without a baseline there is nothing to interleave against.
        bool enabled = true;
        chooseInMenu(item, &enabled);
        openMenuOnRun(view, other);
        QVERIFY(!enabled);

        window->runsModel()->setBaselineRunId(base);
        QSignalSpy done(window->runGroups(), &RunGroups::interleavedFinished);
        chooseInMenu(item, &enabled);
        openMenuOnRun(view, other);
        QVERIFY(enabled);
        RunQueueModel *queue = window->runQueue();
        QCOMPARE(queue->rowCount(), 2);
        QCOMPARE(queue->entry(0)->name, QStringLiteral("base (interleaved baseline)"));
        QCOMPARE(queue->entry(1)->name, QStringLiteral("bucketed (interleaved)"));

        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kRunTimeoutMs);
        for (int row = 0; row < 2; ++row)
            QVERIFY2(queue->entry(row)->status == QLatin1String("done"), qPrintable(queue->entry(row)->error));
        const auto ids = done.at(0).at(0).value<QVector<qint64>>();
        QCOMPARE(ids, (QVector<qint64>{queue->entry(0)->runId, queue->entry(1)->runId}));
        const std::vector<std::int64_t> group{ids.at(0), ids.at(1)};
        QCOMPARE(interleavedWith(*store, ids.at(0)), group);
        QCOMPARE(interleavedWith(*store, ids.at(1)), group);
        QCOMPARE(store->run(ids.at(1))->baselineRunId.value_or(0), ids.at(0));
        QCOMPARE(store->run(ids.at(1))->name, std::string("bucketed"));

        // The comparison opens on the pair, the re-run baseline as baseline.
        QCOMPARE(window->pages()->currentWidget(), window->comparisonView());
        QCOMPARE(window->comparisonView()->runIds(), ids);
        QCOMPARE(window->comparisonView()->model()->baseline(), 0);
    }

    void calibrateFromTheRunMenu()
    {
        QTemporaryDir dir;
        auto store = makeStore(dir);
        const auto base = test::writeRun(*store, test::shortDemoSpec("base"), 20, 0.5);
        auto window = makeWindow(store);
        window->runsView()->selectRun(base);
        QSignalSpy calibrated(window->runGroups(), &RunGroups::calibrated);
        QSignalSpy failed(window->runGroups(), &RunGroups::failed);
        int defaultPairs = 0;
        test::whenShown([&defaultPairs] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return false;
            defaultPairs = dialog->intValue();
            dialog->setIntValue(1);
            dialog->accept();
            return true;
        });
        QAction *action = nullptr;
        for (QAction *a : window->findChildren<QAction *>())
            if (a->text() == QStringLiteral("Ca&librate noise floor…"))
                action = a;
        QVERIFY(action);
        action->trigger();
        QCOMPARE(defaultPairs, 3);
        RunQueueModel *queue = window->runQueue();
        QCOMPARE(queue->rowCount(), 2);
        QCOMPARE(queue->entry(0)->name, QStringLiteral("Calibrate base: A, pair 1 of 1"));
        QCOMPARE(queue->entry(1)->name, QStringLiteral("Calibrate base: A′, pair 1 of 1"));

        QTRY_VERIFY_WITH_TIMEOUT(calibrated.size() + failed.size() == 1, kRunTimeoutMs);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
        const qint64 a = queue->entry(0)->runId, b = queue->entry(1)->runId;
        const auto figures = core::runFigures(*store, a);
        const auto floors = core::noiseFloors(*store, core::machineKey(figures.environmentJson, figures.specJson),
                                              core::modelKey(figures.specJson));
        QVERIFY(floors.count("latency_p50_ms"));
        const auto &p50 = floors.at("latency_p50_ms");
        QCOMPARE(p50.pairs, 1);
        QCOMPARE(p50.runIds, QStringLiteral("%1,%2").arg(a).arg(b).toStdString());
        QVERIFY(p50.floor >= 0 && p50.floor < 1);
        QVERIFY2(window->messageBar()->text().contains(QLatin1String("Noise floor of \"base\"")),
                 qPrintable(window->messageBar()->text()));
    }

    void cancellingOneRunCancelsItsGroup()
    {
        QTemporaryDir dir;
        auto store = makeStore(dir);
        auto window = makeWindow(store);
        WorkerClient *worker = window->workerClient();
        RunQueueModel *queue = window->runQueue();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QSignalSpy progress(worker, &WorkerClient::progress);
        QSignalSpy failed(window->runGroups(), &RunGroups::failed);
        const QueuedRun run{QStringLiteral("long"), test::specJson(test::shortDemoSpec("long", 100000))};
        QVERIFY(window->runGroups()->calibrate(run, 2));
        QCOMPARE(queue->rowCount(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(worker->activeRunId() > 0 && progress.size() > 0, kRunTimeoutMs);

        queue->cancel(queue->index(1, 0)); // the running pair's A′: the pair and the next one end
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 30000);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(queue->entry(row)->status, QStringLiteral("cancelled"));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("nothing was stored")),
                 qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(noiseFloorRows(*store), 0);
        QCOMPARE(window->runGroups()->pendingCount(), 0);
    }

    // Sweep… in the experiment panel: 2 x 2 values ticked make 4 runs, interleaved in one
    // request; as they land the comparison's cost-and-quality page fills, baseline first.
    void interleavedSweepFromTheDialog()
    {
        QTemporaryDir dir;
        auto store = makeStore(dir);
        auto window = makeWindow(store);
        window->experimentPanel()->setSpec(test::shortDemoSpec("sweep"));
        QSignalSpy progress(window->runGroups(), &RunGroups::sweepProgress);
        int planned = 0;
        QString summary;
        test::whenShown([&planned, &summary] {
            auto *dialog = qobject_cast<SweepDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return false;
            dialog->setValues(QStringLiteral("optimizations.quantization"), {"none", "dynamic-int8"});
            dialog->setValues(QStringLiteral("optimizations.padding"), {"dynamic", "bucketed"});
            dialog->setInterleaved(true);
            planned = dialog->plan().size();
            summary = dialog->summary()->text();
            dialog->queueButton()->click();
            return true;
        });
        QVERIFY(window->experimentPanel()->sweepButton()->isEnabled());
        window->experimentPanel()->sweepButton()->click();
        QCOMPARE(planned, 4);
        QVERIFY2(summary.startsWith(QLatin1String("4 run")), qPrintable(summary));
        RunQueueModel *queue = window->runQueue();
        QCOMPARE(queue->rowCount(), 4);
        QCOMPARE(queue->entry(0)->name, QStringLiteral("sweep (quantization=none padding=dynamic)"));
        QCOMPARE(queue->entry(3)->name, QStringLiteral("sweep (quantization=dynamic-int8 padding=bucketed)"));

        QTRY_COMPARE_WITH_TIMEOUT(progress.size(), 4, kRunTimeoutMs);
        const auto ids = progress.last().at(0).value<QVector<qint64>>();
        QCOMPARE(progress.last().at(1).toInt(), 0);
        QCOMPARE(ids.size(), 4);
        QCOMPARE(interleavedWith(*store, ids.at(3)), (std::vector<std::int64_t>(ids.begin(), ids.end())));
        QCOMPARE(window->pages()->currentWidget(), window->comparisonView());
        QCOMPARE(window->comparisonView()->runIds(), ids);
        QCOMPARE(window->comparisonView()->model()->baseline(), 0);
        QVERIFY(!window->comparisonView()->recommend()->reason()->text().isEmpty());
        // The metric the user picked stays when the runs change, as they do while a sweep lands.
        window->comparisonView()->showMetric(QStringLiteral("latency_p90_ms"));
        window->comparisonView()->setRuns(ids.mid(0, 3), ids.constFirst());
        QCOMPARE(window->comparisonView()->metric(), QStringLiteral("latency_p90_ms"));
        QVERIFY2(window->messageBar()->text().contains(QLatin1String("Sweep finished")),
                 qPrintable(window->messageBar()->text()));
    }

    // Unticked "interleave": a request per run, each in the comparison as it lands.
    void sweepRunByRunLandsOneByOne()
    {
        QTemporaryDir dir;
        auto store = makeStore(dir);
        auto window = makeWindow(store);
        window->experimentPanel()->setSpec(test::shortDemoSpec("")); // named by its toggles
        QSignalSpy progress(window->runGroups(), &RunGroups::sweepProgress);
        bool emptyQueues = true;
        test::whenShown([&emptyQueues] {
            auto *dialog = qobject_cast<SweepDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return false;
            for (const SweepToggle &toggle : sweepToggles())
                dialog->setValues(toggle.path, {}); // the last sweep's choices come back
            dialog->setExtraGrid(QString());
            emptyQueues = dialog->queueButton()->isEnabled();
            dialog->setValues(QStringLiteral("task.batch_size"), {"1", "4"});
            dialog->setInterleaved(false);
            dialog->queueButton()->click();
            return true;
        });
        window->sweepCurrentSpec();
        QVERIFY2(!emptyQueues, "nothing chosen, nothing to queue");
        QCOMPARE(window->runQueue()->rowCount(), 2);
        // Not "baseline (batch_size=4)": the name the toggles gave describes the base only.
        QCOMPARE(window->runQueue()->entry(1)->name, QStringLiteral("batch_size=4"));
        QTRY_COMPARE_WITH_TIMEOUT(progress.size(), 2, kRunTimeoutMs);
        QCOMPARE(progress.at(0).at(0).value<QVector<qint64>>().size(), 1);
        QCOMPARE(progress.at(0).at(1).toInt(), 1);
        const auto ids = progress.at(1).at(0).value<QVector<qint64>>();
        QCOMPARE(ids.size(), 2);
        QCOMPARE(progress.at(1).at(1).toInt(), 0);
        QVERIFY(core::runFigures(*store, ids.at(1)).interleavedWith.empty());
        QCOMPARE(core::parseSpecText(store->run(ids.at(1))->specJson).task.batchSize, 4);
        QCOMPARE(window->comparisonView()->runIds(), ids);
    }

    void trainingRunsAreNotCalibrated()
    {
        QTemporaryDir dir;
        auto store = makeStore(dir);
        auto window = makeWindow(store);
        auto training = test::shortDemoSpec("training");
        training.task.mode = options::Mode::Training;
        QSignalSpy failed(window->runGroups(), &RunGroups::failed);
        QVERIFY(!window->runGroups()->calibrate({QStringLiteral("training"), test::specJson(training)}, 3));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("inference runs")),
                 qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(window->runQueue()->rowCount(), 0);
    }
};

QTEST_MAIN(TestRunGroups)
#include "tst_rungroups.moc"
