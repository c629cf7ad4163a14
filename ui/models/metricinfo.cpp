#include "ui/models/metricinfo.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace optibench::ui {

namespace {
struct Entry {
    const char *key;
    const char *label;
    const char *unit;
    Better better;
};

// Labels are translated when shown (QT_TRANSLATE_NOOP keeps them visible to lupdate).
const Entry kEntries[] = {
    {"latency_p50_ms", QT_TRANSLATE_NOOP("Metrics", "Latency p50"), "ms", Better::Lower},
    {"latency_p90_ms", QT_TRANSLATE_NOOP("Metrics", "Latency p90"), "ms", Better::Lower},
    {"latency_p99_ms", QT_TRANSLATE_NOOP("Metrics", "Latency p99"), "ms", Better::Lower},
    {"latency_mean_ms", QT_TRANSLATE_NOOP("Metrics", "Latency mean"), "ms", Better::Lower},
    {"latency_stdev_ms", QT_TRANSLATE_NOOP("Metrics", "Latency stdev"), "ms", Better::Lower},
    {"throughput_seq_s", QT_TRANSLATE_NOOP("Metrics", "Throughput"), "seq/s", Better::Higher},
    {"throughput_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Token throughput"), "tokens/s", Better::Higher},
    {"real_tokens", QT_TRANSLATE_NOOP("Metrics", "Real tokens"), "", Better::Neither},
    {"padded_tokens", QT_TRANSLATE_NOOP("Metrics", "Padded tokens"), "", Better::Lower},
    {"padding_ratio", QT_TRANSLATE_NOOP("Metrics", "Padding ratio"), "%", Better::Lower},
    {"peak_memory_bytes", QT_TRANSLATE_NOOP("Metrics", "Peak memory"), "bytes", Better::Lower},
    {"model_bytes", QT_TRANSLATE_NOOP("Metrics", "Model size"), "bytes", Better::Lower},
    {"parameters", QT_TRANSLATE_NOOP("Metrics", "Parameters"), "", Better::Lower},
    {"sparsity", QT_TRANSLATE_NOOP("Metrics", "Sparsity"), "%", Better::Neither},
    {"flops", QT_TRANSLATE_NOOP("Metrics", "FLOPs per batch"), "FLOP", Better::Lower},
    {"achieved_flops_s", QT_TRANSLATE_NOOP("Metrics", "Achieved FLOP/s"), "FLOP/s", Better::Higher},
    {"peak_fraction", QT_TRANSLATE_NOOP("Metrics", "Fraction of peak"), "%", Better::Higher},
    {"accuracy", QT_TRANSLATE_NOOP("Metrics", "Accuracy"), "%", Better::Higher},
    {"agreement", QT_TRANSLATE_NOOP("Metrics", "Agreement with fp32"), "%", Better::Higher},
    {"kl_divergence", QT_TRANSLATE_NOOP("Metrics", "KL divergence"), "", Better::Lower},
    {"perplexity", QT_TRANSLATE_NOOP("Metrics", "Perplexity"), "", Better::Lower},
    {"tracing_overhead", QT_TRANSLATE_NOOP("Metrics", "Tracing overhead"), "%", Better::Lower},
    // Compression: the model before and after, as written to safetensors.
    {"parameters_baseline", QT_TRANSLATE_NOOP("Metrics", "Parameters before"), "", Better::Neither},
    {"model_bytes_baseline", QT_TRANSLATE_NOOP("Metrics", "Model size before"), "bytes", Better::Neither},
    {"model_bytes_saved", QT_TRANSLATE_NOOP("Metrics", "Saved model size"), "bytes", Better::Lower},
    {"pruned_heads", QT_TRANSLATE_NOOP("Metrics", "Pruned heads"), "", Better::Neither},
    {"pruned_neurons", QT_TRANSLATE_NOOP("Metrics", "Pruned neurons"), "", Better::Neither},
    {"sparse_kernel", QT_TRANSLATE_NOOP("Metrics", "Sparse kernel"), "", Better::Neither},
    // Training.
    {"train_loss_final", QT_TRANSLATE_NOOP("Metrics", "Final training loss"), "", Better::Lower},
    {"eval_loss", QT_TRANSLATE_NOOP("Metrics", "Evaluation loss"), "", Better::Lower},
    {"step_time_mean_ms", QT_TRANSLATE_NOOP("Metrics", "Step time mean"), "ms", Better::Lower},
    {"train_throughput_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Training throughput"), "tokens/s", Better::Higher},
    {"train_tokens", QT_TRANSLATE_NOOP("Metrics", "Training tokens"), "", Better::Neither},
    {"optimizer_steps", QT_TRANSLATE_NOOP("Metrics", "Optimizer steps"), "", Better::Neither},
    {"trainable_parameters", QT_TRANSLATE_NOOP("Metrics", "Trainable parameters"), "", Better::Neither},
    // Distillation: the teacher the student learned from.
    {"teacher_accuracy", QT_TRANSLATE_NOOP("Metrics", "Teacher accuracy"), "%", Better::Neither},
    {"teacher_parameters", QT_TRANSLATE_NOOP("Metrics", "Teacher parameters"), "", Better::Neither},
    {"teacher_model_bytes", QT_TRANSLATE_NOOP("Metrics", "Teacher model size"), "bytes", Better::Neither},
    {"teacher_latency_ms", QT_TRANSLATE_NOOP("Metrics", "Teacher latency"), "ms", Better::Neither},
};

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
    for (const Entry &e : kEntries) {
        if (key == QLatin1String(e.key))
            return {key, QCoreApplication::translate("Metrics", e.label), QString::fromLatin1(e.unit), e.better};
    }
    return {key, key, QString(), Better::Neither};
}

const QStringList &knownMetricKeys()
{
    static const QStringList keys = [] {
        QStringList k;
        for (const Entry &e : kEntries)
            k << QString::fromLatin1(e.key);
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

} // namespace optibench::ui
