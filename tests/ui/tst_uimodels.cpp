// Every item model of the GUI under QAbstractItemModelTester (fatal), attached before data goes
// in, over a real SQLite store written through core's API.
#include "testutil.h"
#include "ui/models/comparisonmodel.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/sweepplan.h"
#include "ui/models/workerclient.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
// Ten blocks of ten iterations around `ms`, laid out as the engine stores them.
core::RunBlocks blocksAround(double ms)
{
    std::vector<core::SeriesPoint> series;
    for (int b = 0, i = 0; b < 10; ++b) {
        for (int n = 0; n < 10; ++n, ++i) {
            series.push_back({"latency_ms", i, ms * (1.0 + 0.01 * ((i * 7) % 5 - 2))});
            series.push_back({"latency_block", i, double(b)});
        }
        series.push_back({"block_seconds", b, ms / 100.0});
        series.push_back({"block_sequences", b, 10});
        series.push_back({"block_tokens", b, 100});
    }
    return core::runBlocks(series);
}
} // namespace

class TestUiModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_uimodels"));
    }

    void runsModel()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        RunsModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        RunsFilterModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&model);

        model.reload();
        QCOMPARE(model.rowCount(), 0);

        auto base = test::shortDemoSpec("fp32");
        auto int8 = test::shortDemoSpec("int8");
        int8.optimizations.quantization = options::Quantization::DynamicInt8;
        const auto baseId = test::writeRun(*store, base, 20.0, 0.9);
        const auto int8Id = test::writeRun(*store, int8, 8.0, 0.88);
        model.reload();
        QCOMPARE(model.rowCount(), 2);
        const int row = model.rowOfRun(int8Id);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, RunsModel::StatusColumn).data().toString(), QStringLiteral("done"));
        QVERIFY(model.index(row, RunsModel::TogglesColumn).data().toString().contains(QLatin1String("dynamic-int8")));
        const int p50 = model.columnOfMetric(QStringLiteral("latency_p50_ms"));
        QCOMPARE(model.index(row, p50).data(RunsModel::SortRole).toDouble(), 8.0);

        // A run written meanwhile (as by a CLI) is appended on reload, the others stay in place.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        test::writeRun(*store, test::shortDemoSpec("third"), 15.0, 0.9);
        model.reload();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(reset.size(), 0);

        // Rename goes to the store.
        QVERIFY(model.setData(model.index(model.rowOfRun(baseId), RunsModel::NameColumn), QStringLiteral("reference")));
        QCOMPARE(store->run(baseId)->name, std::string("reference"));
        QVERIFY(
            model.setData(model.index(model.rowOfRun(baseId), RunsModel::NotesColumn), QStringLiteral("first try")));
        QCOMPARE(store->run(baseId)->notes, std::string("first try"));

        // Baseline marking.
        model.setBaselineRunId(baseId);
        QVERIFY(model.index(model.rowOfRun(baseId), 0).data(RunsModel::IsBaselineRole).toBool());
        QVERIFY(model.index(model.rowOfRun(baseId), RunsModel::NameColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("baseline")));

        // Filtering by text and status, sorting by a metric.
        proxy.setSearchText(QStringLiteral("int8"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText(QString());
        proxy.setStatus(QStringLiteral("failed"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setStatus(QString());
        proxy.sort(p50, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(RunsModel::RunIdRole).toLongLong(), int8Id);

        // Delete.
        QVERIFY(model.deleteRuns({int8Id}));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!store->run(int8Id));
    }

    // The GUI's sweep: the chosen values as grid text, expanded by core like the CLI's sweep, the
    // invalid combinations left out with their reason.
    void sweepPlanOverTheSpec()
    {
        const QString grid = sweepGridText({{QStringLiteral("optimizations.precision"), {"fp32", "fp16"}},
                                            {QStringLiteral("optimizations.padding"), {}},
                                            {QStringLiteral("task.batch_size"), {"1", "8"}}},
                                           QStringLiteral(" task.warmup=1 "));
        QCOMPARE(grid, QStringLiteral("precision=fp32,fp16;batch_size=1,8;task.warmup=1"));
        const SweepPlan plan = planSweep(test::specJson(test::shortDemoSpec("base")), grid);
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        QCOMPARE(plan.size(), 2); // fp16 needs a CUDA device: both fp16 points are invalid
        QCOMPARE(plan.invalid.size(), 2);
        QVERIFY2(plan.invalid.at(0).contains(QLatin1String("CUDA")), qPrintable(plan.invalid.at(0)));
        QCOMPARE(plan.names.at(0), QStringLiteral("base (precision=fp32 batch_size=1 task.warmup=1)"));
        QCOMPARE(plan.labels.at(1), QStringLiteral("precision=fp32 batch_size=8 task.warmup=1"));
        const auto second = core::parseSpecText(plan.specJsons.at(1).toStdString());
        QCOMPARE(second.task.batchSize, 8);
        QCOMPARE(second.task.warmup, 1);
        QCOMPARE(second.name, plan.names.at(1).toStdString());

        QVERIFY(planSweep(test::specJson(test::shortDemoSpec("base")), QStringLiteral("nosuchfield=1,2"))
                    .error.contains(QLatin1String("nosuchfield")));
        QCOMPARE(sweepToggles().at(1).path, QStringLiteral("optimizations.quantization"));
        QVERIFY(sweepToggles().at(1).values.contains(QLatin1String("dynamic-int8")));
    }

    void runQueueModelWithMissingWorker()
    {
        // A worker that cannot start fails each queued run with a message naming the program.
        WorkerClient client;
        client.setCommand({QStringLiteral("/nonexistent/optibench-cli"), {QStringLiteral("worker")}});
        client.setDatabase(QStringLiteral("/tmp/unused.sqlite"));
        RunQueueModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy finished(&model, &RunQueueModel::runFinished);
        model.enqueue(QStringLiteral("a"), test::specJson(test::shortDemoSpec("a")));
        model.enqueue(QStringLiteral("b"), test::specJson(test::shortDemoSpec("b")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.activeCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(model.entry(0)->status, QStringLiteral("failed"));
        QVERIFY2(model.entry(0)->error.contains(QLatin1String("/nonexistent/optibench-cli")),
                 qPrintable(model.entry(0)->error));
        QCOMPARE(model.activeCount(), 0);
        model.clearFinished();
        QCOMPARE(model.rowCount(), 0);
    }

    void runQueueCancelQueued()
    {
        WorkerClient client;
        client.setCommand({QStringLiteral("/nonexistent/optibench-cli"), {}});
        RunQueueModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.enqueue(QStringLiteral("a"), QStringLiteral("{}"));
        model.cancel(model.index(0, 0)); // still queued: removed before the worker sees it
        QCOMPARE(model.entry(0)->status, QStringLiteral("cancelled"));
        QCOMPARE(client.queuedCount(), 0);
    }

    void comparisonModels()
    {
        ComparisonModel metrics;
        QAbstractItemModelTester tester(&metrics, QAbstractItemModelTester::FailureReportingMode::Fatal);
        SpecDiffModel spec;
        QAbstractItemModelTester specTester(&spec, QAbstractItemModelTester::FailureReportingMode::Fatal);

        auto a = test::shortDemoSpec("fp32");
        auto b = test::shortDemoSpec("int8");
        b.optimizations.quantization = options::Quantization::DynamicInt8;
        b.optimizations.padding = options::Padding::Bucketed;
        QVector<ComparedRun> runs;
        runs << ComparedRun{1,
                            QStringLiteral("fp32"),
                            test::specJson(a),
                            {{QStringLiteral("latency_p50_ms"), 20.0},
                             {QStringLiteral("accuracy"), 0.9},
                             {QStringLiteral("eval_examples"), 2000.0}},
                            QString(),
                            blocksAround(20.0)};
        runs << ComparedRun{2,
                            QStringLiteral("int8"),
                            test::specJson(b),
                            {{QStringLiteral("latency_p50_ms"), 10.0},
                             {QStringLiteral("accuracy"), 0.85},
                             {QStringLiteral("eval_examples"), 2000.0}},
                            QString(),
                            blocksAround(10.0)};
        metrics.setRuns(runs, 0);
        spec.setRuns(runs);

        QCOMPARE(metrics.rowCount(), 3);
        QCOMPARE(metrics.columnCount(), 3);
        QCOMPARE(metrics.metricKey(0), QStringLiteral("latency_p50_ms"));
        QCOMPARE(metrics.relativeDelta(0, 1), -0.5);
        // Verdicts, coloured: half the latency is better (green); five points less accuracy on
        // 2000 examples is worse (red); the example count is not judged (no colour).
        int accuracyRow = -1;
        for (int row = 0; row < metrics.rowCount(); ++row)
            accuracyRow = metrics.metricKey(row) == QLatin1String("accuracy") ? row : accuracyRow;
        QCOMPARE(metrics.judgement(0, 1).verdict, stats::Verdict::Better);
        QCOMPARE(metrics.judgement(accuracyRow, 1).verdict, stats::Verdict::Worse);
        QCOMPARE(metrics.index(0, 2).data(Qt::ForegroundRole).value<QBrush>().color(),
                 verdictColor(stats::Verdict::Better));
        QCOMPARE(metrics.index(accuracyRow, 2).data(Qt::ForegroundRole).value<QBrush>().color(),
                 verdictColor(stats::Verdict::Worse));
        QVERIFY2(!metrics.index(accuracyRow, 1).data(Qt::ForegroundRole).isValid(), "the baseline has no verdict");
        const QString cell = metrics.index(0, 2).data().toString();
        QVERIFY2(cell.contains(QStringLiteral("0.500× better")) && cell.contains(QStringLiteral("±")),
                 qPrintable(cell));
        QVERIFY(metrics.index(0, 2).data(Qt::ToolTipRole).toString().contains(QLatin1String("95% interval")));
        // A threshold wider than the change makes it no change.
        metrics.setThreshold(0.10);
        QCOMPARE(metrics.judgement(accuracyRow, 1).verdict, stats::Verdict::NoChange);
        QCOMPARE(metrics.index(accuracyRow, 2).data(Qt::ForegroundRole).value<QBrush>().color(),
                 verdictColor(stats::Verdict::NoChange));
        metrics.setThreshold(stats::kDefaultThreshold);
        metrics.setBaseline(1);
        QCOMPARE(metrics.relativeDelta(0, 0), 1.0);
        QVERIFY(std::isnan(metrics.relativeDelta(0, 1)) || metrics.relativeDelta(0, 1) == 0.0);

        // Only the fields that differ, never the name.
        QCOMPARE(spec.differingFields(),
                 QStringList({QStringLiteral("optimizations.padding"), QStringLiteral("optimizations.quantization")}));
        QCOMPARE(spec.index(1, 2).data().toString(), QStringLiteral("dynamic-int8"));

        // Environments: the fields that differ join the spec's, under "environment.".
        runs[0].environmentJson = QStringLiteral(R"({"cpu": "AMD EPYC", "kernel_isa": "avx2", "int8_scheme": "u7s8"})");
        runs[1].environmentJson =
            QStringLiteral(R"({"cpu": "AMD EPYC", "kernel_isa": "avx512", "int8_scheme": "u8s8"})");
        spec.setRuns(runs);
        QCOMPARE(spec.differingFields(),
                 QStringList({QStringLiteral("environment.int8_scheme"), QStringLiteral("environment.kernel_isa"),
                              QStringLiteral("optimizations.padding"), QStringLiteral("optimizations.quantization")}));
        QCOMPARE(spec.index(0, 1).data().toString(), QStringLiteral("u7s8"));
        // Another ISA and scheme is a warning; another thread count makes the timings not
        // comparable, and the timing verdicts say so.
        metrics.setRuns(runs, 0);
        QCOMPARE(metrics.cautions().size(), 1);
        QVERIFY2(metrics.cautions().at(0).startsWith(QLatin1String("Warning: #2")),
                 qPrintable(metrics.cautions().at(0)));
        QCOMPARE(metrics.judgement(0, 1).verdict, stats::Verdict::Better);
        runs[1].environmentJson = QStringLiteral(R"({"cpu": "AMD EPYC", "threads": 1})");
        runs[0].environmentJson = QStringLiteral(R"({"cpu": "AMD EPYC", "threads": 2})");
        metrics.setRuns(runs, 0);
        QVERIFY(metrics.cautions().join(QLatin1Char(' ')).contains(QLatin1String("threads 1 (baseline 2)")));
        QCOMPARE(metrics.judgement(0, 1).verdict, stats::Verdict::NotComparable);
        QVERIFY(metrics.index(0, 2).data().toString().contains(QLatin1String("not comparable")));
        QCOMPARE(spec.index(1, 2).data().toString(), QStringLiteral("avx512"));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
