// Run detail with a training run's series and the metric keys of compression, training and
// distillation: one chart per series the run has (with axis units), labels, units and the
// better direction of each new key.
#include "testutil.h"
#include "ui/charts/seriescharts.h"
#include "ui/models/metricinfo.h"
#include "ui/pages/rundetail.h"

#include <qcustomplot.h>

#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace optibench;
using namespace optibench::ui;

class TestRunDetail : public QObject {
    Q_OBJECT
private slots:
    void newMetricKeysHaveLabelsUnitsAndDirection()
    {
        struct Expect {
            const char *key;
            Better better;
            const char *unit;
        };
        for (const Expect &e :
             {Expect{"model_bytes_saved", Better::Lower, "bytes"},
              Expect{"model_bytes_baseline", Better::Neither, "bytes"},
              Expect{"parameters_baseline", Better::Neither, ""}, Expect{"pruned_heads", Better::Neither, ""},
              Expect{"pruned_neurons", Better::Neither, ""}, Expect{"sparse_kernel", Better::Neither, ""},
              Expect{"train_loss_final", Better::Lower, ""}, Expect{"eval_loss", Better::Lower, ""},
              Expect{"step_time_mean_ms", Better::Lower, "ms"},
              Expect{"train_throughput_tokens_s", Better::Higher, "tokens/s"},
              Expect{"train_tokens", Better::Neither, ""}, Expect{"optimizer_steps", Better::Neither, ""},
              Expect{"trainable_parameters", Better::Neither, ""}, Expect{"accuracy", Better::Higher, "%"},
              Expect{"teacher_accuracy", Better::Neither, "%"}, Expect{"teacher_parameters", Better::Neither, ""},
              Expect{"teacher_model_bytes", Better::Neither, "bytes"},
              Expect{"teacher_latency_ms", Better::Neither, "ms"}}) {
            const MetricInfo info = metricInfo(QLatin1String(e.key));
            QVERIFY2(info.label != info.key, e.key); // a label of its own
            QCOMPARE(info.better, e.better);
            QCOMPARE(info.unit, QLatin1String(e.unit));
        }
        QCOMPARE(formatMetric(QStringLiteral("sparse_kernel"), 1), QStringLiteral("yes"));
        QCOMPARE(formatMetric(QStringLiteral("sparse_kernel"), 0), QStringLiteral("no"));
        QCOMPARE(formatMetric(QStringLiteral("trainable_parameters"), 4'400'000), QStringLiteral("4.40 M"));
        QCOMPARE(formatMetric(QStringLiteral("model_bytes_saved"), 3 * 1024 * 1024), QStringLiteral("3.00 MiB"));
    }

    void trainingSeriesGetChartsWithUnits()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        auto spec = test::shortDemoSpec("training");
        spec.task.mode = options::Mode::Training;
        const auto id = store->beginRun(spec.name, 0, core::toJsonText(spec), "{}");
        core::RunResults results;
        results.metrics = {{"train_loss_final", 0.41, ""}, {"step_time_mean_ms", 35.0, "ms"}, {"sparse_kernel", 1, ""}};
        for (int step = 1; step <= 20; ++step) {
            results.series.push_back({"loss", step, 1.2 - 0.04 * step});
            results.series.push_back({"step_time_ms", step, 30.0 + step % 3});
            results.series.push_back({"memory_bytes", step, 200.0 * 1024 * 1024});
            results.series.push_back({"learning_rate", step, 5e-5 * step / 20});
        }
        for (int step : {10, 20})
            results.series.push_back({"eval_accuracy", step, 0.5 + step / 100.0});
        for (int layer = 0; layer < 4; ++layer)
            results.series.push_back({"layer_sparsity", layer, 0.3 + 0.05 * layer});
        store->finishRun(id, core::RunStatus::Done, results);

        RunDetail detail(store);
        detail.resize(1200, 800);
        detail.setRun(id);
        SeriesCharts *charts = detail.seriesCharts();
        QCOMPARE(charts->shownSeries(),
                 (QStringList{"loss", "eval_accuracy", "step_time_ms", "memory_bytes", "learning_rate",
                              "layer_sparsity"}));
        const auto plots = charts->charts();
        QCOMPARE(plots.size(), 6);
        QCOMPARE(plots[0]->xAxis->label(), QStringLiteral("optimizer step"));
        QVERIFY(plots[1]->yAxis->label().contains(QLatin1String("%")));
        QVERIFY(plots[2]->yAxis->label().contains(QLatin1String("ms")));
        QVERIFY(plots[3]->yAxis->label().contains(QLatin1String("MiB")));
        QCOMPARE(plots[5]->xAxis->label(), QStringLiteral("layer"));
        // Memory in MiB, sparsity in percent.
        QCOMPARE(plots[3]->graph(0)->data()->at(0)->value, 200.0);
        auto *bars = qobject_cast<QCPBars *>(plots[5]->plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->data()->at(1)->value, 35.0);
        if (qEnvironmentVariableIsSet("OPTIBENCH_GRAB")) {
            detail.pages()->setCurrentWidget(charts);
            detail.show();
            QVERIFY(QTest::qWaitForWindowExposed(&detail));
            detail.grab().save(qEnvironmentVariable("OPTIBENCH_GRAB"));
        }

        // A run without such series: no charts, a note instead.
        const auto inference = test::writeRun(*store, test::shortDemoSpec("inference"), 10, 0.5);
        detail.setRun(inference);
        QVERIFY(charts->shownSeries().isEmpty());
    }

    // A generation run's series as the engine writes them (engine/run/generation_pass.cpp): per
    // generation its first token, and its decoding steps with their generation as latency_block.
    void generationRunPlotsEachTokenWithTheFirstApart()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        auto spec = test::shortDemoSpec("generation");
        spec.task.mode = options::Mode::Generation;
        const auto id = store->beginRun(spec.name, 0, core::toJsonText(spec), "{}");
        core::RunResults results;
        results.metrics = {{"ttft_mean_ms", 41.0, "ms"}, {"itl_mean_ms", 5.0, "ms"}};
        std::int64_t step = 0;
        for (int block = 0; block < 3; ++block) {
            results.series.push_back({"ttft_ms", block, 40.0 + block});
            for (int token = 0; token < 9; ++token, ++step) {
                results.series.push_back({"latency_ms", step, 5.0 + 0.1 * token});
                results.series.push_back({"latency_block", step, double(block)});
            }
        }
        store->finishRun(id, core::RunStatus::Done, results);

        RunDetail detail(store);
        detail.resize(1200, 800);
        detail.setRun(id);
        QCustomPlot *plot = detail.latencyPlot();
        QCOMPARE(plot->windowTitle(), QStringLiteral("Latency per token"));
        QCOMPARE(plot->graphCount(), 3);
        QCOMPARE(plot->graph(0)->dataCount(), 27); // every decoding step of every generation
        QCOMPARE(plot->graph(1)->dataCount(), 9);  // their mean per token, at tokens 2 to 10
        QCOMPARE(plot->graph(1)->data()->at(0)->key, 2.0);
        QCOMPARE(plot->graph(1)->data()->at(8)->key, 10.0);
        QCOMPARE(plot->graph(1)->data()->at(8)->value, 5.8);
        QCOMPARE(plot->graph(2)->dataCount(), 3); // the first tokens, at token 1
        QCOMPARE(plot->graph(2)->data()->at(0)->key, 1.0);
        QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(plot->legend->visible());
        // The histogram holds the decoding steps only, not the first tokens.
        auto *bars = qobject_cast<QCPBars *>(detail.histogramPlot()->plottable(0));
        QVERIFY(bars);
        double counted = 0;
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            counted += it->value;
        QCOMPARE(counted, 27.0);
        QVERIFY(detail.seriesCharts()->shownSeries().isEmpty()); // ttft_ms is in the latency chart
        if (qEnvironmentVariableIsSet("OPTIBENCH_GRAB")) {
            detail.show();
            QVERIFY(QTest::qWaitForWindowExposed(&detail));
            detail.grab().save(qEnvironmentVariable("OPTIBENCH_GRAB"));
        }

        // An inference run afterwards gets its own chart back.
        detail.setRun(test::writeRun(*store, test::shortDemoSpec("inference"), 10, 0.5));
        QCOMPARE(plot->windowTitle(), QStringLiteral("Latency per iteration"));
        QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLinear);
        QVERIFY(!plot->legend->visible());
    }
};

QTEST_MAIN(TestRunDetail)
#include "tst_rundetail.moc"
