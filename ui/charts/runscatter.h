#pragma once
// Cost against quality for the rows of a comparison at scale: thousands of points in one graph,
// the Pareto front of their values, the baseline marked. Hovering a point tells its row; a click
// or a dragged rectangle selects points (Ctrl adds), and the selection is the rows'.
#include "ui/models/metricinfo.h"

#include <qcustomplot.h>

#include <QVector>

#include <functional>

namespace optibench::ui {

struct ScatterPoint {
    int row = 0;           // the row in the comparison's model
    double cost = 0;       // in the metric's unit
    double quality = 0;    // the same
    bool baseline = false; // drawn as the baseline's marker
};

class RunScatter : public QCustomPlot {
    Q_OBJECT
public:
    explicit RunScatter(QWidget *parent = nullptr);
    void setPoints(const QVector<ScatterPoint> &points, const MetricInfo &cost, const MetricInfo &quality);
    // What the tooltip says of a row.
    void setDescriber(std::function<QString(int row)> describe) { m_describe = std::move(describe); }
    // Selects the points of `rows` without emitting rowsSelected.
    void setSelectedRows(const QVector<int> &rows);
    QVector<int> selectedRows() const; // in the rows' order
    QCPGraph *points() const { return m_points; }
    // The pixel position of a row's point, in this widget; (-1, -1) for a row not shown.
    QPointF pointPixel(int row) const;
    QVector<int> frontRows() const { return m_frontRows; }

signals:
    void rowsSelected(const QVector<int> &rows); // by the user, on the chart

private:
    void drawFront(const QVector<ScatterPoint> &pts, const MetricInfo &cost, const MetricInfo &quality);
    void showToolTip(QMouseEvent *event);

    QCPGraph *m_points = nullptr;
    QCPGraph *m_baseline = nullptr;
    QCPGraph *m_front = nullptr;
    QVector<int> m_rows;      // per data index of m_points (sorted by cost): its row
    QVector<int> m_frontRows; // the rows on the front, by cost
    std::function<QString(int)> m_describe;
    bool m_settingSelection = false;
};

} // namespace optibench::ui
