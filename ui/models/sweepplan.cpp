#include "ui/models/sweepplan.h"

#include "app/core/sweep.h"
#include "ui/models/convert.h"

#include <QCoreApplication>

#include <exception>

namespace optibench::ui {

namespace {

template<class E>
SweepToggle choiceToggle(const char *label)
{
    QStringList values;
    for (const std::string &n : options::names<E>())
        values << toQ(n);
    return {toQ(options::valueTable<E>().field), QCoreApplication::translate("SweepPlan", label), values, {}};
}

// The last part of a path when it resolves back to the path ("optimizations.padding" ->
// "padding"), which keeps run names short; else the whole path.
QString shortKey(const QString &path)
{
    const QString last = path.section(QLatin1Char('.'), -1);
    try {
        if (core::resolveSpecPath(fromQ(last)) == fromQ(path))
            return last;
    } catch (const core::SpecError &) {}
    return path;
}

} // namespace

const QVector<SweepToggle> &sweepToggles()
{
    static const QVector<SweepToggle> toggles{
        choiceToggle<options::Precision>(QT_TRANSLATE_NOOP("SweepPlan", "Precision")),
        choiceToggle<options::Quantization>(QT_TRANSLATE_NOOP("SweepPlan", "Quantization")),
        choiceToggle<options::PruningMethod>(QT_TRANSLATE_NOOP("SweepPlan", "Pruning")),
        choiceToggle<options::Padding>(QT_TRANSLATE_NOOP("SweepPlan", "Padding")),
        {QStringLiteral("optimizations.pruning.amount"),
         QCoreApplication::translate("SweepPlan", "Pruning amount"),
         {},
         QStringLiteral("0.3,0.5")},
        {QStringLiteral("task.batch_size"),
         QCoreApplication::translate("SweepPlan", "Batch size"),
         {},
         QStringLiteral("1,8,32")},
        {QStringLiteral("task.max_length"),
         QCoreApplication::translate("SweepPlan", "Max length"),
         {},
         QStringLiteral("64,128")},
        {QStringLiteral("threads"), QCoreApplication::translate("SweepPlan", "Threads"), {}, QStringLiteral("1,2")},
    };
    return toggles;
}

QString sweepGridText(const QVector<SweepAxisChoice> &axes, const QString &extra)
{
    QStringList parts;
    for (const SweepAxisChoice &axis : axes) {
        if (!axis.values.isEmpty())
            parts << shortKey(axis.path) + QLatin1Char('=') + axis.values.join(QLatin1Char(','));
    }
    if (!extra.trimmed().isEmpty())
        parts << extra.trimmed();
    return parts.join(QLatin1Char(';'));
}

SweepPlan planSweep(const QString &baseSpecJson, const QString &grid)
{
    SweepPlan plan;
    try {
        const auto base = nlohmann::json::parse(fromQ(baseSpecJson));
        const std::string baseName = base.value("name", std::string());
        for (auto &c : core::expandSweep(base, core::parseSweepGrid(fromQ(grid)))) {
            if (!c.valid) {
                plan.invalid << toQ(c.label + ": " + c.error);
                continue;
            }
            c.spec.name = core::sweepRunName(baseName, c.label);
            plan.names << toQ(c.spec.name);
            plan.labels << toQ(c.label);
            plan.specJsons << toQ(core::toJsonText(c.spec, -1));
        }
    } catch (const std::exception &e) {
        plan = {};
        plan.error = toQ(e.what());
    }
    return plan;
}

} // namespace optibench::ui
