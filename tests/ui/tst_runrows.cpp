// The comparison at sweep scale: past a handful of runs the comparison shows runs as rows,
// groups them, sorts and filters them, and keeps the table and the charts' selection one; the
// bar chart's labels never overlap. The runs are written into a real store through core's API.
#include "app/core/spec.h"
#include "app/core/store.h"
#include "testutil.h"
#include "ui/charts/labellayout.h"
#include "ui/charts/parallelcoords.h"
#include "ui/charts/rankedbars.h"
#include "ui/charts/runscatter.h"
#include "ui/models/runrowsmodel.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/runrowsview.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>
#include <random>

using namespace optibench;
using namespace optibench::ui;

namespace {

const char *const kQuantizations[] = {"none", "dynamic-int8", "weight-int8"};
const char *const kPaddings[] = {"fixed", "bucketed"};

// Latency of a grid point's repeat: none + fixed is 10 ms, int8 and bucketed cut it.
double latencyOf(int q, int p, int repeat)
{
    const double quantization[] = {1.0, 0.6, 0.8}, padding[] = {1.0, 0.4};
    return 10.0 * quantization[q] * padding[p] * (1.0 + 0.01 * repeat);
}

// A finished run with five timed blocks (so its figures have intervals).
std::int64_t writeRun(core::Store &store, int q, int p, int repeat, bool withAgreement)
{
    core::ExperimentSpec spec =
        test::shortDemoSpec(std::string(kQuantizations[q]) + " " + kPaddings[p] + " " + std::to_string(repeat));
    const std::string text = core::toJsonText(spec);
    auto json = nlohmann::json::parse(text);
    json["optimizations"]["quantization"] = kQuantizations[q];
    json["optimizations"]["padding"] = kPaddings[p];
    const std::int64_t id = store.beginRun(spec.name, 0, json.dump(), "{}");
    const double ms = latencyOf(q, p, repeat);
    core::RunResults r;
    r.metrics = {{"latency_mean_ms", ms, "ms"}, {"throughput_seq_s", 2000.0 / ms, "seq/s"}};
    if (withAgreement)
        r.metrics.push_back({"agreement", 1.0 - 0.01 * q - 0.002 * repeat, "ratio"});
    for (int i = 0; i < 20; ++i) {
        r.series.push_back({"latency_ms", i, ms * (1.0 + 0.02 * ((i * 7) % 5 - 2))});
        r.series.push_back({"latency_block", i, double(i / 4)});
    }
    for (int b = 0; b < 5; ++b) {
        r.series.push_back({"block_seconds", b, 4 * ms / 1000.0});
        r.series.push_back({"block_sequences", b, 8.0});
        r.series.push_back({"block_tokens", b, 256.0});
    }
    store.finishRun(id, core::RunStatus::Done, r);
    return id;
}

} // namespace

class TestRunRows : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<core::Store> m_store;
    QVector<qint64> m_ids; // 3 quantizations x 2 paddings x 3 repeats; the first is none + fixed
    qint64 m_noAgreement = 0;

    std::unique_ptr<ComparisonView> view()
    {
        auto v = std::make_unique<ComparisonView>(m_store);
        v->resize(1400, 900);
        v->show();
        v->setRuns(m_ids, m_ids.first());
        QCoreApplication::processEvents();
        return v;
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_shared<core::Store>(m_dir.filePath(QStringLiteral("runs.sqlite")).toStdString());
        for (int repeat = 0; repeat < 3; ++repeat)
            for (int q = 0; q < 3; ++q)
                for (int p = 0; p < 2; ++p)
                    m_ids << writeRun(*m_store, q, p, repeat, !(q == 2 && p == 1 && repeat == 2));
        m_noAgreement = m_ids.last();
    }

    void aHandfulAreColumnsMoreAreRows()
    {
        auto v = view();
        QVERIFY(v->showsRows());
        QCOMPARE(v->rowsView()->model()->rowCount(), 18);
        v->setRuns(m_ids.mid(0, 5), m_ids.first());
        QVERIFY(!v->showsRows());
        QCOMPARE(v->rowsView()->model()->rowCount(), 0);
    }

    void groupsShowTheMedianOfTheirRepeats()
    {
        auto v = view();
        RunRowsModel *m = v->rowsView()->model();
        QVERIFY(m->differingFields().contains(QStringLiteral("optimizations.quantization")));
        v->rowsView()->setGroupBy(
            {QStringLiteral("optimizations.quantization"), QStringLiteral("optimizations.padding")});
        QCOMPARE(m->rowCount(), 6);
        int fastest = -1;
        for (int row = 0; row < m->rowCount(); ++row) {
            QCOMPARE(m->runIds(row).size(), 3);
            if (m->label(row) == QLatin1String("quantization=dynamic-int8 padding=bucketed"))
                fastest = row;
        }
        QVERIFY(fastest >= 0);
        // The median of repeats 0, 1, 2 is repeat 1's.
        QCOMPARE(m->value(fastest, QStringLiteral("latency_mean_ms")), latencyOf(1, 1, 1));
        QVERIFY(m->isBaseline(m->baselineRow()));
        QCOMPARE(m->label(m->baselineRow()), QStringLiteral("quantization=none padding=fixed"));
        const auto &j = m->judgement(fastest, QStringLiteral("latency_mean_ms"));
        QCOMPARE(j.verdict, stats::Verdict::Better);
        QVERIFY(std::abs(j.ratio - 0.24) < 0.01);
        QVERIFY(m->figure(fastest, QStringLiteral("latency_mean_ms"))->interval.has_value());
        v->rowsView()->setGroupBy({});
        QCOMPARE(m->rowCount(), 18);
    }

    void sortsByAMetricWithMissingValuesLast()
    {
        auto v = view();
        RunRowsView *rows = v->rowsView();
        const int column = rows->model()->metricColumn(QStringLiteral("agreement"));
        QVERIFY(column > 0);
        for (auto order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            rows->table()->sortByColumn(column, order);
            const auto last = rows->proxy()->mapToSource(rows->proxy()->index(rows->proxy()->rowCount() - 1, 0));
            QCOMPARE(rows->model()->runIds(last.row()), QVector<qint64>{m_noAgreement});
        }
        const int latency = rows->model()->metricColumn(QStringLiteral("latency_mean_ms"));
        rows->table()->sortByColumn(latency, Qt::AscendingOrder);
        double previous = 0;
        for (int r = 0; r < rows->proxy()->rowCount(); ++r) {
            const double value = rows->model()->value(rows->proxy()->mapToSource(rows->proxy()->index(r, 0)).row(),
                                                      QStringLiteral("latency_mean_ms"));
            QVERIFY(value >= previous);
            previous = value;
        }
    }

    void filtersByFieldValue()
    {
        auto v = view();
        RunRowsView *rows = v->rowsView();
        rows->setFilterText(QStringLiteral("padding=bucketed"));
        QCOMPARE(rows->proxy()->rowCount(), 9);
        QCOMPARE(rows->scatter()->points()->dataCount(), 8); // the run without agreement has no point
        QCOMPARE(rows->parallel()->lineCount(), 9);
    }

    void tableSelectionIsTheChartsSelection()
    {
        auto v = view();
        RunRowsView *rows = v->rowsView();
        rows->selectRows({2, 5});
        QCOMPARE(rows->selectedRows(), (QVector<int>{2, 5}));
        QCOMPARE(rows->scatter()->selectedRows(), (QVector<int>{2, 5}));
        QCOMPARE(rows->parallel()->selectedLineCount(), 2);
        rows->table()->clearSelection();
        QVERIFY(rows->scatter()->selectedRows().isEmpty());
        QCOMPARE(rows->parallel()->selectedLineCount(), 0);
    }

    void aClickOnAChartSelectsTheRow()
    {
        auto v = view();
        RunRowsView *rows = v->rowsView();
        rows->chartPages()->setCurrentWidget(rows->scatter());
        QCoreApplication::processEvents();
        rows->scatter()->replot();
        const QPointF point = rows->scatter()->pointPixel(7);
        QVERIFY(point.x() >= 0);
        QTest::mouseClick(rows->scatter(), Qt::LeftButton, Qt::NoModifier, point.toPoint());
        QCOMPARE(rows->selectedRows(), QVector<int>{7});
        QCOMPARE(rows->scatter()->selectedRows(), QVector<int>{7});

        rows->chartPages()->setCurrentWidget(rows->bars());
        QCoreApplication::processEvents();
        rows->bars()->replot();
        const int best = rows->proxy()->mapToSource(rows->proxy()->index(0, 0)).row();
        const double y = rows->bars()->barCentre(best);
        QVERIFY(y > 0);
        QTest::mouseClick(rows->bars(), Qt::LeftButton, Qt::ControlModifier,
                          QPoint(rows->bars()->axisRect()->rect().left() + 3, int(y)));
        QCOMPARE(rows->selectedRows(), (QVector<int>{qMin(best, 7), qMax(best, 7)}));

        rows->chartPages()->setCurrentWidget(rows->parallel());
        QCoreApplication::processEvents();
        rows->parallel()->replot();
        // Between the two metric axes each run's line is its own.
        const int axes = int(rows->model()->differingFields().mid(0, 5).size()) + 2;
        const QPointF a = rows->parallel()->linePixel(4, axes - 2), b = rows->parallel()->linePixel(4, axes - 1);
        QTest::mouseClick(rows->parallel(), Qt::LeftButton, Qt::NoModifier, ((a + b) / 2).toPoint());
        QCOMPARE(rows->selectedRows(), QVector<int>{4});
    }

    void selectionBecomesAComparisonOrARerun()
    {
        auto v = view();
        RunRowsView *rows = v->rowsView();
        QSignalSpy compare(v.get(), &ComparisonView::compareRequested);
        QSignalSpy rerun(v.get(), &ComparisonView::interleavedRerunRequested);
        rows->selectRows({3, 4});
        for (QPushButton *b : rows->findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("Compare selected"))
                b->click();
            else if (b->text().startsWith(QLatin1String("Re-run selected")))
                b->click();
        }
        QCOMPARE(compare.size(), 1);
        QCOMPARE(compare.at(0).at(0).value<QVector<qint64>>(), (QVector<qint64>{m_ids[0], m_ids[3], m_ids[4]}));
        QCOMPARE(compare.at(0).at(1).toLongLong(), m_ids[0]);
        QCOMPARE(rerun.size(), 1);
        QCOMPARE(rerun.at(0).at(1).value<QVector<QueuedRun>>().size(), 2);
        v->setRuns(compare.at(0).at(0).value<QVector<qint64>>(), m_ids[0]);
        QVERIFY(!v->showsRows()); // three runs: columns again
    }

    void barLabelsNeverOverlap()
    {
        for (int n : {5, 40, 100}) {
            RankedBarsChart chart;
            chart.resize(900, 420);
            QVector<RankedBar> best, worst;
            for (int i = 0; i < n; ++i) {
                best.push_back({i, QStringLiteral("#%1 a long label of a configuration that differs").arg(i), 1.0 + i,
                                0.9 + i, 1.1 + i, false});
                worst.push_back(
                    {n + i, QStringLiteral("#%1 worst").arg(n + i), 500.0 + i, 490.0 + i, 510.0 + i, false});
            }
            MetricInfo info{QStringLiteral("latency_mean_ms"), QStringLiteral("Latency mean"), QStringLiteral("ms"),
                            Better::Lower};
            chart.setBars(best, worst, 1000, 1000 + 2 * n, info, 3.0);
            chart.replot();
            const auto &placed = chart.placedLabels();
            QVERIFY(!placed.isEmpty());
            for (int i = 0; i < placed.size(); ++i) {
                QVERIFY(placed[i].rect.right() <= chart.axisRect()->rect().left());
                QVERIFY(placed[i].rect.left() >= 0);
                for (int k = i + 1; k < placed.size(); ++k)
                    QVERIFY2(!placed[i].rect.intersects(placed[k].rect),
                             qPrintable(
                                 QStringLiteral("labels %1 and %2 overlap").arg(placed[i].slot).arg(placed[k].slot)));
            }
            if (n == 5)
                QCOMPARE(placed.size(), 10); // room for every label
            else
                QVERIFY(placed.size() < 2 * n); // crowded: some are left to the tooltip
        }
    }

    void labelLayoutKeepsLabelsApartInAnyOrder()
    {
        std::mt19937 random(3);
        std::uniform_real_distribution<double> position(0, 300);
        QVector<LabelSlot> wanted;
        for (int i = 0; i < 200; ++i)
            wanted.push_back({position(random), QStringLiteral("label %1").arg(i)});
        const QFontMetricsF metrics(QFont(QStringLiteral("Sans"), 8));
        const auto placed = layOutLabels(wanted, metrics, 250, 120);
        QVERIFY(placed.size() > 5);
        for (int i = 0; i < placed.size(); ++i)
            for (int k = i + 1; k < placed.size(); ++k)
                QVERIFY(!placed[i].rect.intersects(placed[k].rect));
    }
};

QTEST_MAIN(TestRunRows)
#include "tst_runrows.moc"
