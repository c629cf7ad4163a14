#include "ui/models/presets.h"

#include <QCoreApplication>

namespace optibench::ui {

namespace {

// The presets' names are translated in the experiment form's context, where they are shown
// (QT_TRANSLATE_NOOP marks them for lupdate).
QString presetName(const char *text)
{
    return QCoreApplication::translate("ExperimentPanel", text);
}

} // namespace

QHash<QString, core::ExperimentSpec> builtinPresets()
{
    QHash<QString, core::ExperimentSpec> p;
    core::ExperimentSpec baseline;
    baseline.name = "baseline";
    p.insert(presetName(QT_TRANSLATE_NOOP("ExperimentPanel", "Baseline (fp32, CPU)")), baseline);

    core::ExperimentSpec int8 = baseline;
    int8.name = "int8 CPU";
    int8.optimizations.quantization = options::Quantization::DynamicInt8;
    int8.optimizations.padding = options::Padding::Bucketed;
    p.insert(presetName(QT_TRANSLATE_NOOP("ExperimentPanel", "int8 on CPU")), int8);

    core::ExperimentSpec bf16 = baseline;
    bf16.name = "bf16 GPU";
    bf16.device = "cuda";
    bf16.optimizations.precision = options::Precision::Bf16;
    p.insert(presetName(QT_TRANSLATE_NOOP("ExperimentPanel", "bf16 on GPU")), bf16);

    core::ExperimentSpec training = baseline;
    training.name = "memory-saving training";
    training.task.mode = options::Mode::Training;
    training.optimizations.checkpointEvery = 1;
    training.optimizations.gradAccumulation = 4;
    training.optimizations.freezeEmbeddings = true;
    p.insert(presetName(QT_TRANSLATE_NOOP("ExperimentPanel", "Memory-saving training")), training);
    return p;
}
} // namespace optibench::ui
