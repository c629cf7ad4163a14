#include "ui/charts/rankedbars.h"

#include "ui/charts/chartexport.h"

#include <QToolTip>

#include <cmath>

namespace optibench::ui {

namespace {
constexpr int kLabelRoom = 300; // pixels left of the axis rect for the labels
const QColor kBar(0x1f, 0x6f, 0xb4, 200), kSelected(0xe0, 0x7b, 0x00, 230), kBaseline(0x80, 0x80, 0x80, 200);

QCPBars *addBars(QCustomPlot *plot, const QColor &colour)
{
    auto *bars = new QCPBars(plot->yAxis, plot->xAxis); // horizontal: the key runs down
    bars->setWidth(0.7);
    bars->setBrush(colour);
    bars->setPen(Qt::NoPen);
    bars->setSelectable(QCP::stNone);
    return bars;
}
} // namespace

RankedBarsChart::RankedBarsChart(QWidget *parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("rankedBars"));
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, new QCPTextElement(this, QString(), QFont(font().family(), 10, QFont::Bold)));
    axisRect()->setAutoMargins(QCP::msTop | QCP::msRight | QCP::msBottom);
    axisRect()->setMargins(QMargins(kLabelRoom, 0, 0, 0));
    yAxis->setRangeReversed(true); // best at the top
    yAxis->setTicks(false);
    yAxis->setTickLabels(false);
    yAxis->grid()->setVisible(false);
    setMinimumHeight(220);
    installExportMenu(this);
    connect(this, &QCustomPlot::afterLayout, this, &RankedBarsChart::placeLabels);
    connect(this, &QCustomPlot::mouseMove, this, &RankedBarsChart::showToolTip);
    connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
        const int bar = barAt(event->position().y());
        if (bar >= 0 && event->button() == Qt::LeftButton)
            emit rowsClicked({m_bars.at(bar).row}, event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier));
    });
}

void RankedBarsChart::setBars(const QVector<RankedBar> &best, const QVector<RankedBar> &worst, int omitted, int total,
                              const MetricInfo &info, double baselineValue)
{
    m_bars = best + worst;
    m_info = info;
    m_total = total;
    m_baselineValue = baselineValue;
    m_keys.clear();
    for (int i = 0; i < best.size(); ++i)
        m_keys << i + 1;
    m_gapKey = omitted > 0 ? best.size() + 1 : 0;
    const double next = best.size() + (omitted > 0 ? 2 : 1);
    for (int i = 0; i < worst.size(); ++i)
        m_keys << next + i;
    clearItems();
    m_labels.clear();
    for (const RankedBar &b : std::as_const(m_bars)) {
        auto *label = new QCPItemText(this);
        label->setClipToAxisRect(false);
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins());
        label->setFont(QFont(font().family(), 8));
        label->setText(b.label);
        m_labels << label;
    }
    m_gapText = nullptr;
    if (omitted > 0) {
        m_gapText = new QCPItemText(this);
        m_gapText->position->setType(QCPItemPosition::ptPlotCoords);
        m_gapText->position->setCoords(0, m_gapKey); // x = 0, on the gap's line
        m_gapText->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        m_gapText->setColor(QColor(0x60, 0x60, 0x60));
        m_gapText->setText(tr("… %n row(s) between, not shown", nullptr, omitted));
    }
    m_baselineLine = nullptr;
    if (std::isfinite(baselineValue)) {
        m_baselineLine = new QCPItemStraightLine(this);
        m_baselineLine->point1->setCoords(plotValue(info, baselineValue), 0);
        m_baselineLine->point2->setCoords(plotValue(info, baselineValue), 1);
        m_baselineLine->setPen(QPen(QColor(0x40, 0x40, 0x40), 1, Qt::DashLine));
    }
    rebuild();
}

void RankedBarsChart::setSelectedRows(const QVector<int> &rows)
{
    m_selected = rows;
    rebuild();
}

void RankedBarsChart::rebuild()
{
    clearPlottables();
    QCPBars *plain = addBars(this, kBar), *selected = addBars(this, kSelected), *base = addBars(this, kBaseline);
    QVector<double> lows, highs;
    double maxValue = 0;
    for (int i = 0; i < m_bars.size(); ++i) {
        const RankedBar &b = m_bars.at(i);
        const double v = plotValue(m_info, b.value);
        QCPBars *target = m_selected.contains(b.row) ? selected : b.baseline ? base : plain;
        target->addData(m_keys.at(i), v);
        maxValue = qMax(maxValue, plotValue(m_info, b.hi));
    }
    // Whiskers over all bars, from one plottable that holds every bar's value.
    auto *all = addBars(this, Qt::transparent);
    for (int i = 0; i < m_bars.size(); ++i) {
        const RankedBar &b = m_bars.at(i);
        const double v = plotValue(m_info, b.value);
        all->addData(m_keys.at(i), v);
        lows << v - plotValue(m_info, b.lo);
        highs << plotValue(m_info, b.hi) - v;
    }
    auto *whiskers = new QCPErrorBars(yAxis, xAxis);
    whiskers->setDataPlottable(all);
    whiskers->setData(lows, highs);
    whiskers->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.1));
    whiskers->setWhiskerWidth(6);
    if (std::isfinite(m_baselineValue))
        maxValue = qMax(maxValue, plotValue(m_info, m_baselineValue));
    xAxis->setRange(0, maxValue > 0 ? maxValue * 1.12 : 1);
    yAxis->setRange(0.4, (m_keys.isEmpty() ? 1 : m_keys.constLast()) + 0.6);
    xAxis->setLabel(plotAxisLabel(m_info));
    if (auto *title = qobject_cast<QCPTextElement *>(plotLayout()->element(0, 0))) {
        const QString better = m_info.better == Better::Lower ? tr("lower is better")
            : m_info.better == Better::Higher                 ? tr("higher is better")
                                                              : QString();
        QString text = m_bars.isEmpty() ? tr("No row has %1").arg(m_info.label)
                                        : tr("%1: best and worst of %n row(s)", nullptr, m_total).arg(m_info.label);
        if (!better.isEmpty() && !m_bars.isEmpty())
            text += tr(" — %1; whiskers: 95% interval; dashed: the baseline").arg(better);
        title->setText(text);
    }
    setWindowTitle(m_info.label);
    replot();
}

void RankedBarsChart::placeLabels()
{
    QVector<LabelSlot> wanted;
    for (int i = 0; i < m_bars.size(); ++i)
        wanted.push_back({yAxis->coordToPixel(m_keys.at(i)),
                          m_bars.at(i).baseline ? tr("%1 (baseline)").arg(m_bars.at(i).label) : m_bars.at(i).label});
    const QRect area = axisRect()->rect();
    const QFontMetricsF metrics(QFont(font().family(), 8));
    m_placed = layOutLabels(wanted, metrics, area.left() - 6, kLabelRoom - 14);
    for (QCPItemText *label : std::as_const(m_labels))
        label->setVisible(false);
    for (const PlacedLabel &p : std::as_const(m_placed)) {
        QCPItemText *label = m_labels.at(p.slot);
        label->setText(p.text);
        label->position->setCoords(p.rect.topLeft());
        label->setVisible(true);
    }
}

double RankedBarsChart::barCentre(int row) const
{
    for (int i = 0; i < m_bars.size(); ++i)
        if (m_bars.at(i).row == row)
            return yAxis->coordToPixel(m_keys.at(i));
    return -1;
}

int RankedBarsChart::barAt(double pixelY) const
{
    const double key = yAxis->pixelToCoord(pixelY);
    for (int i = 0; i < m_keys.size(); ++i)
        if (std::abs(m_keys.at(i) - key) <= 0.5)
            return i;
    return -1;
}

void RankedBarsChart::showToolTip(QMouseEvent *event)
{
    const int bar = barAt(event->position().y());
    if (bar < 0) {
        QToolTip::hideText();
        return;
    }
    const RankedBar &b = m_bars.at(bar);
    QString tip = b.label + QLatin1Char('\n') + m_info.label + QStringLiteral(": ") + formatMetric(m_info.key, b.value);
    if (b.lo != b.hi)
        tip += tr(", 95% interval %1 to %2").arg(formatMetric(m_info.key, b.lo), formatMetric(m_info.key, b.hi));
    QToolTip::showText(event->globalPosition().toPoint(), tip, this);
}

} // namespace optibench::ui
