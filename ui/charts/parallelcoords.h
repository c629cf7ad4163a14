#pragma once
// Parallel coordinates over a comparison at scale: one vertical axis per toggle (its values as
// evenly spaced categories) and per metric (its range, low at the bottom), one line per row
// through its values. Selected rows are drawn on top in the selection colour; a click picks the
// nearest line's row.
#include <qcustomplot.h>

#include <QStringList>
#include <QVector>

#include <vector>

namespace optibench::ui {

struct ParallelAxis {
    QString title;
    QStringList categories; // a toggle's values, bottom to top; empty for a metric
    QString low, high;      // a metric's range as text
};

class ParallelLines;

class ParallelCoordinates : public QCustomPlot {
    Q_OBJECT
public:
    explicit ParallelCoordinates(QWidget *parent = nullptr);
    // positions: per row, per axis, in [0, 1] (NaN: the row lacks it); rows: each line's row.
    void setLines(const QVector<ParallelAxis> &axes, const std::vector<std::vector<double>> &positions,
                  const QVector<int> &rows);
    void setSelectedRows(const QVector<int> &rows);
    int lineCount() const;
    int selectedLineCount() const;
    // The pixel point of a row's line on an axis, in this widget.
    QPointF linePixel(int row, int axis) const;

signals:
    void rowsClicked(const QVector<int> &rows, bool addToSelection);

private:
    int nearestRow(const QPointF &pixel) const; // -1 when no line is within a few pixels

    ParallelLines *m_lines;
    std::vector<std::vector<double>> m_positions;
    QVector<int> m_rows;
};

} // namespace optibench::ui
