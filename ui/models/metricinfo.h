#pragma once
// What the GUI knows about each metric key the worker stores: a label, a unit and which
// direction is better. Unknown keys still show, with their key as label.
#include <QString>
#include <QStringList>

namespace optibench::ui {

enum class Better { Lower, Higher, Neither };

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

} // namespace optibench::ui
