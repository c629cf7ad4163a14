#include "ui/charts/seriescharts.h"

#include "ui/charts/chartexport.h"

#include <qcustomplot.h>

#include <QGridLayout>
#include <QLabel>
#include <QMap>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace optibench::ui {

namespace {
struct SeriesKind {
    const char *name;
    const char *title;
    const char *xLabel;
    const char *yLabel;
    double scale; // shown value = stored value * scale
    bool bars;
    QColor color;
};

// Display order; the labels are translated when shown.
const SeriesKind kKinds[] = {
    {"loss", QT_TRANSLATE_NOOP("SeriesCharts", "Training loss"), QT_TRANSLATE_NOOP("SeriesCharts", "optimizer step"),
     QT_TRANSLATE_NOOP("SeriesCharts", "loss"), 1.0, false, QColor(0xb3, 0x26, 0x1e)},
    {"eval_accuracy", QT_TRANSLATE_NOOP("SeriesCharts", "Evaluation accuracy"),
     QT_TRANSLATE_NOOP("SeriesCharts", "optimizer step"), QT_TRANSLATE_NOOP("SeriesCharts", "accuracy (%)"), 100.0,
     false, QColor(0x2e, 0x7d, 0x32)},
    {"step_time_ms", QT_TRANSLATE_NOOP("SeriesCharts", "Step time"),
     QT_TRANSLATE_NOOP("SeriesCharts", "optimizer step"), QT_TRANSLATE_NOOP("SeriesCharts", "time (ms)"), 1.0, false,
     QColor(0x1f, 0x6f, 0xb4)},
    {"memory_bytes", QT_TRANSLATE_NOOP("SeriesCharts", "Memory"), QT_TRANSLATE_NOOP("SeriesCharts", "optimizer step"),
     QT_TRANSLATE_NOOP("SeriesCharts", "memory (MiB)"), 1.0 / (1024.0 * 1024.0), false, QColor(0x6a, 0x1b, 0x9a)},
    {"learning_rate", QT_TRANSLATE_NOOP("SeriesCharts", "Learning rate"),
     QT_TRANSLATE_NOOP("SeriesCharts", "optimizer step"), QT_TRANSLATE_NOOP("SeriesCharts", "learning rate"), 1.0,
     false, QColor(0x55, 0x55, 0x55)},
    {"loss_scale", QT_TRANSLATE_NOOP("SeriesCharts", "Loss scale"), QT_TRANSLATE_NOOP("SeriesCharts", "optimizer step"),
     QT_TRANSLATE_NOOP("SeriesCharts", "loss scale"), 1.0, false, QColor(0x8d, 0x6e, 0x00)},
    {"layer_sparsity", QT_TRANSLATE_NOOP("SeriesCharts", "Sparsity per layer"),
     QT_TRANSLATE_NOOP("SeriesCharts", "layer"), QT_TRANSLATE_NOOP("SeriesCharts", "weights removed (%)"), 100.0, true,
     QColor(0x3a, 0x7c, 0x8c)},
};

QString t(const char *text)
{
    return QCoreApplication::translate("SeriesCharts", text);
}

QCustomPlot *makeChart(QWidget *parent, const SeriesKind &kind, const QVector<double> &x, const QVector<double> &y)
{
    auto *plot = new QCustomPlot(parent);
    plot->setMinimumSize(300, 200);
    const QString title = t(kind.title);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    plot->setWindowTitle(title);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->xAxis->setLabel(t(kind.xLabel));
    plot->yAxis->setLabel(t(kind.yLabel));
    if (kind.bars) {
        auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(t(kind.yLabel));
        bars->setWidth(0.7);
        bars->setData(x, y, true);
        QColor fill = kind.color;
        fill.setAlpha(170);
        bars->setBrush(fill);
        bars->setPen(QPen(kind.color));
        plot->xAxis->setRange(x.first() - 0.6, x.last() + 0.6);
        plot->yAxis->setRange(0, qMax(1.0, *std::max_element(y.begin(), y.end()) * 1.15));
    } else {
        QCPGraph *graph = plot->addGraph();
        graph->setName(t(kind.yLabel));
        graph->setData(x, y, true);
        graph->setPen(QPen(kind.color, 1.5));
        if (x.size() <= 60)
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        plot->rescaleAxes();
        const auto [lo, hi] = std::minmax_element(y.begin(), y.end());
        const double pad = qMax(std::abs(*hi) * 1e-3, (*hi - *lo) * 0.1);
        plot->yAxis->setRange(*lo - pad, *hi + pad);
        // A margin, so the first and last points are not cut by the axes.
        const double margin = qMax(0.5, (x.last() - x.first()) * 0.02);
        plot->xAxis->setRange(x.first() - margin, x.last() + margin);
    }
    installExportMenu(plot);
    plot->replot();
    return plot;
}
} // namespace

SeriesCharts::SeriesCharts(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout), m_empty(new QLabel(this))
{
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addLayout(m_grid, 1);
    setSeries({});
}

void SeriesCharts::setSeries(const std::vector<core::SeriesPoint> &points)
{
    qDeleteAll(m_charts);
    m_charts.clear();
    m_shown.clear();
    QMap<QString, QPair<QVector<double>, QVector<double>>> byName;
    for (const auto &p : points) {
        auto &[x, y] = byName[QString::fromStdString(p.name)];
        x << double(p.step);
        y << p.value;
    }
    for (const SeriesKind &kind : kKinds) {
        const auto it = byName.constFind(QLatin1String(kind.name));
        if (it == byName.constEnd() || it->first.isEmpty())
            continue;
        QVector<double> y = it->second;
        for (double &v : y)
            v *= kind.scale;
        auto *chart = makeChart(this, kind, it->first, y);
        const int i = m_charts.size();
        m_grid->addWidget(chart, i / 2, i % 2);
        m_charts << chart;
        m_shown << QLatin1String(kind.name);
    }
    m_empty->setText(tr("This run has no training or per-layer series. Training runs record loss, step time, memory, "
                        "learning rate and evaluation accuracy per step; pruned runs their sparsity per layer."));
    m_empty->setVisible(m_charts.isEmpty());
}

} // namespace optibench::ui
