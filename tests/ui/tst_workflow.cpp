// The real workflow: a temporary store, the real worker (optibench-cli worker), runs queued from
// the GUI's run queue; they finish and appear in the runs table. A worker killed mid-run leaves
// the run marked failed (by the GUI) and the next run still works.
#include "testutil.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/panels/experimentpanel.h"
#include "ui/window/mainwindow.h"

#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
constexpr int kRunTimeoutMs = 240000;
}

class TestWorkflow : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> makeWindow(const QTemporaryDir &dir, std::shared_ptr<core::Store> *storeOut)
    {
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        *storeOut = store;
        auto window = std::make_unique<MainWindow>(store, QStringLiteral("demo:tiny-bert"));
        window->workerClient()->setCommand({QStringLiteral(OPTIBENCH_WORKER_PATH), {QStringLiteral("worker")}});
        return window;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workflow"));
        QVERIFY2(QFileInfo(QStringLiteral(OPTIBENCH_WORKER_PATH)).isExecutable(),
                 "build optibench-cli first: " OPTIBENCH_WORKER_PATH);
    }

    void twoDemoRunsAppearInTheRunsTable()
    {
        QTemporaryDir dir;
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(dir, &store);
        RunQueueModel *queue = window->runQueue();
        RunsModel *runs = window->runsModel();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QCOMPARE(runs->rowCount(), 0);

        queue->enqueue(QStringLiteral("first"), test::specJson(test::shortDemoSpec("first")));
        auto second = test::shortDemoSpec("second");
        second.optimizations.padding = options::Padding::Bucketed;
        queue->enqueue(QStringLiteral("second"), test::specJson(second));
        QCOMPARE(queue->activeCount(), 2);

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kRunTimeoutMs);
        for (int row = 0; row < 2; ++row)
            QVERIFY2(queue->entry(row)->status == QLatin1String("done"), qPrintable(queue->entry(row)->error));
        QCOMPARE(runs->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const RunRow *r = runs->row(row);
            QCOMPARE(r->status, QStringLiteral("done"));
            QVERIFY2(r->metrics.value(QStringLiteral("latency_p50_ms")) > 0.0, qPrintable(r->name));
        }
        QCOMPARE(runs->row(0)->name, QStringLiteral("first"));
        QVERIFY(runs->row(1)->toggles.contains(QLatin1String("bucketed")));
        QVERIFY(!store->series(runs->row(0)->id, "latency_ms").empty());
    }

    void runButtonRunsTheDemoAndTheRunAppears()
    {
        QTemporaryDir dir;
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(dir, &store);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ExperimentPanel *panel = window->experimentPanel();
        panel->setSpec(test::shortDemoSpec("from the button"));
        QSignalSpy finished(window->runQueue(), &RunQueueModel::runFinished);

        QVERIFY(panel->runButton()->isEnabled());
        QTest::mouseClick(panel->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kRunTimeoutMs);
        RunsModel *runs = window->runsModel();
        QTRY_COMPARE_WITH_TIMEOUT(runs->rowCount(), 1, 5000);
        QCOMPARE(runs->row(0)->status, QStringLiteral("done"));
        QCOMPARE(runs->row(0)->model, QStringLiteral("demo:tiny-bert"));
        QVERIFY(runs->row(0)->metrics.value(QStringLiteral("latency_p50_ms")) > 0.0);
    }

    void killedWorkerMarksRunFailedAndNextRunWorks()
    {
        QTemporaryDir dir;
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(dir, &store);
        WorkerClient *worker = window->workerClient();
        RunQueueModel *queue = window->runQueue();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QSignalSpy progress(worker, &WorkerClient::progress);

        queue->enqueue(QStringLiteral("long"), test::specJson(test::shortDemoSpec("long", 100000)));
        queue->enqueue(QStringLiteral("after"), test::specJson(test::shortDemoSpec("after")));
        // Kill once the run is recorded and timing has begun.
        QTRY_VERIFY_WITH_TIMEOUT(worker->activeRunId() > 0 && progress.size() > 0 && worker->processId() > 0,
                                 kRunTimeoutMs);
        const qint64 killedRun = worker->activeRunId();
        const qint64 pid = worker->processId();
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(queue->entry(0)->status, QStringLiteral("failed"));
        QVERIFY2(queue->entry(0)->error.contains(QLatin1String("crashed")), qPrintable(queue->entry(0)->error));
        const auto record = store->run(killedRun);
        QVERIFY(record);
        QCOMPARE(core::toString(record->status), std::string("failed"));
        QVERIFY2(QString::fromStdString(record->error).contains(QLatin1String("during stage")), record->error.c_str());

        // A fresh worker takes the next run.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kRunTimeoutMs);
        QVERIFY2(queue->entry(1)->status == QLatin1String("done"), qPrintable(queue->entry(1)->error));
        QVERIFY(worker->processId() != pid);
        window->runsModel()->reload();
        QCOMPARE(window->runsModel()->rowCount(), 2);
        QCOMPARE(window->runsModel()->row(window->runsModel()->rowOfRun(killedRun))->status, QStringLiteral("failed"));
    }

    // A worker of another protocol version (here what version 1 writes first, then it reads
    // requests) is stopped after its hello: the queued run fails naming both versions and no
    // request reaches it.
    void workerOfAnotherProtocolIsRefused()
    {
        QTemporaryDir dir;
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(dir, &store);
        WorkerClient *worker = window->workerClient();
        worker->setCommand({QStringLiteral("/bin/sh"),
                            {QStringLiteral("-c"),
                             QStringLiteral("echo '{\"type\":\"hello\",\"protocol\":1,\"app_version\":\"0.1.0\","
                                            "\"libtorch\":\"1.13.1\",\"cuda\":\"\",\"devices\":[\"cpu\"]}'; "
                                            "cat > /dev/null")}});
        RunQueueModel *queue = window->runQueue();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QSignalSpy errors(worker, &WorkerClient::error);
        queue->enqueue(QStringLiteral("refused"), test::specJson(test::shortDemoSpec("refused")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(queue->entry(0)->status, QStringLiteral("failed"));
        const QString error = queue->entry(0)->error;
        QVERIFY2(error.contains(QLatin1String("protocol version 1")) && error.contains(QLatin1String("version 3")),
                 qPrintable(error));
        QVERIFY(!errors.isEmpty());
        QVERIFY(store->runs().empty());
    }

    void cancelRunningRun()
    {
        QTemporaryDir dir;
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(dir, &store);
        WorkerClient *worker = window->workerClient();
        RunQueueModel *queue = window->runQueue();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QSignalSpy progress(worker, &WorkerClient::progress);
        queue->enqueue(QStringLiteral("cancel me"), test::specJson(test::shortDemoSpec("cancel me", 100000)));
        QTRY_VERIFY_WITH_TIMEOUT(worker->activeRunId() > 0 && progress.size() > 0, kRunTimeoutMs);
        const qint64 runId = worker->activeRunId();
        queue->cancel(queue->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(queue->entry(0)->status, QStringLiteral("cancelled"));
        QCOMPARE(core::toString(store->run(runId)->status), std::string("cancelled"));
    }
};

QTEST_MAIN(TestWorkflow)
#include "tst_workflow.moc"
