// A generation run through the whole app: the spec queued as the experiment panel queues it, run
// by the real worker on the built-in decoder (fp32, then weight-int4-g32), stored, and shown:
// the run detail's latency per token with the first token apart and the metrics with their
// intervals, and the two runs compared with a verdict on decode throughput.
#include "testutil.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/rundetail.h"
#include "ui/window/mainwindow.h"

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace optibench;
using namespace optibench::ui;

namespace {

core::ExperimentSpec generationSpec(const std::string &name, options::Quantization quantization)
{
    core::ExperimentSpec s;
    s.name = name;
    s.model.path = "demo:tiny-llama";
    s.task.mode = options::Mode::Generation;
    s.task.batchSize = 1;
    s.task.maxLength = 64;
    s.task.iterations = 4;
    s.task.warmup = 1;
    s.task.blocks = 4;
    s.task.generation.promptLength = 32;
    s.task.generation.newTokens = 32;
    s.optimizations.quantization = quantization;
    s.threads = 1;
    return s;
}

// The metrics table's value cell of the row labelled `label`, or empty.
QString metricCell(QTableWidget *table, const QString &label)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0) && table->item(r, 0)->text() == label)
            return table->item(r, 1)->text();
    return {};
}

} // namespace

class TestGenerationRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_generationrun"));
    }

    void aGenerationRunIsShownTokenByToken()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        MainWindow window(store, QStringLiteral("demo:tiny-llama"));
        window.workerClient()->setCommand({QStringLiteral(OPTIBENCH_WORKER_PATH), {QStringLiteral("worker")}});
        window.resize(1600, 1000);
        window.show();
        RunQueueModel *queue = window.runQueue();
        QSignalSpy finished(queue, &RunQueueModel::runFinished);
        queue->enqueue(QStringLiteral("fp32"), test::specJson(generationSpec("fp32", options::Quantization::None)));
        queue->enqueue(QStringLiteral("int4"),
                       test::specJson(generationSpec("int4", options::Quantization::WeightInt4G32)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 240000);
        for (const auto &f : finished)
            QVERIFY2(f.at(1).toString() == QLatin1String("done"), qPrintable(f.at(2).toString()));
        const qint64 fp32 = finished.at(0).at(0).toLongLong(), int4 = finished.at(1).at(0).toLongLong();

        RunDetail *detail = window.runDetail();
        detail->setRun(fp32);
        window.pages()->setCurrentWidget(detail);
        QCustomPlot *plot = detail->latencyPlot();
        QCOMPARE(plot->windowTitle(), QStringLiteral("Latency per token"));
        QCOMPARE(plot->graph(2)->dataCount(), 4);  // one first token per timed generation
        QCOMPARE(plot->graph(1)->dataCount(), 31); // the mean of every later token
        const QString ttft = metricCell(detail->metricsTable(), QStringLiteral("Time to first token"));
        QVERIFY2(ttft.contains(QLatin1String("ms")) && ttft.contains(QChar(0xB1)), qPrintable(ttft));
        QVERIFY(!metricCell(detail->metricsTable(), QStringLiteral("Fraction of bandwidth bound")).isEmpty());
        QVERIFY(!metricCell(detail->metricsTable(), QStringLiteral("Perplexity")).isEmpty());
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            QTest::qWait(200);
            window.grab().save(shot + QStringLiteral("/run-detail-generation.png"));
        }

        ComparisonView *comparison = window.comparisonView();
        comparison->setRuns({fp32, int4}, fp32);
        window.pages()->setCurrentWidget(comparison);
        if (!shot.isEmpty()) {
            QTest::qWait(200);
            window.grab().save(shot + QStringLiteral("/comparison-generation.png"));
        }
        const auto metrics = store->metrics(int4);
        const auto bytes =
            std::find_if(metrics.begin(), metrics.end(), [](const core::Metric &m) { return m.key == "model_bytes"; });
        QVERIFY(bytes != metrics.end());
    }
};

QTEST_MAIN(TestGenerationRun)
#include "tst_generationrun.moc"
