// Trace tables and the trace diff model under QAbstractItemModelTester, the stored-events
// conversion, the Pareto front, and the run detail's trace summary read on a worker thread.
#include "app/core/trace_records.h"
#include "profiler/trace/summary.h"
#include "testutil.h"
#include "ui/models/tracemodels.h"
#include "ui/pages/tracesummaryview.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace optibench;
using namespace optibench::ui;

namespace {
core::TraceEventRecord traceEvent(core::TraceKind kind, const std::string &name, std::int64_t start,
                                  std::int64_t duration, std::int64_t parent = -1)
{
    core::TraceEventRecord e;
    e.kind = kind;
    e.name = name;
    e.startNs = start;
    e.durationNs = duration;
    e.parent = parent;
    e.lane = 1;
    return e;
}

std::vector<core::TraceEventRecord> layerTrace(std::int64_t mmNs)
{
    return {traceEvent(core::TraceKind::Range, "encoder.layer.0", 0, 1000),
            traceEvent(core::TraceKind::Op, "aten::linear", 10, mmNs + 100, 0),
            traceEvent(core::TraceKind::Op, "aten::mm", 20, mmNs, 1),
            traceEvent(core::TraceKind::Op, "aten::gelu", 800, 100, 0)};
}
} // namespace

class TestTraceModels : public QObject {
    Q_OBJECT
private slots:
    void conversionKeepsNesting()
    {
        const profiler::Trace t = core::toTraceByStart(layerTrace(500));
        QCOMPARE(t.events.size(), std::size_t(4));
        QCOMPARE(t.events[2].name, std::string("aten::mm"));
        QCOMPARE(t.events[2].parent, std::int64_t(1));
        QCOMPARE(t.events[0].kind, profiler::EventKind::Range);
        const auto s = profiler::summarize(t);
        QCOMPARE(s.ranges.size(), std::size_t(1));
    }

    void summaryTablesUnderTheTester()
    {
        OpStatsModel ops;
        RangeStatsModel ranges;
        KernelStatsModel kernels;
        QAbstractItemModelTester t1(&ops, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester t2(&ranges, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester t3(&kernels, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const auto s = profiler::summarize(core::toTraceByStart(layerTrace(500)));
        ops.setSummary(s);
        ranges.setSummary(s);
        kernels.setSummary(s);
        QCOMPARE(ops.rowCount(), 3);
        QCOMPARE(ops.index(0, OpStatsModel::Name).data().toString(), QStringLiteral("aten::mm"));
        QCOMPARE(ops.index(0, OpStatsModel::Self).data(TraceTableModel::SortRole).toDouble(), 500.0);
        QCOMPARE(ops.index(0, OpStatsModel::Self).data().toString(), QStringLiteral("500 ns"));
        QCOMPARE(ranges.rowCount(), 1);
        QCOMPARE(kernels.rowCount(), 0);
        ops.setSummary({});
        QCOMPARE(ops.rowCount(), 0);
    }

    void diffModelSortsByTimeDifference()
    {
        TraceDiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto b = layerTrace(200);
        b.push_back(traceEvent(core::TraceKind::Op, "aten::quantize_per_tensor", 950, 30, 0));
        model.setDiff(profiler::diffTraces(core::toTraceByStart(layerTrace(500)), core::toTraceByStart(b)));
        QVERIFY(model.rowCount() >= 3);
        const QString first = model.index(0, TraceDiffModel::Name).data().toString();
        QVERIFY2(first == QLatin1String("aten::mm") || first == QLatin1String("aten::linear"), qPrintable(first));
        QCOMPARE(model.index(0, TraceDiffModel::Delta).data(TraceTableModel::SortRole).toDouble(), -300.0);
        bool added = false;
        for (int r = 0; r < model.rowCount(); ++r)
            added |=
                model.index(r, TraceDiffModel::Name).data().toString() == QLatin1String("aten::quantize_per_tensor")
                && model.index(r, TraceDiffModel::Status).data().toString() == QLatin1String("added");
        QVERIFY(added);
    }

    void summaryViewReadsTheStoreInTheBackground()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        const auto id = test::writeRun(*store, test::shortDemoSpec("traced"), 10.0, 0.9);
        store->insertTraceEvents(id, layerTrace(500));
        TraceSummaryView view(store);
        QSignalSpy ready(&view, &TraceSummaryView::summaryReady);
        view.setRun(id);
        view.setRun(0); // a stale job: its result must be dropped
        view.setRun(id);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.at(0).at(0).toLongLong(), qlonglong(id));
        QCOMPARE(view.opModel()->rowCount(), 3);
        QVERIFY(view.kernelNote()->text().contains(QLatin1String("No GPU kernels")));
    }
};

QTEST_MAIN(TestTraceModels)
#include "tst_tracemodels.moc"
