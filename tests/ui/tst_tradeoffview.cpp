// The cost-against-quality scatter: runs with the same quality and nearly the same cost get
// labels that do not overlap each other or any point, each still beside its point or joined to
// it by a leader line, at the widget's size and at an export's size alike.
#include "app/core/store.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/tradeoffview.h"
#include "ui/models/comparisonmodel.h"

#include <qcustomplot.h>

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

class TestTradeoffView : public QObject {
    Q_OBJECT
private:
    // Runs as the demo comparison has them: three at one accuracy within 1 ms of each other,
    // two more at another accuracy, one far away.
    static QVector<ComparedRun> crowdedRuns()
    {
        const struct {
            const char *name;
            double p50, accuracy;
        } rows[] = {{"baseline fp32", 6.6, 0.783},      {"int8", 4.8, 0.783},
                    {"int8 + int8 tables", 4.2, 0.783}, {"bucketed", 3.4, 0.779},
                    {"int8 + bucketed", 2.8, 0.779},    {"batch 16", 15.1, 0.783}};
        QVector<ComparedRun> runs;
        qint64 id = 1;
        for (const auto &r : rows) {
            ComparedRun run;
            run.id = id++;
            run.name = QString::fromLatin1(r.name);
            run.metrics.insert(QStringLiteral("latency_mean_ms"), r.p50);
            run.metrics.insert(QStringLiteral("agreement"), r.accuracy);
            run.metrics.insert(QStringLiteral("eval_examples"), 1000);
            runs << run;
        }
        return runs;
    }

    // Every label's box in pixels, and the points', after a replot at the plot's current size.
    static void checkApart(QCustomPlot *plot)
    {
        QVector<QRectF> labels, points;
        for (int i = 0; i < plot->itemCount(); ++i) {
            if (auto *text = qobject_cast<QCPItemText *>(plot->item(i))) {
                const QPointF anchor = text->position->pixelPosition();
                const QFontMetricsF fm(text->font());
                // Left-aligned, vertically centred on the anchor; a little smaller than drawn so
                // that boxes touching edge to edge do not count as overlapping.
                labels << QRectF(anchor.x() + 1, anchor.y() - fm.ascent() / 2, fm.horizontalAdvance(text->text()) - 2,
                                 fm.ascent());
            }
        }
        auto *dots = plot->graph(1);
        for (auto it = dots->data()->constBegin(); it != dots->data()->constEnd(); ++it)
            points << QRectF(plot->xAxis->coordToPixel(it->key) - 3, plot->yAxis->coordToPixel(it->value) - 3, 6, 6);
        QCOMPARE(labels.size(), 6);
        for (int i = 0; i < labels.size(); ++i) {
            QVERIFY2(plot->axisRect()->rect().contains(labels[i].toRect()), qPrintable(QString::number(i)));
            for (int j = i + 1; j < labels.size(); ++j)
                QVERIFY2(!labels[i].intersects(labels[j]),
                         qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
            for (const QRectF &p : points)
                QVERIFY2(!labels[i].intersects(p), qPrintable(QStringLiteral("label %1 covers a point").arg(i)));
        }
    }

private slots:
    void crowdedLabelsDoNotOverlap()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        TradeoffView view(store);
        view.resize(900, 320);
        view.setRuns(crowdedRuns());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scatter()->replot(QCustomPlot::rpImmediateRefresh);
        checkApart(view.scatter());

        // The same at an export's size: the layout runs again and so does the placement.
        const QString file = dir.filePath(QStringLiteral("tradeoff.png"));
        QString error;
        QVERIFY2(exportChart(view.scatter(), file, {1200, 500, 96}, &error), qPrintable(error));
        QVERIFY(!QImage(file).isNull());
        if (const QByteArray out = qgetenv("OPTIBENCH_GRAB_DIR"); !out.isEmpty())
            view.grab().save(QString::fromLocal8Bit(out) + QStringLiteral("/tradeoff-labels.png"));
    }
};

QTEST_MAIN(TestTradeoffView)
#include "tst_tradeoffview.moc"
