// The desktop driving a worker on another host over ssh, against a real sshd on loopback that
// the test starts (keys made for it) and stops: the run queue runs the demo through it and the
// run lands in the desktop's own store; killing the ssh client mid-run fails the run with the
// reason, the remote worker is gone within 5 s, and the next run reconnects.
// With OPTIBENCH_SCREENSHOT_DIR set, the window is grabbed while a run executes remotely.
#include "../cluster/daemon_util.h"
#include "../cluster/loopback_sshd.h"
#include "testutil.h"
#include "ui/models/remoteworker.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/window/mainwindow.h"
#include "ui/window/workerdialog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
constexpr int kRunTimeoutMs = 240000;

bool alive(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}
} // namespace

class TestSshWorker : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<optibench::test::LoopbackSshd> m_sshd;
    QTemporaryDir m_dir;

    RemoteWorker remote() const
    {
        RemoteWorker r;
        r.host = QString::fromLatin1(optibench::test::LoopbackSshd::kHost);
        r.cli = QStringLiteral(OPTIBENCH_WORKER_PATH);
        r.sshOptions = {QStringLiteral("-F"), QString::fromStdString(m_sshd->clientConfig().string())};
        return r;
    }

    std::unique_ptr<MainWindow> makeWindow(std::shared_ptr<core::Store> *storeOut)
    {
        static int n = 0;
        const QString path = m_dir.path() + QStringLiteral("/runs-%1.sqlite").arg(++n);
        auto store = std::make_shared<core::Store>(path.toStdString());
        *storeOut = store;
        auto window = std::make_unique<MainWindow>(store, QStringLiteral("demo:tiny-bert"));
        window->workerClient()->setCommand(remote().command());
        return window;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sshworker"));
        m_sshd = std::make_unique<optibench::test::LoopbackSshd>(OPTIBENCH_TEST_SSHD_DIR);
        if (!m_sshd->start())
            QSKIP(qPrintable(QStringLiteral("no loopback sshd: ") + QString::fromStdString(m_sshd->why())));
    }

    void cleanupTestCase()
    {
        if (m_sshd)
            m_sshd->stop(); // every session too: a control master left behind exits with them
    }

    void theCommandHasNoPtyBatchModeAControlMasterAndKeepAlives()
    {
        const QStringList args = remote().command().arguments;
        QVERIFY(args.contains(QStringLiteral("-T")));
        QVERIFY(args.contains(QStringLiteral("BatchMode=yes")));
        QVERIFY(args.contains(QStringLiteral("ControlMaster=auto")));
        QVERIFY(args.contains(QStringLiteral("ServerAliveInterval=5")));
        QCOMPARE(args.mid(args.size() - 3),
                 (QStringList{QStringLiteral("--"), QStringLiteral(OPTIBENCH_WORKER_PATH), QStringLiteral("worker")}));
        QVERIFY(remote().command().isRemote());
        const WorkerCommand parsed =
            parseWorkerCommand(QStringLiteral("ssh -p 2222 -l me gpu-host optibench-cli worker"));
        QCOMPARE(parsed.host, QStringLiteral("gpu-host"));
    }

    // Settings > Worker: the ssh fields are saved, and Test connection reaches the host.
    void theWorkerDialogTestsTheConnectionAndSavesTheHost()
    {
        WorkerDialog dialog;
        WorkerSettings s;
        s.place = WorkerPlace::Ssh;
        s.remote = remote();
        dialog.setSettings(s);
        dialog.show();
        QVERIFY(dialog.testButton()->isEnabled());
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.testResult()->text().startsWith(QLatin1String("Connected")), 20000);
        QVERIFY2(dialog.testResult()->text().contains(QLatin1String("optibench-cli")),
                 qPrintable(dialog.testResult()->text()));
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            QDir().mkpath(shot);
            dialog.grab().save(shot + QStringLiteral("/worker-dialog.png"));
        }
        dialog.accept();
        const WorkerSettings saved = WorkerSettings::load();
        QCOMPARE(int(saved.place), int(WorkerPlace::Ssh));
        QCOMPARE(saved.remote.host, s.remote.host);
        QCOMPARE(saved.remote.sshOptions, s.remote.sshOptions);
        QVERIFY(WorkerClient::defaultCommand().isRemote());

        // A host that does not answer says so.
        RemoteWorker nowhere = remote();
        nowhere.host = QStringLiteral("nowhere.invalid");
        s.remote = nowhere;
        dialog.setSettings(s);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.testResult()->text().startsWith(QLatin1String("The connection did not work")),
                                 25000);
        WorkerSettings local;
        local.save();
    }

    void theQueueRunsTheDemoOnTheRemoteWorkerIntoTheDesktopsStore()
    {
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(&store);
        window->show();
        RunQueueModel *queue = window->runQueue();
        WorkerClient *worker = window->workerClient();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QSignalSpy hello(worker, &WorkerClient::hello);
        QElapsedTimer clock;
        clock.start();
        queue->enqueue(QStringLiteral("over ssh"), ui::test::specJson(ui::test::shortDemoSpec("over ssh", 400)));
        QTRY_VERIFY_WITH_TIMEOUT(hello.size() == 1, 60000);
        QVERIFY(worker->workerPid() > 0);
        QCOMPARE(worker->workerHost().isEmpty(), false);
        // The status bar names the host that runs.
        auto *status = window->statusBar()->findChild<QLabel *>(QStringLiteral("workerStatus"));
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("on optibench-test (ssh")), 5000);
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            QTest::qWait(1500); // progress from the remote worker in the queue and status bar
            QDir().mkpath(shot);
            window->grab().save(shot + QStringLiteral("/remote-worker.png"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kRunTimeoutMs);
        qInfo("the demo over ssh: %.1f s from enqueue to finished", clock.elapsed() / 1000.0);
        QVERIFY2(queue->entry(0)->status == QLatin1String("done"), qPrintable(queue->entry(0)->error));

        // The run is in the desktop's store, with its results and the remote machine's environment.
        const qint64 id = finished.at(0).at(0).toLongLong();
        QVERIFY(id > 0);
        const auto run = store->run(id);
        QVERIFY(run);
        QCOMPARE(core::toString(run->status), std::string("done"));
        QCOMPARE(run->name, std::string("over ssh"));
        QVERIFY(!store->series(id, "latency_ms").empty());
        QVERIFY(!nlohmann::json::parse(run->environmentJson).value("cpu", std::string()).empty());
        window->runsModel()->reload();
        QCOMPARE(window->runsModel()->rowCount(), 1);
        if (!shot.isEmpty()) {
            window->showWorkerLog(); // Settings > Worker log: the worker's and ssh's stderr
            QTest::qWait(200);
            window->workerLogView()->window()->grab().save(shot + QStringLiteral("/worker-log.png"));
        }
    }

    void killingTheSshClientFailsTheRunEndsTheRemoteWorkerAndTheNextRunReconnects()
    {
        std::shared_ptr<core::Store> store;
        auto window = makeWindow(&store);
        RunQueueModel *queue = window->runQueue();
        WorkerClient *worker = window->workerClient();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        QSignalSpy progress(worker, &WorkerClient::progress);
        queue->enqueue(QStringLiteral("cut"), ui::test::specJson(ui::test::shortDemoSpec("cut", 100000)));
        queue->enqueue(QStringLiteral("after"), ui::test::specJson(ui::test::shortDemoSpec("after")));
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() > 0 && worker->workerPid() > 0 && worker->processId() > 0,
                                 kRunTimeoutMs);
        const qint64 remotePid = worker->workerPid();
        const qint64 sshPid = worker->processId();
        QVERIFY(alive(remotePid));
        QCOMPARE(::kill(pid_t(sshPid), SIGKILL), 0);

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(queue->entry(0)->status, QStringLiteral("failed"));
        const QString error = queue->entry(0)->error;
        QVERIFY2(error.contains(QLatin1String("connection to the worker on optibench-test was lost")),
                 qPrintable(error));
        // The failed run is recorded here, with the reason.
        const qint64 failedId = finished.at(0).at(0).toLongLong();
        QVERIFY(failedId > 0);
        const auto record = store->run(failedId);
        QVERIFY(record);
        QCOMPARE(core::toString(record->status), std::string("failed"));
        QVERIFY2(QString::fromStdString(record->error).contains(QLatin1String("was lost")), record->error.c_str());

        QElapsedTimer gone;
        gone.start();
        QTRY_VERIFY_WITH_TIMEOUT(!alive(remotePid), 5000);
        qInfo("the remote worker (pid %lld) ended %.1f s after its ssh client was killed", remotePid,
              gone.elapsed() / 1000.0);

        // The next run connects again and lands.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kRunTimeoutMs);
        QVERIFY2(queue->entry(1)->status == QLatin1String("done"), qPrintable(queue->entry(1)->error));
        QVERIFY(worker->workerPid() != remotePid);
        window->runsModel()->reload();
        QCOMPARE(window->runsModel()->rowCount(), 2);
    }
};

QTEST_MAIN(TestSshWorker)
#include "tst_sshworker.moc"
