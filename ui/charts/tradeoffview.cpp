#include "ui/charts/tradeoffview.h"

#include "app/core/store.h"
#include "ui/charts/chartexport.h"
#include "ui/models/comparisonmodel.h"
#include "ui/models/metricinfo.h"
#include "ui/models/pareto.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include <QComboBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
const QColor kPalette[] = {QColor(0x1f, 0x6f, 0xb4), QColor(0xd9, 0x5f, 0x02), QColor(0x1b, 0x9e, 0x77),
                           QColor(0x75, 0x70, 0xb3), QColor(0xe7, 0x29, 0x8a), QColor(0x66, 0xa6, 0x1e),
                           QColor(0xa6, 0x76, 0x1d), QColor(0x66, 0x66, 0x66)};

// Bytes are plotted in MiB, fractions in percent, as the tables show them.
double scaled(const MetricInfo &info, double v)
{
    if (info.unit == QLatin1String("bytes"))
        return v / (1024.0 * 1024.0);
    if (info.unit == QLatin1String("%"))
        return v * 100.0;
    return v;
}

QString axisLabel(const MetricInfo &info)
{
    if (info.unit == QLatin1String("bytes"))
        return TradeoffView::tr("%1 (MiB)").arg(info.label);
    return info.unit.isEmpty() ? info.label : TradeoffView::tr("%1 (%2)").arg(info.label, info.unit);
}

void setTitle(QCustomPlot *plot, const QString &title)
{
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    plot->setWindowTitle(title);
}
} // namespace

TradeoffView::TradeoffView(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_cost(new QComboBox(this))
    , m_quality(new QComboBox(this))
    , m_scatter(new QCustomPlot(this))
    , m_series(new QCustomPlot(this))
{
    for (const char *key : {"latency_p50_ms", "peak_memory_bytes", "model_bytes"})
        m_cost->addItem(metricInfo(QLatin1String(key)).label, QLatin1String(key));
    for (const char *key : {"accuracy", "agreement"})
        m_quality->addItem(metricInfo(QLatin1String(key)).label, QLatin1String(key));
    setTitle(m_scatter, tr("Cost against quality (line: Pareto front)"));
    setTitle(m_series, tr("Latency per iteration"));
    m_series->xAxis->setLabel(tr("iteration"));
    m_series->yAxis->setLabel(tr("latency (ms)"));
    m_series->legend->setVisible(true);
    m_series->legend->setFont(QFont(font().family(), 7));
    // Translucent, so the curves behind it stay visible.
    m_series->legend->setBrush(QColor(255, 255, 255, 170));
    m_series->legend->setBorderPen(Qt::NoPen);
    for (QCustomPlot *p : {m_scatter, m_series}) {
        p->setMinimumHeight(200);
        p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        installExportMenu(p);
    }

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Cost:"), this));
    controls->addWidget(m_cost);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Quality:"), this));
    controls->addWidget(m_quality);
    controls->addStretch(1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_scatter);
    split->addWidget(m_series);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_cost, &QComboBox::currentIndexChanged, this, &TradeoffView::updateScatter);
    connect(m_quality, &QComboBox::currentIndexChanged, this, &TradeoffView::updateScatter);
    connect(m_scatter, &QCustomPlot::afterLayout, this, &TradeoffView::placeLabels);
}

void TradeoffView::setRuns(const QVector<ComparedRun> &runs)
{
    m_runs = runs;
    updateScatter();
    updateSeries();
}

void TradeoffView::updateScatter()
{
    m_scatter->clearPlottables();
    m_scatter->clearItems();
    m_labels.clear();
    m_front.clear();
    const QString costKey = m_cost->currentData().toString();
    const QString qualityKey = m_quality->currentData().toString();
    const MetricInfo cost = metricInfo(costKey), quality = metricInfo(qualityKey);
    m_scatter->xAxis->setLabel(axisLabel(cost));
    m_scatter->yAxis->setLabel(axisLabel(quality));

    std::vector<TradeoffPoint> points;
    QVector<int> runOfPoint;
    for (int i = 0; i < m_runs.size(); ++i) {
        const auto c = m_runs.at(i).metrics.constFind(costKey);
        const auto q = m_runs.at(i).metrics.constFind(qualityKey);
        if (c == m_runs.at(i).metrics.constEnd() || q == m_runs.at(i).metrics.constEnd())
            continue;
        points.push_back({scaled(cost, *c), scaled(quality, *q)});
        runOfPoint << i;
    }
    if (points.empty()) {
        auto *note = new QCPItemText(m_scatter);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setText(tr("No run has both %1 and %2.").arg(cost.label, quality.label));
        m_scatter->xAxis->setRange(0, 1);
        m_scatter->yAxis->setRange(0, 1);
        m_scatter->replot();
        return;
    }
    QVector<double> xs, ys;
    double x0 = points[0].cost, x1 = x0, y0 = points[0].quality, y1 = y0;
    for (const auto &p : points) {
        xs << p.cost;
        ys << p.quality;
        x0 = qMin(x0, p.cost), x1 = qMax(x1, p.cost), y0 = qMin(y0, p.quality), y1 = qMax(y1, p.quality);
    }
    const std::vector<int> front = paretoFront(points);
    auto *line = m_scatter->addGraph();
    line->setName(tr("Pareto front"));
    QVector<double> fx, fy;
    for (int i : front) {
        fx << points[size_t(i)].cost;
        fy << points[size_t(i)].quality;
        m_front << m_runs.at(runOfPoint.at(i)).id;
    }
    line->setData(fx, fy, true);
    line->setLineStyle(QCPGraph::lsStepLeft);
    line->setPen(QPen(QColor(0x1b, 0x7f, 0x3b), 1.5, Qt::DashLine));
    auto *dots = m_scatter->addGraph();
    dots->setName(tr("runs"));
    dots->setData(xs, ys);
    dots->setLineStyle(QCPGraph::lsNone);
    dots->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0x1f, 0x6f, 0xb4)), QColor(0x1f, 0x6f, 0xb4), 7));
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ComparedRun &r = m_runs.at(runOfPoint.at(int(i)));
        auto *label = new QCPItemText(m_scatter);
        label->position->setCoords(points[i].cost, points[i].quality);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(2, 0, 2, 0));
        label->setText(tr("#%1 %2").arg(r.id).arg(r.name.left(20)));
        label->setFont(QFont(font().family(), 8));
        auto *leader = new QCPItemLine(m_scatter);
        leader->setPen(QPen(QColor(0x88, 0x88, 0x88), 0.8));
        leader->setVisible(false);
        m_labels.push_back({label, leader, points[i].cost, points[i].quality});
    }
    const double padX = qMax(1e-6, (x1 - x0) * 0.15), padY = qMax(0.5, (y1 - y0) * 0.2);
    m_scatter->xAxis->setRange(qMax(0.0, x0 - padX), x1 + padX * 2.5); // room for labels on the right
    m_scatter->yAxis->setRange(y0 - padY, y1 + padY);
    m_scatter->replot();
}

void TradeoffView::placeLabels()
{
    if (m_labels.empty())
        return;
    QCPAxis *xAxis = m_scatter->xAxis, *yAxis = m_scatter->yAxis;
    const QRectF area = m_scatter->axisRect()->rect();
    constexpr double kDot = 5, kGap = 6;
    // Points are obstacles too: a label must not cover another run's point.
    std::vector<QRectF> taken;
    std::vector<std::size_t> order(m_labels.size());
    for (std::size_t i = 0; i < m_labels.size(); ++i) {
        const QPointF p(xAxis->coordToPixel(m_labels[i].x), yAxis->coordToPixel(m_labels[i].y));
        taken.emplace_back(p.x() - kDot, p.y() - kDot, 2 * kDot, 2 * kDot);
        order[i] = i;
    }
    // Left to right, top to bottom: crowded clusters fan out the same way every time.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::make_pair(m_labels[a].x, -m_labels[a].y) < std::make_pair(m_labels[b].x, -m_labels[b].y);
    });
    auto isFree = [&](const QRectF &r) {
        if (!area.contains(r))
            return false;
        return std::none_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(r); });
    };
    for (std::size_t i : order) {
        PointLabel &l = m_labels[i];
        const QPointF p(xAxis->coordToPixel(l.x), yAxis->coordToPixel(l.y));
        const QFontMetricsF fm(l.text->font());
        const QSizeF size(fm.horizontalAdvance(l.text->text()) + 4, fm.height());
        auto rectAt = [&](bool right, int step) {
            const double left = right ? p.x() + kGap : p.x() - kGap - size.width();
            return QRectF(QPointF(left, p.y() - size.height() / 2 + step * size.height()), size);
        };
        QRectF chosen = rectAt(true, 0);
        bool right = true, found = false;
        // Beside the point first, then one line up or down at a time, right before left.
        for (int k = 0; k <= 12 && !found; ++k) {
            const int step = (k + 1) / 2 * (k % 2 ? -1 : 1);
            for (bool side : {true, false}) {
                const QRectF r = rectAt(side, step);
                if (isFree(r)) {
                    chosen = r, right = side, found = true;
                    break;
                }
            }
        }
        taken.push_back(chosen);
        l.text->position->setCoords(xAxis->pixelToCoord(chosen.left()), yAxis->pixelToCoord(chosen.center().y()));
        // A label moved off its point's line gets a leader line back to the point.
        const bool displaced = std::abs(chosen.center().y() - p.y()) > 1;
        l.leader->setVisible(displaced);
        if (displaced) {
            const QPointF end(right ? chosen.left() : chosen.right(), chosen.center().y());
            l.leader->start->setCoords(l.x, l.y);
            l.leader->end->setCoords(xAxis->pixelToCoord(end.x()), yAxis->pixelToCoord(end.y()));
        }
    }
}

void TradeoffView::updateSeries()
{
    m_series->clearPlottables();
    double hi = 0;
    int maxStep = 0;
    try {
        int colour = 0;
        for (const ComparedRun &r : m_runs) {
            QVector<double> steps, values;
            for (const auto &p : m_store->series(r.id, "latency_ms")) {
                steps << double(p.step);
                values << p.value;
                hi = qMax(hi, p.value);
                maxStep = qMax(maxStep, int(p.step));
            }
            if (values.isEmpty())
                continue;
            auto *g = m_series->addGraph();
            g->setName(tr("#%1 %2").arg(r.id).arg(r.name.left(20)));
            g->setData(steps, values, true);
            g->setPen(QPen(kPalette[colour++ % 8], 1.5));
        }
    } catch (const std::exception &e) {
        emit errorOccurred(tr("Could not read the latency series: %1").arg(QString::fromStdString(e.what())));
    }
    m_series->xAxis->setRange(-0.5, maxStep + 0.5);
    m_series->yAxis->setRange(0, hi > 0 ? hi * 1.15 : 1);
    m_series->replot();
}

} // namespace optibench::ui
