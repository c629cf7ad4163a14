// Writes docs/screenshots/*.png: the main window and each view, over a store whose runs were
// made by the real worker. Not a test. Run it under a display server, e.g.
//   xvfb-run -a build-ui/bin/optibench_screenshots [output folder] [sweep store]
// A sweep store (e.g. from `optibench-cli sweep ... --interleave --db FILE`) adds
// comparison-recommend.png: its runs compared against its first, on the Cost and quality page.
// Then the Sweep dialog, a 4-run sweep landing run by run in the Cost and quality page, a run re-run interleaved against the baseline and a one-pair noise-floor calibration:
// the runs table's context menu, the queue with both groups, and the window when they are done.
// With LANG=de_DE.UTF-8 (or zh_CN.UTF-8) the views are shown translated.
#include "app/core/spec.h"
#include "app/core/store.h"
#include "ui/charts/tradeoffview.h"
#include "ui/models/rungroups.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/rundetail.h"
#include "ui/pages/runsview.h"
#include "ui/pages/tracediffview.h"
#include "ui/pages/tracesummaryview.h"
#include "ui/panels/experimentpanel.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/runqueueview.h"
#include "ui/panels/sweepdialog.h"
#include "ui/timeline/timelineview.h"
#include "ui/widgets/emptystate.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QEventLoop>
#include <QMenu>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace optibench;

namespace {
core::ExperimentSpec demo(const std::string &name)
{
    core::ExperimentSpec s;
    s.name = name;
    s.task.batchSize = 8;
    s.task.maxLength = 64;
    s.task.warmup = 2;
    s.task.iterations = 30;
    s.profiling.ops = true; // the trace pages and the trace diff need a trace
    return s;
}

void settle(int ms = 300)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool save(QWidget *w, const QString &path)
{
    settle();
    const bool ok = w->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

// The Getting started page's pictures: one part of the window, at most as wide as the help
// window shows without scrolling.
bool savePart(QWidget *w, const QString &path)
{
    settle();
    QPixmap shot = w->grab();
    if (shot.width() > 900)
        shot = shot.scaledToWidth(900, Qt::SmoothTransformation);
    const bool ok = shot.save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}
// Every finished run of a sweep's store against its first, on the Cost and quality page.
bool saveSweep(const QString &path, const QString &out)
{
    auto store = std::make_shared<core::Store>(path.toStdString());
    core::RunFilter done;
    done.status = core::RunStatus::Done;
    QVector<qint64> ids;
    for (const auto &r : store->runs(done))
        ids.prepend(r.id); // oldest first
    ui::ComparisonView view(store);
    view.resize(1600, 1000);
    view.show();
    view.setRuns(ids, ids.value(0));
    view.showCostAndQuality();
    settle(500);
    return save(&view, out + QStringLiteral("/comparison-recommend.png"));
}

// The context menu on `other` with the baseline set, then both groups queued and finished.
bool saveRunGroups(ui::MainWindow &window, qint64 other, const QString &out)
{
    ui::RunsView *view = window.runsView();
    window.pages()->setCurrentWidget(view);
    view->selectRun(other);
    bool ok = true;
    QTimer::singleShot(400, [&ok, out] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            ok &= save(menu, out + QStringLiteral("/runs-context-menu.png"));
            menu->close();
        }
    });
    const QModelIndex index = view->table()->currentIndex().siblingAtColumn(ui::RunsModel::NameColumn);
    emit view->table()->customContextMenuRequested(view->table()->visualRect(index).center());

    const int firstRow = window.runQueue()->rowCount();
    view->rerunSelectedInterleaved();
    const ui::RunRow *row = window.runsModel()->row(window.runsModel()->rowOfRun(other));
    window.runGroups()->calibrate({row->name, row->specJson}, 1);
    QEventLoop loop;
    bool queueShot = false;
    QObject::connect(window.runQueue(), &QAbstractItemModel::dataChanged, &loop, [&] {
        const ui::QueueEntry *e = window.runQueue()->entry(firstRow + 1);
        if (!queueShot && e && e->status == QLatin1String("running") && e->done * 2 > e->total && e->total > 0) {
            queueShot = true;
            ok &= save(window.runQueueView(), out + QStringLiteral("/run-queue-groups.png"));
        }
    });
    QObject::connect(window.runGroups(), &ui::RunGroups::calibrated, &loop, &QEventLoop::quit);
    QObject::connect(window.runGroups(), &ui::RunGroups::failed, &loop, [&](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        ok = false;
        loop.quit();
    });
    QTimer::singleShot(10 * 60 * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    return ok & save(&window, out + QStringLiteral("/run-groups-done.png"));
}

// The Sweep dialog with quantization x padding ticked, then those runs queued one by one: the
// Cost and quality page when half have landed and when all have.
bool saveSweepFromTheDialog(ui::MainWindow &window, const QString &out)
{
    ui::SweepDialog dialog(window.experimentPanel()->sweepBaseJson(), &window);
    dialog.setValues(QStringLiteral("optimizations.quantization"), {"none", "dynamic-int8"});
    dialog.setValues(QStringLiteral("optimizations.padding"), {"dynamic", "bucketed"});
    dialog.setValues(QStringLiteral("optimizations.pruning.method"), {"none", "2:4"});
    dialog.setInterleaved(false);
    dialog.show();
    bool ok = save(&dialog, out + QStringLiteral("/sweep-dialog.png"));
    dialog.setValues(QStringLiteral("optimizations.pruning.method"), {});
    const ui::SweepPlan plan = dialog.plan();
    dialog.hide();
    QEventLoop loop;
    QObject::connect(window.runGroups(), &ui::RunGroups::sweepProgress, &loop,
                     [&](const QVector<qint64> &, int remaining) {
                         if (remaining == 2)
                             ok &= save(&window, out + QStringLiteral("/sweep-landing.png"));
                         if (remaining == 0)
                             loop.quit();
                     });
    window.runGroups()->sweep(plan.names, plan.specJsons, false);
    QTimer::singleShot(10 * 60 * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    return ok & save(&window, out + QStringLiteral("/sweep-done.png"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // leave the user's settings alone
    QApplication::setOrganizationName(QStringLiteral("OptiBenchScreenshots"));
    QApplication::setApplicationName(QStringLiteral("OptiBench"));
    QSettings().clear(); // every picture from a first start, whatever an earlier run left
    const QString out =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(OPTIBENCH_SOURCE_DIR "/docs/screenshots");
    QDir().mkpath(out);
    // LANG=de_DE.UTF-8 or zh_CN.UTF-8 gives translated screenshots.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("optibench"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QTemporaryDir dir;
    auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
    ui::MainWindow window(store, QStringLiteral("demo:tiny-bert"));
    window.workerClient()->setCommand({QStringLiteral(OPTIBENCH_WORKER_PATH), {QStringLiteral("worker")}});
    window.resize(1440, 900);
    window.show();
    // A fresh store: the start page.
    bool ok = true;
    {
        // The start page's text and buttons, without the empty space around them.
        settle();
        QWidget *start = window.runsView()->startPage();
        const QRect content = start->childrenRect().adjusted(-60, -40, 60, 40).intersected(start->rect());
        ok &= start->grab(content).save(out + QStringLiteral("/getting-started-start.png"));
    }

    std::vector<core::ExperimentSpec> specs;
    specs.push_back(demo("baseline fp32"));
    specs.push_back(demo("int8"));
    specs.back().optimizations.quantization = options::Quantization::DynamicInt8;
    specs.push_back(demo("bucketed padding"));
    specs.back().optimizations.padding = options::Padding::Bucketed;
    specs.push_back(demo("int8 + bucketed"));
    specs.back().optimizations.quantization = options::Quantization::DynamicInt8;
    specs.back().optimizations.padding = options::Padding::Bucketed;
    specs.push_back(demo("int8 + int8 tables"));
    specs.back().optimizations.quantization = options::Quantization::DynamicInt8;
    specs.back().optimizations.quantizeEmbeddings = true;
    specs.push_back(demo("batch 16"));
    specs.back().task.batchSize = 16;

    int finished = 0;
    QEventLoop loop;
    QObject::connect(window.runQueue(), &ui::RunQueueModel::runFinished, &loop, [&] {
        if (++finished == int(specs.size()))
            loop.quit();
    });
    for (const auto &s : specs)
        window.runQueue()->enqueue(QString::fromStdString(s.name), QString::fromStdString(core::toJsonText(s, -1)));
    // One more, queued behind: the queue shows progress while we grab it.
    bool queueShot = false;
    QObject::connect(window.runQueue(), &QAbstractItemModel::dataChanged, &loop, [&] {
        const ui::QueueEntry *e = window.runQueue()->entry(1);
        if (!queueShot && e && e->status == QLatin1String("running") && e->total > 0 && e->done * 2 > e->total) {
            queueShot = true;
            save(window.runQueueView(), out + QStringLiteral("/run-queue.png"));
        }
    });
    QTimer::singleShot(20 * 60 * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    if (finished != int(specs.size())) {
        std::fprintf(stderr, "only %d of %zu runs finished\n", finished, specs.size());
        return 1;
    }
    window.runsModel()->reload();
    const qint64 baseline = window.runsModel()->row(0)->id;
    window.runsModel()->setBaselineRunId(baseline);
    window.runsView()->selectRun(window.runsModel()->row(1)->id);

    ok &= save(&window, out + QStringLiteral("/main-window.png"));
    // The whole form, not only the part the dock shows.
    if (auto *scroll = window.experimentPanel()->findChild<QScrollArea *>())
        ok &= save(scroll->widget(), out + QStringLiteral("/experiment-panel.png"));

    window.showRun(window.runsModel()->row(1)->id);
    ok &= save(&window, out + QStringLiteral("/run-detail.png"));
    ui::RunDetail *detail = window.runDetail();
    detail->pages()->setCurrentWidget(detail->traceSummary());
    while (detail->traceSummary()->isLoading())
        settle(100);
    ok &= save(&window, out + QStringLiteral("/run-detail-ops.png"));
    detail->pages()->setCurrentWidget(detail->timeline());
    settle(500);
    // A few zoom steps into the middle, so single ops are wide enough to read.
    for (int i = 0; i < 12; ++i)
        detail->timeline()->zoomIn();
    settle(800);
    ok &= save(&window, out + QStringLiteral("/timeline.png"));

    QVector<qint64> ids;
    for (int r = 0; r < window.runsModel()->rowCount(); ++r)
        ids << window.runsModel()->row(r)->id;
    window.comparisonView()->setRuns(ids, baseline);
    window.pages()->setCurrentWidget(window.comparisonView());
    ok &= save(&window, out + QStringLiteral("/comparison.png"));
    window.comparisonView()->showCostAndQuality();
    ok &= save(&window, out + QStringLiteral("/comparison-tradeoff.png"));
    window.comparisonView()->setRuns({ids.value(0), ids.value(1)}, baseline);
    window.comparisonView()->showCostAndQuality();
    ok &= savePart(window.pages(), out + QStringLiteral("/getting-started-compare.png"));
    window.comparisonView()->chartPages()->setCurrentWidget(window.comparisonView()->traceDiff());
    while (window.comparisonView()->traceDiff()->isLoading())
        settle(100);
    ok &= save(&window, out + QStringLiteral("/comparison-trace-diff.png"));

    ok &= saveRunGroups(window, ids.value(2), out);
    ok &= saveSweepFromTheDialog(window, out);

    // A Hugging Face folder opened: the model panel describes it before anything runs.
    window.setModelPath(QStringLiteral(OPTIBENCH_SOURCE_DIR "/tests/data/hf/bert-tiny"));
    ok &= savePart(window.modelPanel(), out + QStringLiteral("/getting-started-model.png"));
    if (argc > 2)
        ok &= saveSweep(QString::fromLocal8Bit(argv[2]), out);
    return ok ? 0 : 1;
}
