#pragma once
// What the GUI knows about each metric key the worker stores: a label, a unit and which
// direction is better. Unknown keys still show, with their key as label.
#include "app/core/run_statistics.h"
#include "stats/verdict.h"

#include <QString>
#include <QStringList>

namespace optibench::ui {

using Better = stats::Better; // stats/metric_table.h holds the table

struct MetricInfo {
    QString key;
    QString label;
    QString unit;
    Better better = Better::Neither;
};

MetricInfo metricInfo(const QString &key);
// The keys in display order (latency first, quality last).
const QStringList &knownMetricKeys();
// A value formatted for a table cell with its unit (bytes as MiB/GiB, ratios as %).
QString formatMetric(const QString &key, double value);
// A figure with its uncertainty: "10.00 ms ±1.5 %" (a share's half width in points: "80.00 % ±3.13"),
// "20.10 ms (max of 20)", or the bare value of an exact figure.
QString formatFigure(const QString &key, const core::Figure &figure);

// A value as a chart's axis shows it: bytes in MiB, shares in percent; and that axis' title.
double plotValue(const MetricInfo &info, double value);
QString plotAxisLabel(const MetricInfo &info);

} // namespace optibench::ui
