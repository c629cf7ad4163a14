#pragma once
// A sweep built in the GUI: the toggles it varies (each with the values chosen) become the grid
// text `optibench-cli sweep --grid` takes, and the grid over the experiment panel's spec becomes
// the runs to queue, through core's sweep expansion so that both name and validate the
// combinations alike. Qt Core only.
#include <QString>
#include <QStringList>
#include <QVector>

namespace optibench::ui {

// One toggle a sweep can vary: its spec path and the values offered (empty for a number the
// user types, e.g. "0.3,0.5").
struct SweepToggle {
    QString path;
    QString label;
    QStringList values;
    QString example; // for a number: values worth trying, e.g. "1,8,32"
};
// The toggles the sweep dialog offers, in its order: precision, quantization, pruning, padding
// and the numbers (pruning amount, batch size, max length, threads).
const QVector<SweepToggle> &sweepToggles();

struct SweepAxisChoice {
    QString path;
    QStringList values; // at least one to take part
};
// "quantization=none,dynamic-int8;batch_size=1,8" (a path as its last part where that names it
// alone, as run names show it), axes without values left out; `extra` (grid text the user
// wrote) appended.
QString sweepGridText(const QVector<SweepAxisChoice> &axes, const QString &extra = {});

struct SweepPlan {
    QString error;     // the grid or the base spec does not parse; nothing to queue
    QStringList names; // the valid combinations' run names, the first the baseline
    QStringList specJsons;
    QStringList labels;  // "quantization=none padding=bucketed", for the dialog
    QStringList invalid; // "label: why", left out
    int size() const { return int(specJsons.size()); }
};
SweepPlan planSweep(const QString &baseSpecJson, const QString &grid);

} // namespace optibench::ui
