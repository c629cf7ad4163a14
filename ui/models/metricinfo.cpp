#include "ui/models/metricinfo.h"
#include "stats/metric_table.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace optibench::ui {

namespace {
QString scaled(double v, const char *const units[], int count, double base)
{
    int i = 0;
    while (qAbs(v) >= base && i + 1 < count) {
        v /= base;
        ++i;
    }
    return QLocale().toString(v, 'f', i == 0 ? 0 : 2) + QLatin1Char(' ') + QLatin1String(units[i]);
}
} // namespace

MetricInfo metricInfo(const QString &key)
{
    if (const auto *d = stats::describeMetric(key.toStdString()))
        return {key, QCoreApplication::translate("Metrics", d->label), QString::fromLatin1(d->unit), d->better};
    return {key, key, QString(), Better::Neither};
}

const QStringList &knownMetricKeys()
{
    static const QStringList keys = [] {
        QStringList k;
        for (const auto &d : stats::metricTable())
            k << QString::fromLatin1(d.key);
        return k;
    }();
    return keys;
}

QString formatMetric(const QString &key, double value)
{
    const MetricInfo info = metricInfo(key);
    const QLocale locale;
    if (info.unit == QLatin1String("bytes")) {
        static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
        return scaled(value, units, 5, 1024.0);
    }
    if (info.unit == QLatin1String("FLOP") || info.unit == QLatin1String("FLOP/s")) {
        static const char *const units[] = {"", "k", "M", "G", "T", "P"};
        return scaled(value, units, 6, 1000.0).trimmed() + info.unit;
    }
    static const QStringList counts = {QStringLiteral("parameters"), QStringLiteral("parameters_baseline"),
                                       QStringLiteral("trainable_parameters"), QStringLiteral("teacher_parameters"),
                                       QStringLiteral("train_tokens")};
    if (counts.contains(key)) { // large counts: parameters, tokens
        static const char *const units[] = {"", "k", "M", "G"};
        return scaled(value, units, 4, 1000.0).trimmed();
    }
    if (key == QLatin1String("sparse_kernel")) // 1 when a sparse kernel ran, 0 when stored dense
        return value != 0 ? QCoreApplication::translate("Metrics", "yes")
                          : QCoreApplication::translate("Metrics", "no");
    if (info.unit == QLatin1String("%"))
        return locale.toString(value * 100.0, 'f', 2) + QStringLiteral(" %");
    if (info.unit == QLatin1String("ms"))
        return locale.toString(value, 'f', 2) + QStringLiteral(" ms");
    const QString number = qAbs(value) >= 100 ? locale.toString(value, 'f', 1) : locale.toString(value, 'g', 4);
    return info.unit.isEmpty() ? number : number + QLatin1Char(' ') + info.unit;
}

QString formatFigure(const QString &key, const core::Figure &figure)
{
    QString text = formatMetric(key, figure.value);
    if (!figure.qualifier.empty())
        return text + QStringLiteral(" (") + QString::fromStdString(figure.qualifier) + QLatin1Char(')');
    if (!figure.interval || figure.interval->lo == figure.interval->hi || figure.value == 0)
        return text;
    const QLocale locale;
    const double half = figure.interval->halfWidth();
    if (metricInfo(key).unit == QLatin1String("%"))
        return text + QStringLiteral(" ±") + locale.toString(100.0 * half, 'f', 2);
    return text + QStringLiteral(" ±") + locale.toString(100.0 * half / qAbs(figure.value), 'f', 1)
        + QStringLiteral(" %");
}

double plotValue(const MetricInfo &info, double value)
{
    if (info.unit == QLatin1String("bytes"))
        return value / (1024.0 * 1024.0);
    if (info.unit == QLatin1String("%"))
        return value * 100.0;
    return value;
}

QString plotAxisLabel(const MetricInfo &info)
{
    if (info.unit == QLatin1String("bytes"))
        return QCoreApplication::translate("Metrics", "%1 (MiB)").arg(info.label);
    return info.unit.isEmpty() ? info.label
                               : QCoreApplication::translate("Metrics", "%1 (%2)").arg(info.label, info.unit);
}

} // namespace optibench::ui
