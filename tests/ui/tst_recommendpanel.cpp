// The Recommend panel beside the cost-against-quality chart: it picks the run core::recommend
// picks, follows the chart's cost and quality and the comparison's baseline, takes its budget
// from its own controls, and shows the chosen run in bold with the reason.
#include "app/core/store.h"
#include "ui/charts/tradeoffview.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/recommendpanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

class TestRecommendPanel : public QObject {
    Q_OBJECT
private:
    // A run of five blocks of ten iterations at `ms`, with `agreement` over 1000 examples.
    static ComparedRun makeRun(qint64 id, const char *quantization, double ms, double agreement, double bytes)
    {
        ComparedRun r;
        r.id = id;
        r.name = QString::fromLatin1(quantization);
        r.specJson = QStringLiteral(R"({"optimizations": {"quantization": "%1"}})").arg(r.name);
        for (int b = 0; b < 5; ++b) {
            r.blocks.latency.push_back({10 * ms * (1 + 0.004 * b), 10});
            r.blocks.noise.emplace_back();
        }
        r.metrics.insert(QStringLiteral("latency_mean_ms"), ms * 1.008);
        r.metrics.insert(QStringLiteral("agreement"), agreement);
        r.metrics.insert(QStringLiteral("eval_examples"), 1000);
        r.metrics.insert(QStringLiteral("model_bytes"), bytes);
        return r;
    }

    static QVector<ComparedRun> runs()
    {
        return {makeRun(1, "none", 10, 1.0, 4e6), makeRun(2, "dynamic-int8", 6, 0.999, 1.2e6),
                makeRun(3, "weight-int8", 8, 1.0, 1.1e6), makeRun(4, "fp16-weights", 12, 1.0, 2e6)};
    }

    static int chosenRow(const RecommendPanel &panel)
    {
        const auto &r = panel.recommendation();
        return r.chosen ? int(*r.chosen) : -1;
    }

private slots:
    void picksTheCheapestRunWithinTheBudget()
    {
        RecommendPanel panel;
        panel.setRuns(runs(), 0);
        QCOMPARE(panel.budgetValue()->value(), 99.0); // agreement of at least 99%
        QCOMPARE(chosenRow(panel), 1);
        QCOMPARE(panel.recommendation().candidates[1].runId, qint64(2));
        QVERIFY2(panel.reason()->text().contains(QLatin1String("#2 dynamic-int8: 1.6")),
                 qPrintable(panel.reason()->text()));
        QVERIFY(panel.table()->item(1, RecommendPanel::RunColumn)->font().bold());
        QVERIFY(!panel.table()->item(0, RecommendPanel::RunColumn)->font().bold());
        QCOMPARE(panel.table()->item(2, RecommendPanel::VerdictColumn)->text(), QStringLiteral("better"));

        // A stricter budget than the lower bound of int8's 99.9% over 1000 examples (99.4%): weight-int8 keeps 100%.
        panel.budgetValue()->setValue(99.5);
        QCOMPARE(panel.recommendation().candidates[std::size_t(chosenRow(panel))].runId, qint64(3));
        QCOMPARE(panel.table()->item(1, RecommendPanel::BudgetColumn)->text(), QStringLiteral("no"));
        QVERIFY(!panel.table()->item(1, RecommendPanel::BudgetColumn)->toolTip().isEmpty());
    }

    void followsTheChartsCostAndTheBaseline()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        RecommendPanel panel;
        panel.setRuns(runs(), 0);
        panel.setCostMetric(QStringLiteral("model_bytes"));
        QCOMPARE(panel.recommendation().candidates[std::size_t(chosenRow(panel))].runId, qint64(3));
        QVERIFY2(panel.reason()->text().contains(QLatin1String("the size")), qPrintable(panel.reason()->text()));

        // The baseline is the first row whatever its place among the runs.
        panel.setRuns(runs(), 3);
        QCOMPARE(panel.recommendation().candidates.front().runId, qint64(4));
        QCOMPARE(panel.table()->item(0, RecommendPanel::VerdictColumn)->text(), QStringLiteral("baseline"));

        TradeoffView view(store);
        view.setRuns(runs());
        const int size = view.costBox()->findData(QStringLiteral("model_bytes"));
        QVERIFY(size >= 0);
        view.costBox()->setCurrentIndex(size);
        // 1.1 MB at 100% agreement beats every other run on both: the front is that run alone.
        QCOMPARE(view.frontRunIds(), (QVector<qint64>{3}));
    }
};

QTEST_MAIN(TestRecommendPanel)
#include "tst_recommendpanel.moc"
