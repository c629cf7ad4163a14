// The timeline: its pixel/time mapping on its own, rows built from stored events, and the view
// over a store with 1,000,000 events: time from opening the run to the first painted frame and to
// the first frame with the events (the per-lane overview), then single events once zoomed in.
#include "app/core/store.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/timelinemapping.h"
#include "ui/timeline/timelineview.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
core::TraceEventRecord op(const std::string &name, std::int64_t start, std::int64_t duration, std::int64_t lane = 1,
                          std::int64_t parent = -1, const std::string &device = "cpu")
{
    core::TraceEventRecord e;
    e.kind = device == "cpu" ? core::TraceKind::Op : core::TraceKind::Kernel;
    e.name = name;
    e.device = device;
    e.lane = lane;
    e.startNs = start;
    e.durationNs = duration;
    e.parent = parent;
    e.shapes = "[[8,128,768]]";
    return e;
}

// n events on two threads: a layer range every 1000 ns with two ops nested inside.
std::vector<core::TraceEventRecord> manyEvents(std::size_t n)
{
    std::vector<core::TraceEventRecord> events;
    events.reserve(n);
    static const char *names[] = {"aten::linear", "aten::addmm", "aten::gelu", "aten::softmax", "aten::layer_norm"};
    for (std::int64_t i = 0; events.size() < n; ++i) {
        const std::int64_t lane = 1 + (i % 2);
        const std::int64_t t = (i / 2) * 1000;
        const auto parent = std::int64_t(events.size());
        core::TraceEventRecord range = op("encoder.layer." + std::to_string(i % 12), t, 900, lane);
        range.kind = core::TraceKind::Range;
        events.push_back(range);
        events.push_back(op(names[i % 5], t + 10, 400, lane, parent));
        if (events.size() < n)
            events.push_back(op(names[(i + 1) % 5], t + 450, 400, lane, parent));
    }
    events.resize(n);
    return events;
}
} // namespace

class TestTimeline : public QObject {
    Q_OBJECT
private slots:
    void mappingRoundTrip()
    {
        const auto m = TimelineMapping::fit(1000, 11000, 100);
        QCOMPARE(m.nsPerPixel, 100.0);
        QCOMPARE(m.xForTime(1000), 0.0);
        QCOMPARE(m.xForTime(11000), 100.0);
        QCOMPARE(m.timeForX(50), std::int64_t(6000));
        QCOMPARE(m.endNs(100), std::int64_t(11000));
    }

    void zoomKeepsTheTimeUnderTheCursor()
    {
        const auto m = TimelineMapping::fit(0, 100000, 1000);
        const auto z = m.zoomedAt(250, 4.0);
        QCOMPARE(z.nsPerPixel, 25.0);
        QCOMPARE(z.timeForX(250), m.timeForX(250));
        const auto back = z.zoomedAt(250, 0.25);
        QCOMPARE(back.startNs, m.startNs);
        QCOMPARE(back.nsPerPixel, m.nsPerPixel);
        // Never deeper than the limit, whatever the factor.
        QCOMPARE(m.zoomedAt(0, 1e12).nsPerPixel, TimelineMapping::kMinNsPerPixel);
    }

    void panAndClamp()
    {
        const auto m = TimelineMapping::fit(0, 100000, 1000).zoomedAt(0, 10.0); // 10 ns per pixel
        QCOMPARE(m.pannedBy(100).startNs, std::int64_t(1000));
        QCOMPARE(m.pannedBy(-100).clampedTo(0, 100000, 1000).startNs, std::int64_t(0));
        QCOMPARE(m.pannedBy(1e6).clampedTo(0, 100000, 1000).startNs, std::int64_t(90000));
        // Zooming out beyond the extent shows the whole extent.
        const auto out = m.zoomedAt(500, 0.001).clampedTo(0, 100000, 1000);
        QCOMPARE(out.nsPerPixel, 100.0);
        QCOMPARE(out.startNs, std::int64_t(0));
    }

    void rowsByThreadStreamAndDepth()
    {
        std::vector<core::TraceEventRecord> events = {op("aten::linear", 0, 100, 7),
                                                      op("aten::addmm", 0, 80, 7, 0),
                                                      op("aten::t", 85, 10, 7, 0),
                                                      op("gemm_kernel", 20, 50, 3, -1, "cuda:0"),
                                                      op("aten::gelu", 110, 20, 7),
                                                      op("aten::add", 5, 10, 9)};
        std::stable_sort(events.begin(), events.end(), [](auto &a, auto &b) { return a.startNs < b.startNs; });
        const TimelineData d = buildTimeline(events, 0, 200);
        QCOMPARE(d.eventCount, std::size_t(6));
        QCOMPARE(d.rows.size(), std::size_t(4)); // thread 7 depth 0 and 1, thread 9, stream 3
        QCOMPARE(d.rows[0].lane, std::int64_t(7));
        QCOMPARE(d.rows[0].depth, 0);
        QCOMPARE(d.rows[0].spans.size(), std::size_t(2)); // linear, gelu
        QCOMPARE(d.rows[1].depth, 1);
        QCOMPARE(d.rows[1].spans.size(), std::size_t(2)); // addmm, t
        QCOMPARE(d.rows[2].lane, std::int64_t(9));
        QVERIFY(d.rows[3].gpu);
        QCOMPARE(d.strings[d.rows[3].spans[0].name], std::string("gemm_kernel"));
        const TimelineSpan *s = d.spanAt(1, 90, 0);
        QVERIFY(s);
        QCOMPARE(d.strings[s->name], std::string("aten::t"));
        QVERIFY(!d.spanAt(1, 83, 0));
        QVERIFY(d.spanAt(1, 83, 3)); // within the slack
    }

    void millionEventsFirstPaint()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + QStringLiteral("/runs.sqlite")).toStdString();
        auto store = std::make_shared<core::Store>(path);
        const auto runId = store->beginRun("timeline", 0, "{}", "{}");
        QElapsedTimer fill;
        fill.start();
        store->insertTraceEvents(runId, manyEvents(1000000));
        store->finishRun(runId, core::RunStatus::Done, {});
        qInfo("filled the store with 1,000,000 events in %lld ms", fill.elapsed());
        QCOMPARE(store->traceEventCount(runId), std::int64_t(1000000));

        TimelineView view(store);
        view.resize(1400, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy painted(&view, &TimelineView::framePainted);
        auto withEvents = [&painted] {
            for (const auto &args : painted) {
                if (args.at(0).toBool())
                    return true;
            }
            return false;
        };
        QElapsedTimer open;
        open.start();
        view.setRun(runId);
        QTRY_VERIFY_WITH_TIMEOUT(!painted.isEmpty(), 10000);
        const qint64 firstPaint = open.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(withEvents(), 60000);
        const qint64 eventsPaint = open.elapsed();
        qInfo("1,000,000 events: first paint %lld ms, first frame with the events (per-lane overview) %lld ms after "
              "opening the run; %d rectangles drawn",
              firstPaint, eventsPaint, view.lastRectCount());
        // The window opens at once (axis, rows loading); the overview follows from a worker thread.
        QVERIFY2(firstPaint < 300, qPrintable(QStringLiteral("first paint took %1 ms").arg(firstPaint)));
        // Zoomed out, the overview stands for every event; single events are not loaded.
        QVERIFY(view.showsOverview());
        QCOMPARE(view.overview().eventCount, std::int64_t(1000000));
        QCOMPARE(view.overview().lanes.size(), std::size_t(2));
        QCOMPARE(view.data().eventCount, std::size_t(0));
        // At most one rectangle per pixel column and lane.
        QVERIFY(view.lastRectCount() > 0);
        QVERIFY(view.lastRectCount() <= int(view.overview().lanes.size()) * view.plotWidth());
        QVERIFY(view.toolTipAt(QPoint(view.width() / 2, 22 + 9)).contains(QStringLiteral("Busy")));

        // Zoomed far in, only a narrow window of single events is loaded from the store.
        painted.clear();
        for (int i = 0; i < 40; ++i)
            view.zoomIn();
        QTRY_VERIFY_WITH_TIMEOUT(view.data().eventCount > 0 && !view.isLoading(), 10000);
        QTRY_VERIFY(withEvents() && !view.showsOverview());
        QVERIFY(view.data().eventCount <= std::size_t(TimelineView::kDetailEvents));
        QCOMPARE(view.data().rows.size(), std::size_t(4)); // two threads, ranges and nested ops
        QVERIFY(view.toolTipAt(QPoint(view.width() / 2, 22 + 9)).contains(QStringLiteral("Duration")));

        // Home: the whole run again, as the overview.
        painted.clear();
        view.showAll();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading() && withEvents() && view.showsOverview(), 10000);
    }

    void smallRunShowsSingleEventsAtOnce()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        const auto runId = store->beginRun("small", 0, "{}", "{}");
        store->insertTraceEvents(runId, manyEvents(3000));
        TimelineView view(store);
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRun(runId);
        QTRY_VERIFY_WITH_TIMEOUT(view.data().eventCount == 3000 && !view.isLoading(), 10000);
        QTRY_VERIFY(!view.showsOverview());
        QCOMPARE(view.overview().eventCount, std::int64_t(3000));
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
