// File > Import results folder and Watch results folder: a sweep folder that tasks on other
// machines fill (written here the way `sweep-task` writes it), imported once and idempotently,
// or as its bundles land; a broken bundle is named and adds nothing.
#include "app/core/export.h"
#include "app/core/store.h"
#include "app/core/sweep_folder.h"
#include "testutil.h"
#include "ui/models/resultswatcher.h"
#include "ui/models/runsmodel.h"
#include "ui/widgets/messagebar.h"
#include "ui/window/mainwindow.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <memory>

using namespace optibench;
using namespace optibench::ui;

class TestResultsFolder : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;

    // A run bundle as a task on a node exports it.
    nlohmann::json taskBundle(const std::string &name)
    {
        core::Store node((m_dir.path() + QStringLiteral("/node-%1.sqlite").arg(++m_n)).toStdString());
        const auto id = test::writeRun(node, test::shortDemoSpec(name), 10.0 + m_n, 0.9);
        return core::exportBundle(node, {id});
    }

    core::SweepFolder sweepFolder(const QString &name, int points)
    {
        core::SweepManifest manifest{"batch_size=2,4,8", {{"name", "sweep"}}, {}};
        for (int i = 0; i < points; ++i)
            manifest.points.push_back({"point " + std::to_string(i), {{"name", "p" + std::to_string(i)}}});
        core::SweepFolder folder((m_dir.path() + QLatin1Char('/') + name).toStdString());
        folder.create(manifest);
        return folder;
    }

    std::unique_ptr<MainWindow> makeWindow()
    {
        auto store =
            std::make_shared<core::Store>((m_dir.path() + QStringLiteral("/desk-%1.sqlite").arg(++m_n)).toStdString());
        return std::make_unique<MainWindow>(store, QStringLiteral("demo:tiny-bert"));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_resultsfolder"));
    }

    void importingAFolderTwiceAddsItsRunsOnce()
    {
        const auto folder = sweepFolder(QStringLiteral("once"), 3);
        for (std::size_t i = 0; i < 3; ++i)
            folder.writeBundle(i, taskBundle("point " + std::to_string(i)));
        auto window = makeWindow();
        const QString dir = QString::fromStdString(folder.dir().string());
        window->importResultsFolderFrom(dir);
        QCOMPARE(window->runsModel()->rowCount(), 3);
        QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("Imported 3 run(s)")));
        window->importResultsFolderFrom(dir);
        QCOMPARE(window->runsModel()->rowCount(), 3);
        QVERIFY2(window->statusBar()->currentMessage().contains(QLatin1String("3 were here already")),
                 qPrintable(window->statusBar()->currentMessage()));
    }

    void aBrokenBundleIsNamedAndAddsNothing()
    {
        const auto folder = sweepFolder(QStringLiteral("broken"), 2);
        folder.writeBundle(0, taskBundle("good"));
        std::ofstream(folder.bundlePath(1)) << "{\"format\": \"optibench-bundle\", \"version\": 2, \"runs\": [";
        auto window = makeWindow();
        window->show(); // the message bar says what it says while it is visible
        window->importResultsFolderFrom(QString::fromStdString(folder.dir().string()));
        QCOMPARE(window->runsModel()->rowCount(), 0);
        auto *bar = window->findChild<MessageBar *>();
        QVERIFY(bar);
        QVERIFY2(bar->text().contains(QLatin1String("point-0001.json")), qPrintable(bar->text()));
    }

    void aWatchedFolderImportsBundlesAsTheyLand()
    {
        const auto folder = sweepFolder(QStringLiteral("watched"), 3);
        folder.writeBundle(0, taskBundle("first"));
        auto window = makeWindow();
        QSignalSpy landed(window->resultsWatcher(), &ResultsWatcher::imported);
        window->watchResultsFolder(QString::fromStdString(folder.dir().string()));
        QCOMPARE(window->runsModel()->rowCount(), 1); // what was there already
        folder.writeBundle(1, taskBundle("second"));
        QTRY_COMPARE_WITH_TIMEOUT(window->runsModel()->rowCount(), 2, 8000);
        folder.writeBundle(2, taskBundle("third"));
        QTRY_COMPARE_WITH_TIMEOUT(window->runsModel()->rowCount(), 3, 8000);
        QCOMPARE(landed.size(), 3);
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            window->resize(1440, 900);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            QTest::qWait(300);
            QDir().mkpath(shot);
            window->grab().save(shot + QStringLiteral("/watched-folder.png"));
        }

        window->watchResultsFolder(QString());
        QVERIFY(!window->resultsWatcher()->isWatching());
    }
};

QTEST_MAIN(TestResultsFolder)
#include "tst_resultsfolder.moc"
