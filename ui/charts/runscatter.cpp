#include "ui/charts/runscatter.h"

#include "app/core/recommend.h"
#include "ui/charts/chartexport.h"

#include <QToolTip>

#include <algorithm>
#include <numeric>

namespace optibench::ui {

namespace {
const QColor kPoint(0x1f, 0x6f, 0xb4, 150), kSelected(0xe0, 0x7b, 0x00), kFront(0x1b, 0x7f, 0x3b);
constexpr double kHoverPixels = 8;
} // namespace

RunScatter::RunScatter(QWidget *parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("runScatter"));
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0,
                             new QCPTextElement(this, tr("Cost against quality (line: Pareto front of the values)"),
                                                QFont(font().family(), 10, QFont::Bold)));
    setWindowTitle(tr("Cost against quality"));
    setMinimumHeight(220);
    setInteractions(QCP::iRangeZoom | QCP::iSelectPlottables | QCP::iMultiSelect);
    setMultiSelectModifier(Qt::ControlModifier);
    setSelectionRectMode(QCP::srmSelect); // dragging a rectangle selects the points in it
    setMouseTracking(true);
    installExportMenu(this);

    m_front = addGraph();
    m_front->setName(tr("Pareto front"));
    m_front->setPen(QPen(kFront, 1.5, Qt::DashLine));
    m_front->setSelectable(QCP::stNone);
    m_points = addGraph();
    m_points->setName(tr("runs"));
    m_points->setLineStyle(QCPGraph::lsNone);
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kPoint, kPoint, 5));
    m_points->setSelectable(QCP::stMultipleDataRanges);
    m_points->selectionDecorator()->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kSelected, kSelected, 8),
                                                    QCPScatterStyle::spAll);
    m_baseline = addGraph();
    m_baseline->setName(tr("baseline"));
    m_baseline->setLineStyle(QCPGraph::lsNone);
    m_baseline->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.5), Qt::gray, 11));
    m_baseline->setSelectable(QCP::stNone);
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    legend->setBrush(QColor(255, 255, 255, 200));
    // Bottom right: where a cost-against-quality chart is emptiest (dear and poor).
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);

    connect(m_points, qOverload<const QCPDataSelection &>(&QCPGraph::selectionChanged), this, [this] {
        if (!m_settingSelection)
            emit rowsSelected(selectedRows());
    });
    connect(this, &QCustomPlot::mouseMove, this, &RunScatter::showToolTip);
}

void RunScatter::setPoints(const QVector<ScatterPoint> &points, const MetricInfo &cost, const MetricInfo &quality)
{
    QVector<ScatterPoint> pts = points;
    std::stable_sort(pts.begin(), pts.end(), [](const auto &a, const auto &b) { return a.cost < b.cost; });
    QVector<double> xs, ys, bx, by;
    m_rows.clear();
    for (const ScatterPoint &p : pts) {
        xs << plotValue(cost, p.cost), ys << plotValue(quality, p.quality);
        m_rows << p.row;
        if (p.baseline)
            bx << xs.constLast(), by << ys.constLast();
    }
    {
        const QSignalBlocker block(m_points);
        m_points->setData(xs, ys, true);
        m_points->setSelection(QCPDataSelection());
    }
    m_baseline->setData(bx, by, true);
    drawFront(pts, cost, quality);
    xAxis->setLabel(plotAxisLabel(cost));
    yAxis->setLabel(plotAxisLabel(quality));
    if (!xs.isEmpty()) {
        const auto [x0, x1] = std::minmax_element(xs.begin(), xs.end());
        const auto [y0, y1] = std::minmax_element(ys.begin(), ys.end());
        const double padX = qMax(1e-6, (*x1 - *x0) * 0.05), padY = qMax(1e-6, (*y1 - *y0) * 0.08);
        xAxis->setRange(qMax(0.0, *x0 - padX), *x1 + padX);
        yAxis->setRange(*y0 - padY, *y1 + padY);
    }
    replot();
}

// The front of the values (zero-width intervals) with a cost that is better higher or a quality
// that is better lower turned round, as core::paretoFront reads them.
void RunScatter::drawFront(const QVector<ScatterPoint> &pts, const MetricInfo &cost, const MetricInfo &quality)
{
    const double c = cost.better == Better::Higher ? -1 : 1, q = quality.better == Better::Lower ? -1 : 1;
    std::vector<core::TradeoffPoint> turned;
    for (const ScatterPoint &p : pts)
        turned.push_back({c * p.cost, c * p.cost, c * p.cost, q * p.quality, q * p.quality, q * p.quality});
    QVector<double> fx, fy;
    m_frontRows.clear();
    for (std::size_t i : core::paretoFront(turned)) {
        fx << plotValue(cost, pts[int(i)].cost), fy << plotValue(quality, pts[int(i)].quality);
        m_frontRows << pts[int(i)].row;
    }
    m_front->setData(fx, fy);
    m_front->setLineStyle(cost.better == Better::Higher ? QCPGraph::lsStepRight : QCPGraph::lsStepLeft);
}

void RunScatter::setSelectedRows(const QVector<int> &rows)
{
    QCPDataSelection selection;
    for (int i = 0; i < m_rows.size(); ++i)
        if (rows.contains(m_rows.at(i)))
            selection.addDataRange(QCPDataRange(i, i + 1), false);
    selection.simplify();
    m_settingSelection = true;
    m_points->setSelection(selection);
    m_settingSelection = false;
    replot(QCustomPlot::rpQueuedReplot);
}

QVector<int> RunScatter::selectedRows() const
{
    QVector<int> rows;
    for (const QCPDataRange &range : m_points->selection().dataRanges())
        for (int i = range.begin(); i < range.end(); ++i)
            rows << m_rows.at(i);
    std::sort(rows.begin(), rows.end());
    return rows;
}

QPointF RunScatter::pointPixel(int row) const
{
    const int i = int(m_rows.indexOf(row));
    if (i < 0)
        return {-1, -1};
    const auto it = m_points->data()->at(i);
    return {xAxis->coordToPixel(it->key), yAxis->coordToPixel(it->value)};
}

void RunScatter::showToolTip(QMouseEvent *event)
{
    if (event->buttons() != Qt::NoButton)
        return;
    QVariant details;
    const double distance = m_points->selectTest(event->position(), false, &details);
    const auto selection = details.value<QCPDataSelection>();
    if (distance < 0 || distance > kHoverPixels || selection.isEmpty() || !m_describe) {
        QToolTip::hideText();
        return;
    }
    const int index = selection.dataRange().begin();
    if (index >= 0 && index < m_rows.size())
        QToolTip::showText(event->globalPosition().toPoint(), m_describe(m_rows.at(index)), this);
}

} // namespace optibench::ui
