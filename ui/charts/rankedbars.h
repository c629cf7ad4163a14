#pragma once
// A metric's best and worst rows of a comparison at scale as horizontal bars, best at the top,
// each with its 95% interval as whiskers and the baseline's value as a line; between the two
// blocks, how many rows are left out. Labels sit left of their bars and never overlap
// (layOutLabels); a label that does not fit is in the bar's tooltip. A click on a bar selects
// its row.
#include "ui/charts/labellayout.h"
#include "ui/models/metricinfo.h"

#include <qcustomplot.h>

#include <QVector>

namespace optibench::ui {

struct RankedBar {
    int row = 0; // the row in the comparison's model
    QString label;
    double value = 0, lo = 0, hi = 0; // in the metric's unit; lo, hi: the interval
    bool baseline = false;
};

class RankedBarsChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit RankedBarsChart(QWidget *parent = nullptr);
    // best: best first; worst: the worst last; omitted: the rows between them not shown.
    // total: every row, for the title. baselineValue: NaN for none.
    void setBars(const QVector<RankedBar> &best, const QVector<RankedBar> &worst, int omitted, int total,
                 const MetricInfo &info, double baselineValue);
    void setSelectedRows(const QVector<int> &rows);
    // The labels drawn at the last layout, in pixels of this widget.
    const QVector<PlacedLabel> &placedLabels() const { return m_placed; }
    // The bar's pixel position along the vertical axis, in this widget; -1 for a row not shown.
    double barCentre(int row) const;

signals:
    void rowsClicked(const QVector<int> &rows, bool addToSelection);

private:
    void rebuild();
    void placeLabels();
    void showToolTip(QMouseEvent *event);
    int barAt(double pixelY) const; // index into m_bars, or -1

    QVector<RankedBar> m_bars; // top to bottom
    QVector<double> m_keys;    // per bar: its position on the vertical axis
    QVector<int> m_selected;
    QVector<QCPItemText *> m_labels;
    QVector<PlacedLabel> m_placed;
    QCPItemText *m_gapText = nullptr;
    QCPItemStraightLine *m_baselineLine = nullptr;
    MetricInfo m_info;
    double m_baselineValue = 0;
    double m_gapKey = 0; // 0: no gap
    int m_total = 0;
};

} // namespace optibench::ui
