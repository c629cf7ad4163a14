// The GUI stays responsive while a run executes: the real worker runs a demo run while a 10 ms
// timer measures how late the event loop serves it; the worst lateness must stay under 50 ms.
#include "testutil.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/workerclient.h"
#include "ui/window/mainwindow.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

class TestResponsive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_responsive"));
        QVERIFY2(QFileInfo(QStringLiteral(OPTIBENCH_WORKER_PATH)).isExecutable(),
                 "build optibench-cli first: " OPTIBENCH_WORKER_PATH);
    }

    void eventLoopLatencyDuringARun()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.workerClient()->setCommand({QStringLiteral(OPTIBENCH_WORKER_PATH), {QStringLiteral("worker")}});
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        qint64 worst = 0, ticks = 0;
        QElapsedTimer clock;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(10);
        connect(&probe, &QTimer::timeout, this, [&] {
            if (clock.isValid())
                worst = qMax(worst, clock.restart() - 10);
            else
                clock.start();
            ++ticks;
        });

        QSignalSpy finished(window.runQueue(), &RunQueueModel::runFinished);
        auto spec = test::shortDemoSpec("responsive", 20);
        spec.profiling.ops = true; // the trace is written too: the largest result a run sends
        probe.start();
        window.runQueue()->enqueue(QStringLiteral("responsive"), test::specJson(spec));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 240000);
        probe.stop();
        QCOMPARE(window.runQueue()->entry(0)->status, QStringLiteral("done"));
        qInfo("event loop during the run: %lld ticks of 10 ms, worst lateness %lld ms", ticks, worst);
        QVERIFY(ticks > 10);
        QVERIFY2(worst < 50, qPrintable(QStringLiteral("worst lateness %1 ms").arg(worst)));
    }
};

QTEST_MAIN(TestResponsive)
#include "tst_responsive.moc"
