#include "ui/charts/labellayout.h"

#include <QFontMetricsF>

#include <algorithm>
#include <numeric>

namespace optibench::ui {

QVector<PlacedLabel> layOutLabels(const QVector<LabelSlot> &wanted, const QFontMetricsF &metrics, double right,
                                  double maxWidth, double gap)
{
    QVector<int> order(wanted.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&wanted](int a, int b) { return wanted[a].centre < wanted[b].centre; });
    const double height = metrics.height();
    QVector<PlacedLabel> placed;
    double lastBottom = -1e300;
    for (int i : order) {
        const double top = wanted[i].centre - height / 2;
        if (top < lastBottom + gap)
            continue;
        const QString text = metrics.elidedText(wanted[i].text, Qt::ElideMiddle, maxWidth);
        const double width = metrics.horizontalAdvance(text);
        placed.push_back({i, QRectF(right - width, top, width, height), text});
        lastBottom = top + height;
    }
    return placed;
}

} // namespace optibench::ui
