#include "ui/charts/tradeoffview.h"

#include "app/core/recommend.h"
#include "app/core/store.h"
#include "ui/charts/chartexport.h"
#include "ui/models/comparisonmodel.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>
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
    // The costs and qualities a recommendation weighs (app/core/recommend.h).
    for (const auto &c : core::costTable())
        m_cost->addItem(metricInfo(QLatin1String(c.metric)).label, QLatin1String(c.metric));
    for (const auto &key : core::qualityMetrics())
        m_quality->addItem(metricInfo(QString::fromStdString(key)).label, QString::fromStdString(key));
    setTitle(m_scatter, tr("Cost against quality, with 95% intervals (line: Pareto front)"));
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

void TradeoffView::setRuns(const QVector<ComparedRun> &runs, int baseline)
{
    m_runs = runs;
    m_figures.clear();
    m_runLabels.clear();
    const std::string base = runs.isEmpty() ? std::string() : fromQ(runs.value(baseline, runs.front()).specJson);
    for (const auto &r : runs) {
        m_figures.push_back(figuresOf(r));
        QString what = toQ(core::configurationLabel(fromQ(r.specJson), base));
        if (what.size() > 30)
            what = what.left(29) + QStringLiteral("…");
        m_runLabels << tr("#%1 %2").arg(r.id).arg(what);
    }
    updateScatter();
    updateSeries();
}

// Each run's point with its intervals, in the axes' units (MiB, %), for the runs that have both.
std::vector<TradeoffView::Point> TradeoffView::points(const QString &costKey, const QString &qualityKey) const
{
    const MetricInfo cost = metricInfo(costKey), quality = metricInfo(qualityKey);
    std::vector<Point> out;
    for (int i = 0; i < m_runs.size(); ++i) {
        const auto c = core::figureOf(fromQ(costKey), m_figures[std::size_t(i)]);
        const auto q = core::figureOf(fromQ(qualityKey), m_figures[std::size_t(i)]);
        if (!c || !q)
            continue;
        auto range = [](const MetricInfo &info, const core::Figure &f) {
            const auto iv = f.interval.value_or(stats::Interval{f.value, f.value});
            return std::array<double, 3>{plotValue(info, f.value), plotValue(info, iv.lo), plotValue(info, iv.hi)};
        };
        out.push_back({i, range(cost, *c), range(quality, *q)});
    }
    return out;
}

// The front from the intervals (core::paretoFront), with a cost that is better higher
// (throughput) or a quality that is better lower (perplexity) turned round first.
std::vector<std::size_t> TradeoffView::front(const std::vector<Point> &points, const MetricInfo &cost,
                                             const MetricInfo &quality)
{
    const double c = cost.better == Better::Higher ? -1 : 1, q = quality.better == Better::Lower ? -1 : 1;
    std::vector<core::TradeoffPoint> turned;
    for (const auto &p : points)
        turned.push_back({c * p.cost[0], std::min(c * p.cost[1], c * p.cost[2]), std::max(c * p.cost[1], c * p.cost[2]),
                          q * p.quality[0], std::min(q * p.quality[1], q * p.quality[2]),
                          std::max(q * p.quality[1], q * p.quality[2])});
    return core::paretoFront(turned);
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
    m_scatter->xAxis->setLabel(plotAxisLabel(cost));
    m_scatter->yAxis->setLabel(plotAxisLabel(quality));

    const auto pts = points(costKey, qualityKey);
    if (pts.empty()) {
        auto *note = new QCPItemText(m_scatter);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setText(tr("No run has both %1 and %2.").arg(cost.label, quality.label));
        m_scatter->xAxis->setRange(0, 1);
        m_scatter->yAxis->setRange(0, 1);
        m_scatter->replot();
        return;
    }
    drawFront(pts, front(pts, cost, quality), cost.better == Better::Higher);
    drawPoints(pts);
    double x0 = pts[0].cost[1], x1 = pts[0].cost[2], y0 = pts[0].quality[1], y1 = pts[0].quality[2];
    for (const auto &p : pts) {
        x0 = qMin(x0, p.cost[1]), x1 = qMax(x1, p.cost[2]);
        y0 = qMin(y0, p.quality[1]), y1 = qMax(y1, p.quality[2]);
    }
    const double padX = qMax(1e-6, (x1 - x0) * 0.15), padY = qMax(0.5, (y1 - y0) * 0.2);
    m_scatter->xAxis->setRange(qMax(0.0, x0 - padX), x1 + padX * 2.5); // room for labels on the right
    m_scatter->yAxis->setRange(y0 - padY, y1 + padY);
    m_scatter->replot();
}

void TradeoffView::drawFront(const std::vector<Point> &pts, const std::vector<std::size_t> &front, bool higherCost)
{
    auto *line = m_scatter->addGraph();
    line->setName(tr("Pareto front"));
    QVector<double> fx, fy;
    for (auto i : front) {
        fx << pts[i].cost[0];
        fy << pts[i].quality[0];
        m_front << m_runs.at(pts[i].run).id;
    }
    line->setData(fx, fy);
    line->setLineStyle(higherCost ? QCPGraph::lsStepRight : QCPGraph::lsStepLeft);
    line->setPen(QPen(QColor(0x1b, 0x7f, 0x3b), 1.5, Qt::DashLine));
}

// The runs' points with their 95% intervals as error bars on both axes, and their labels.
void TradeoffView::drawPoints(const std::vector<Point> &pts)
{
    const QColor blue(0x1f, 0x6f, 0xb4);
    auto *dots = m_scatter->addGraph();
    dots->setName(tr("runs"));
    QVector<double> xs, ys, xLo, xHi, yLo, yHi;
    for (const auto &p : pts) {
        xs << p.cost[0], ys << p.quality[0];
        xLo << p.cost[0] - p.cost[1], xHi << p.cost[2] - p.cost[0];
        yLo << p.quality[0] - p.quality[1], yHi << p.quality[2] - p.quality[0];
    }
    dots->setData(xs, ys);
    dots->setLineStyle(QCPGraph::lsNone);
    dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(blue), blue, 7));
    for (auto type : {QCPErrorBars::etKeyError, QCPErrorBars::etValueError}) {
        auto *bars = new QCPErrorBars(m_scatter->xAxis, m_scatter->yAxis);
        bars->removeFromLegend();
        bars->setErrorType(type);
        bars->setDataPlottable(dots);
        bars->setData(type == QCPErrorBars::etKeyError ? xLo : yLo, type == QCPErrorBars::etKeyError ? xHi : yHi);
        bars->setPen(QPen(QColor(0x1f, 0x6f, 0xb4, 150), 1));
        bars->setWhiskerWidth(5);
    }
    for (const auto &p : pts) {
        auto *label = new QCPItemText(m_scatter);
        label->position->setCoords(p.cost[0], p.quality[0]);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(2, 0, 2, 0));
        label->setText(m_runLabels.value(p.run));
        label->setFont(QFont(font().family(), 8));
        auto *leader = new QCPItemLine(m_scatter);
        leader->setPen(QPen(QColor(0x88, 0x88, 0x88), 0.8));
        leader->setVisible(false);
        m_labels.push_back({label, leader, p.cost[0], p.quality[0]});
    }
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
        for (int i = 0; i < m_runs.size(); ++i) {
            const ComparedRun &r = m_runs.at(i);
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
            g->setName(m_runLabels.value(i));
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
