#pragma once
// Chart export: PNG, JPG, PDF and SVG at a chosen size and resolution, and the plotted data as
// CSV. The format follows the file's suffix. installExportMenu() gives a chart its context menu.
#include <QString>

class QCustomPlot;
class QWidget;

namespace optibench::ui {

struct ChartExportOptions {
    int width = 1200; // pixels of the image (PNG, JPG, SVG) or points (PDF)
    int height = 800;
    int dpi = 96; // stored in the file; larger values draw text and lines larger
};

bool exportChart(QCustomPlot *plot, const QString &fileName, const ChartExportOptions &options,
                 QString *error = nullptr);
bool exportChartData(QCustomPlot *plot, const QString &fileName, QString *error = nullptr);
// Asks for file, size and resolution; returns false when cancelled or on error (shown).
bool exportChartInteractive(QCustomPlot *plot, QWidget *parent);
void installExportMenu(QCustomPlot *plot);

} // namespace optibench::ui
