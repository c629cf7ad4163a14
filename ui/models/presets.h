#pragma once
// The built-in presets of the experiment panel, by translated display name: "baseline",
// "int8 CPU", "bf16 GPU" and "memory-saving training" (the spec names stay in English, since
// they name stored runs). The user's own presets live in QSettings (ExperimentPanel).
#include "app/core/spec.h"

#include <QHash>
#include <QString>

namespace optibench::ui {

QHash<QString, core::ExperimentSpec> builtinPresets();

} // namespace optibench::ui
