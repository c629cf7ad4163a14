// Chart export gives real files of the chosen size: PNG and JPG decode to exactly that many
// pixels, the SVG renders with that size, the PDF is a PDF, the CSV has every point.
#include "ui/charts/chartexport.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace optibench::ui;

class TestChartExport : public QObject {
    Q_OBJECT
private:
    QCustomPlot *makePlot()
    {
        auto *plot = new QCustomPlot;
        plot->resize(400, 300);
        QCPGraph *graph = plot->addGraph();
        graph->setName(QStringLiteral("latency"));
        QVector<double> x, y;
        for (int i = 0; i < 20; ++i) {
            x << i;
            y << 10 + (i % 4);
        }
        graph->setData(x, y);
        plot->xAxis->setLabel(QStringLiteral("iteration"));
        plot->yAxis->setLabel(QStringLiteral("latency (ms)"));
        plot->rescaleAxes();
        return plot;
    }

private slots:
    void images_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("dpi");
        QTest::newRow("png 640x480") << "png" << 640 << 480 << 96;
        QTest::newRow("png 1200x800 at 192 dpi") << "png" << 1200 << 800 << 192;
        QTest::newRow("jpg 800x600") << "jpg" << 800 << 600 << 96;
    }

    void images()
    {
        QFETCH(QString, suffix);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, dpi);
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        const QString file = dir.filePath(QStringLiteral("chart.") + suffix);
        QString error;
        QVERIFY2(exportChart(plot.get(), file, {width, height, dpi}, &error), qPrintable(error));
        QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(width, height));
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), dpi);
        // Not a blank canvas: the axes and the curve leave dark pixels.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
        }
        QVERIFY(dark > 100);
    }

    void svg()
    {
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        const QString file = dir.filePath(QStringLiteral("chart.svg"));
        QString error;
        QVERIFY2(exportChart(plot.get(), file, {900, 500, 96}, &error), qPrintable(error));
        QSvgRenderer renderer(file);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.defaultSize(), QSize(900, 500));
        QCOMPARE(renderer.viewBox(), QRect(0, 0, 900, 500));
        QImage image(900, 500, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        QVERIFY(image.pixel(450, 250) != 0 || image.pixel(10, 10) != 0);
    }

    void pdfAndCsv()
    {
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        const QString pdf = dir.filePath(QStringLiteral("chart.pdf"));
        QVERIFY(exportChart(plot.get(), pdf, {600, 400, 96}));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");

        const QString csv = dir.filePath(QStringLiteral("chart.csv"));
        QVERIFY(exportChartData(plot.get(), csv));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(c.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 21);
        QCOMPARE(lines.first(), QStringLiteral("series,x,label,y"));
        QCOMPARE(lines.at(2), QStringLiteral("latency,1,,11"));
    }

    void unknownFormat()
    {
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        QString error;
        QVERIFY(!exportChart(plot.get(), dir.filePath(QStringLiteral("chart.xyz")), {}, &error));
        QVERIFY(error.contains(QLatin1String("xyz")));
    }
};

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
