#include "ui/charts/parallelcoords.h"

#include "ui/charts/chartexport.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace optibench::ui {

namespace {
constexpr double kClickPixels = 5;
const QColor kSelected(0xe0, 0x7b, 0x00);

double segmentDistance(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}
} // namespace

// Every row's line in one plottable: thousands of QCPGraphs would not draw at interactive speed.
class ParallelLines : public QCPAbstractPlottable {
public:
    ParallelLines(QCPAxis *keyAxis, QCPAxis *valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis)
    {
        setSelectable(QCP::stNone);
    }
    std::vector<std::vector<double>> positions;
    std::vector<bool> selected;
    int axes = 0;

    QPolygonF polyline(std::size_t line, int from, int *next) const
    {
        QPolygonF out;
        int k = from;
        for (; k < axes && std::isnan(positions[line][std::size_t(k)]); ++k) {}
        for (; k < axes && !std::isnan(positions[line][std::size_t(k)]); ++k)
            out << coordsToPixels(k, positions[line][std::size_t(k)]);
        *next = k;
        return out;
    }

    double selectTest(const QPointF &, bool, QVariant *) const override { return -1; }
    QCPRange getKeyRange(bool &found, QCP::SignDomain) const override
    {
        found = axes > 0;
        return QCPRange(0, qMax(1, axes - 1));
    }
    QCPRange getValueRange(bool &found, QCP::SignDomain, const QCPRange &) const override
    {
        found = true;
        return QCPRange(0, 1);
    }

protected:
    void draw(QCPPainter *painter) override
    {
        const std::size_t n = positions.size();
        // Fainter lines the more there are, so that dense bundles still show their spread.
        const int alpha = int(std::clamp(4000.0 / double(qMax<std::size_t>(n, 1)), 5.0, 170.0));
        painter->setAntialiasing(n < 3000);
        for (bool drawSelected : {false, true}) {
            painter->setPen(drawSelected ? QPen(kSelected, 2.0) : QPen(QColor(0x1f, 0x6f, 0xb4, alpha), 1.0));
            for (std::size_t i = 0; i < n; ++i) {
                if (selected[i] != drawSelected)
                    continue;
                for (int k = 0; k < axes;) {
                    const QPolygonF line = polyline(i, k, &k);
                    if (line.size() > 1)
                        painter->drawPolyline(line);
                }
            }
        }
    }
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override
    {
        painter->setPen(QPen(QColor(0x1f, 0x6f, 0xb4), 1.5));
        painter->drawLine(QLineF(rect.left(), rect.center().y(), rect.right(), rect.center().y()));
    }
};

ParallelCoordinates::ParallelCoordinates(QWidget *parent)
    : QCustomPlot(parent), m_lines(new ParallelLines(xAxis, yAxis))
{
    setObjectName(QStringLiteral("parallelCoordinates"));
    plotLayout()->insertRow(0);
    plotLayout()
        ->addElement(0, 0,
                     new QCPTextElement(this,
                                        tr("Parallel coordinates: the toggles, then the metrics (low at the bottom)"),
                                        QFont(font().family(), 10, QFont::Bold)));
    setWindowTitle(tr("Parallel coordinates"));
    for (QCPAxis *axis : {xAxis, yAxis}) {
        axis->setTicks(false);
        axis->setTickLabels(false);
        axis->setBasePen(Qt::NoPen);
        axis->grid()->setVisible(false);
    }
    yAxis->setRange(-0.08, 1.12);
    setMinimumHeight(220);
    installExportMenu(this);
    connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
        if (event->button() != Qt::LeftButton)
            return;
        const int row = nearestRow(event->position());
        if (row >= 0)
            emit rowsClicked({row}, event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier));
    });
}

void ParallelCoordinates::setLines(const QVector<ParallelAxis> &axes, const std::vector<std::vector<double>> &positions,
                                   const QVector<int> &rows)
{
    m_positions = positions;
    m_rows = rows;
    m_lines->positions = positions;
    m_lines->selected.assign(positions.size(), false);
    m_lines->axes = int(axes.size());
    clearItems();
    const QFont small(font().family(), 8);
    auto text = [&](double x, double y, const QString &s, Qt::Alignment align, bool bold = false) {
        auto *t = new QCPItemText(this);
        t->position->setCoords(x, y);
        t->setPositionAlignment(align);
        t->setText(s);
        t->setFont(bold ? QFont(font().family(), 8, QFont::Bold) : small);
        t->setBrush(QColor(255, 255, 255, 210));
        t->setPadding(QMargins(2, 0, 2, 0));
        t->setClipToAxisRect(false);
    };
    for (int k = 0; k < axes.size(); ++k) {
        auto *line = new QCPItemLine(this);
        line->start->setCoords(k, 0);
        line->end->setCoords(k, 1);
        line->setPen(QPen(QColor(0x40, 0x40, 0x40), 1.2));
        const ParallelAxis &a = axes.at(k);
        text(k, 1.03, a.title, Qt::AlignHCenter | Qt::AlignBottom, true);
        if (a.categories.isEmpty()) {
            text(k, 0, a.low, Qt::AlignLeft | Qt::AlignVCenter);
            text(k, 1, a.high, Qt::AlignLeft | Qt::AlignVCenter);
            continue;
        }
        const int n = int(a.categories.size());
        for (int c = 0; c < n; ++c)
            text(k, n == 1 ? 0.5 : double(c) / (n - 1), a.categories.at(c), Qt::AlignLeft | Qt::AlignVCenter);
    }
    xAxis->setRange(-0.25, qMax(1, int(axes.size()) - 1) + 0.45); // room for the last axis' labels
    replot();
}

void ParallelCoordinates::setSelectedRows(const QVector<int> &rows)
{
    for (int i = 0; i < m_rows.size(); ++i)
        m_lines->selected[std::size_t(i)] = rows.contains(m_rows.at(i));
    replot(QCustomPlot::rpQueuedReplot);
}

int ParallelCoordinates::lineCount() const
{
    return int(m_positions.size());
}

int ParallelCoordinates::selectedLineCount() const
{
    return int(std::count(m_lines->selected.begin(), m_lines->selected.end(), true));
}

QPointF ParallelCoordinates::linePixel(int row, int axis) const
{
    const int i = int(m_rows.indexOf(row));
    if (i < 0)
        return {-1, -1};
    return {xAxis->coordToPixel(axis), yAxis->coordToPixel(m_positions[std::size_t(i)][std::size_t(axis)])};
}

int ParallelCoordinates::nearestRow(const QPointF &pixel) const
{
    double best = std::numeric_limits<double>::max();
    int row = -1;
    for (std::size_t i = 0; i < m_positions.size(); ++i) {
        for (int k = 0; k < m_lines->axes;) {
            const QPolygonF line = m_lines->polyline(i, k, &k);
            for (int s = 1; s < line.size(); ++s) {
                const double d = segmentDistance(pixel, line.at(s - 1), line.at(s));
                if (d < best)
                    best = d, row = m_rows.at(int(i));
            }
        }
    }
    return best <= kClickPixels ? row : -1;
}

} // namespace optibench::ui
