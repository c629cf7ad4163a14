#pragma once
// Display text for values that core and the worker store in English (run statuses, task modes,
// the spec's choices, its validation errors, the toggles summary). The stored data keeps the
// English identifiers; only what is shown is translated, here, in the UI layer.
#include "app/core/spec.h"

#include <QString>

namespace optibench::ui {

// "done", "running", "failed", "cancelled", "interrupted", "queued" as shown in tables.
QString statusText(const QString &status);
// A spec choice for a combo box ("inference", "bucketed", "magnitude", ...); technical names
// such as "fp32" or "dynamic-int8" stay as they are.
QString choiceText(const QString &value);
// One sentence: what the choice does and what it usually costs.
QString choiceExplanation(const QString &value);
// The summary of what a spec changes against the defaults (core::describeToggles, translated).
QString togglesText(const core::ExperimentSpec &spec);
// A broken rule's reason (options/rules.h), translated: its template in context "Rules", with
// the values filled in (spec choices shown as choiceText shows them).
QString ruleReasonText(const options::Violation &violation);
// Why a spec cannot run: the translated reason of the rule behind core::validateCombination's
// SpecError, else the error's own text (range and syntax errors, in English).
QString specErrorText(const core::ExperimentSpec &spec, const std::exception &error);

} // namespace optibench::ui
