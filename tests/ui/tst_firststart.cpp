// The first minutes in the main window, on real stores: the start page of an empty store and
// its actions, empty views that say what fills them, the detail following the current run
// (click and arrow keys), Enter opening it, the comparison following a multi-selection,
// importing a bundle, the demo's architecture in the model panel, and the window fitting its
// screen.
#include "app/core/export.h"
#include "testutil.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/rundetail.h"
#include "ui/pages/runsview.h"
#include "ui/panels/experimentpanel.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/runqueueview.h"
#include "ui/widgets/emptystate.h"
#include "ui/widgets/messagebar.h"
#include "ui/window/gettingstarted.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

#include <nlohmann/json.hpp>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
QString labelText(const QWidget *w)
{
    QString all;
    for (const QLabel *label : w->findChildren<QLabel *>())
        all += label->text() + QLatin1Char('\n');
    return all;
}

// Clicks the table cell of this run, as the mouse would.
void clickRun(MainWindow &window, qint64 runId, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    RunsView *view = window.runsView();
    const int source = window.runsModel()->rowOfRun(runId);
    const QModelIndex index = view->proxy()->mapFromSource(window.runsModel()->index(source, RunsModel::StatusColumn));
    const QRect rect = view->table()->visualRect(index);
    QTest::mouseClick(view->table()->viewport(), Qt::LeftButton, modifiers, rect.center());
}
} // namespace

class TestFirstStart : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Store> freshStore(const QString &name)
    {
        return std::make_shared<core::Store>(m_dir.filePath(name).toStdString());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_firststart"));
        QSettings().clear();
    }

    void anEmptyStoreShowsTheStartPageAndEmptyViewsSayWhatFillsThem()
    {
        MainWindow window(freshStore(QStringLiteral("empty.sqlite")), QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.runsView()->showsStartPage());
        EmptyState *start = window.runsView()->startPage();
        QVERIFY(start->isVisible());
        for (const char *name : {"runDemo", "openModel", "importRuns"}) {
            auto *button = start->findChild<QPushButton *>(QLatin1String(name));
            QVERIFY2(button && button->isVisible() && button->isEnabled(), name);
        }
        QVERIFY(window.runDetail()->showsEmptyState());
        QVERIFY(window.comparisonView()->showsEmptyState());
        QVERIFY(window.runQueueView()->isCollapsed());
        QVERIFY(labelText(window.runQueueView()).contains(QLatin1String("Ctrl+R")));
        // The window fits the screen it opened on.
        const QRect screen = window.screen()->availableGeometry();
        QVERIFY2(screen.contains(window.frameGeometry()) || window.width() <= screen.width(),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(window.width())
                                .arg(window.height())
                                .arg(screen.width())
                                .arg(screen.height())));
    }

    void runTheDemoQueuesABaselineOfTheDemoModel()
    {
        MainWindow window(freshStore(QStringLiteral("demo.sqlite")), m_dir.filePath(QStringLiteral("some-folder")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy queued(window.runQueue(), &QAbstractItemModel::rowsInserted);
        // No worker here: the queued run fails to start; what matters is what was queued.
        window.workerClient()->setCommand({m_dir.filePath(QStringLiteral("no-such-worker")), {}});
        window.runsView()->startPage()->findChild<QPushButton *>(QStringLiteral("runDemo"))->click();
        QCOMPARE(queued.count(), 1);
        QCOMPARE(QString::fromStdString(window.experimentPanel()->spec().model.path), QStringLiteral("demo:tiny-bert"));
        QVERIFY(!window.runQueueView()->isCollapsed());
    }

    void selectionDrivesTheDetailAndEnterOpensIt()
    {
        auto store = freshStore(QStringLiteral("two.sqlite"));
        const qint64 a = test::writeRun(*store, test::shortDemoSpec("fp32"), 20, 0.9);
        auto int8 = test::shortDemoSpec("int8");
        int8.optimizations.quantization = options::Quantization::DynamicInt8;
        const qint64 b = test::writeRun(*store, int8, 10, 0.88);
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window)); // the page shortcuts need an active window
        QVERIFY(!window.runsView()->showsStartPage());

        // One click shows the run in the detail; the Runs page stays in front.
        clickRun(window, a);
        QTRY_COMPARE(window.runDetail()->runId(), a);
        QVERIFY(!window.runDetail()->showsEmptyState());
        QCOMPARE(window.pages()->currentWidget(), window.runsView());
        // The arrow keys move through the runs and the detail follows (newest first: a is below b).
        QTest::keyClick(window.runsView()->table(), Qt::Key_Up);
        QTRY_COMPARE(window.runDetail()->runId(), b);
        QCOMPARE(window.pages()->currentWidget(), window.runsView());
        // Enter opens the current run's detail page.
        QTest::keyClick(window.runsView()->table(), Qt::Key_Return);
        QCOMPARE(window.pages()->currentWidget(), window.runDetail());
        QCOMPARE(window.runDetail()->runId(), b);
        // Ctrl+1 goes back to the runs with the table focused; Enter (keypad) opens again.
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.pages()->currentWidget(), window.runsView());
        QTest::keyClick(window.runsView()->table(), Qt::Key_Down);
        QTRY_COMPARE(window.runDetail()->runId(), a);
        QTest::keyClick(window.runsView()->table(), Qt::Key_Enter, Qt::KeypadModifier);
        QCOMPARE(window.pages()->currentWidget(), window.runDetail());
        QCOMPARE(window.runDetail()->runId(), a);
    }

    void theComparisonFollowsAMultiSelection()
    {
        auto store = freshStore(QStringLiteral("three.sqlite"));
        const qint64 a = test::writeRun(*store, test::shortDemoSpec("a"), 20, 0.9);
        const qint64 b = test::writeRun(*store, test::shortDemoSpec("b"), 15, 0.9);
        const qint64 c = test::writeRun(*store, test::shortDemoSpec("c"), 10, 0.9);
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        clickRun(window, a);
        QTRY_COMPARE(window.runDetail()->runId(), a);
        QVERIFY(window.comparisonView()->showsEmptyState()); // one run selected: nothing to compare
        clickRun(window, c, Qt::ControlModifier);
        QTRY_COMPARE(window.comparisonView()->runIds(), (QVector<qint64>{a, c}));
        QVERIFY(!window.comparisonView()->showsEmptyState());
        QCOMPARE(window.pages()->currentWidget(), window.runsView());
        QTest::keyClick(window.runsView()->table(), Qt::Key_A, Qt::ControlModifier);
        QTRY_COMPARE(window.comparisonView()->runIds(), (QVector<qint64>{a, b, c}));
    }

    void theSelectionSurvivesARunWithNewMetricColumns()
    {
        auto store = freshStore(QStringLiteral("columns.sqlite"));
        const qint64 a = test::writeRun(*store, test::shortDemoSpec("a"), 20, 0.9);
        const qint64 b = test::writeRun(*store, test::shortDemoSpec("b"), 15, 0.9);
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        clickRun(window, a);
        clickRun(window, b, Qt::ControlModifier);
        QTRY_COMPARE(window.runsView()->selectedRunIds(), (QVector<qint64>{a, b}));
        // A run with a metric no other run has adds a column: the model resets.
        const auto spec = test::shortDemoSpec("new metric");
        const std::int64_t c = store->beginRun(spec.name, 0, core::toJsonText(spec), "{}");
        core::RunResults results;
        results.metrics = {{"latency_p50_ms", 12.0, "ms"}, {"some_new_metric", 1.0, ""}};
        store->finishRun(c, core::RunStatus::Done, results);
        QSignalSpy reset(window.runsModel(), &QAbstractItemModel::modelReset);
        window.runsModel()->reload();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(window.runsView()->selectedRunIds(), (QVector<qint64>{a, b}));
        QCOMPARE(window.runsView()->currentRunId(), b);
    }

    void oneRunSaysWhatToTryNext()
    {
        auto store = freshStore(QStringLiteral("one.sqlite"));
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.runsView()->showsStartPage());
        // A run lands (as the worker writes it): the table replaces the start page, the run
        // becomes the current one and its detail shows.
        const qint64 id = test::writeRun(*store, test::shortDemoSpec("baseline"), 20, 0.9);
        window.runsModel()->reload();
        QVERIFY(!window.runsView()->showsStartPage());
        QTRY_COMPARE(window.runDetail()->runId(), id);
        auto *hint = window.runsView()->findChild<QLabel *>(QStringLiteral("runsHint"));
        QVERIFY(hint && hint->isVisible());
        QVERIFY2(hint->text().contains(QLatin1String("compare")), qPrintable(hint->text()));
    }

    void exportingRunsWritesTheCliCsvOfTheRunsShown()
    {
        auto store = freshStore(QStringLiteral("export.sqlite"));
        test::writeRun(*store, test::shortDemoSpec("alpha"), 20, 0.9);
        const qint64 b = test::writeRun(*store, test::shortDemoSpec("beta, quoted"), 15, 0.8);
        test::writeRun(*store, test::shortDemoSpec("gamma"), 12, 0.7);
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.runsView()->searchField()->setText(QStringLiteral("beta"));
        QTRY_COMPARE(window.runsView()->proxy()->rowCount(), 1);
        // The file is what optibench-cli export --format csv writes for the runs shown.
        const QString file = m_dir.filePath(QStringLiteral("runs.csv"));
        QVERIFY(window.exportRunsCsvTo(file));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray csv = written.readAll();
        QCOMPARE(csv.toStdString(), core::exportRunsCsv(*store, {b}));
        QVERIFY(csv.startsWith("id,name,model,status,created"));
        QVERIFY(csv.contains("\"beta, quoted\""));
        // A folder that does not exist: false, the message names the file, nothing is written.
        const QString bad = m_dir.filePath(QStringLiteral("missing/runs.csv"));
        QVERIFY(!window.exportRunsCsvTo(bad));
        QVERIFY2(window.messageBar()->text().contains(bad), qPrintable(window.messageBar()->text()));
        QVERIFY(!QFile::exists(bad));
    }

    void importingABundleAddsItsRunsAndABrokenOneNothing()
    {
        auto source = freshStore(QStringLiteral("source.sqlite"));
        const qint64 a = test::writeRun(*source, test::shortDemoSpec("remote a"), 20, 0.9);
        const qint64 b = test::writeRun(*source, test::shortDemoSpec("remote b"), 12, 0.9);
        const QString bundle = m_dir.filePath(QStringLiteral("bundle.json"));
        {
            QFile f(bundle);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(core::exportBundle(*source, {a, b}).dump()));
        }
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"format\": \"optibench-bundle\", \"runs\": [");
        }
        auto target = freshStore(QStringLiteral("target.sqlite"));
        MainWindow window(target, QStringLiteral("demo:tiny-bert"));
        window.show();
        window.importRunsFrom(broken);
        QVERIFY2(window.messageBar()->text().contains(broken), qPrintable(window.messageBar()->text()));
        QCOMPARE(int(target->runs().size()), 0);
        QVERIFY(window.runsView()->showsStartPage());
        window.importRunsFrom(bundle);
        QCOMPARE(int(target->runs().size()), 2);
        QCOMPARE(window.runsModel()->rowCount(), 2);
        QVERIFY(!window.runsView()->showsStartPage());
    }

    void gettingStartedShowsThePageWithItsPictures()
    {
        MainWindow window(freshStore(QStringLiteral("help.sqlite")), QStringLiteral("demo:tiny-bert"));
        window.show();
        showGettingStarted(&window);
        showGettingStarted(&window); // F1 again raises the same page
        const auto dialogs = window.findChildren<QDialog *>(QStringLiteral("gettingStarted"));
        QCOMPARE(dialogs.size(), 1);
        auto *browser = dialogs.first()->findChild<QTextBrowser *>();
        QVERIFY(browser);
        const QString text = browser->toPlainText();
        for (const char *expected : {"Run the demo model", "Change one optimization and compare", "Import", "Ctrl+R"})
            QVERIFY2(text.contains(QLatin1String(expected)), expected);
        int images = 0;
        for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextImageFormat image = it.fragment().charFormat().toImageFormat();
                if (!image.isValid())
                    continue;
                const QVariant loaded = browser->document()->resource(QTextDocument::ImageResource, QUrl(image.name()));
                QVERIFY2(loaded.isValid(), qPrintable(image.name()));
                ++images;
            }
        }
        QCOMPARE(images, 3);
    }

    void theDemoShowsItsArchitectureAndNoEmptyRecentList()
    {
        QSettings().clear();
        MainWindow window(freshStore(QStringLiteral("model.sqlite")), QStringLiteral("demo:tiny-bert"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString info = labelText(window.modelPanel());
        for (const char *expected : {"Layers", "Hidden size", "Attention heads", "Parameters", "128"})
            QVERIFY2(info.contains(QLatin1String(expected)), qPrintable(info));
        QVERIFY(window.modelPanel()->findChild<QListWidget *>()->isHidden());
        // A model folder used once is offered from then on.
        ModelPanel::addRecentModel(m_dir.filePath(QStringLiteral("bert")));
        window.modelPanel()->refresh();
        QVERIFY(window.modelPanel()->findChild<QListWidget *>()->isVisible());
    }
};

QTEST_MAIN(TestFirstStart)
#include "tst_firststart.moc"
