#pragma once
// Which of a column of labels to draw so that no two overlap: labels one above the other (the
// bars of a chart), each centred on its bar, all of one height. Kept are the first label and
// then each next one that clears the last kept by the gap; the rest are left to the tooltip.
#include <QRectF>
#include <QString>
#include <QVector>

class QFontMetricsF;

namespace optibench::ui {

struct LabelSlot {
    double centre = 0; // pixel position of the label's bar, across the labels' direction
    QString text;
};

struct PlacedLabel {
    int slot = 0; // index into the labels asked for
    QRectF rect;  // where it is drawn, right-aligned at `right`
    QString text; // elided to the width
};

// The labels to draw, right-aligned at pixel x `right`, each at most `maxWidth` wide (longer
// texts are elided in the middle), `gap` pixels apart at least. Slots may come in any order.
QVector<PlacedLabel> layOutLabels(const QVector<LabelSlot> &wanted, const QFontMetricsF &metrics, double right,
                                  double maxWidth, double gap = 1);

} // namespace optibench::ui
