#include "ui/models/bundleimport.h"

#include "app/core/export.h"
#include "app/core/store.h"
#include "app/core/sweep_folder.h"
#include "ui/models/convert.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

namespace optibench::ui {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(BundleImport)
};
} // namespace

BundleImport importBundleFile(core::Store &store, const QString &fileName)
{
    BundleImport result;
    const QString shown = QDir::toNativeSeparators(fileName);
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = Text::tr("Cannot import %1: %2").arg(shown, file.errorString());
        return result;
    }
    const QByteArray bytes = file.readAll();
    const auto bundle = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    if (bundle.is_discarded()) {
        result.error = Text::tr("Cannot import %1: it is not valid JSON (a bundle comes from optibench-cli export "
                                "--format json)")
                           .arg(shown);
        return result;
    }
    try {
        const auto imported = core::importBundles(store, {{{}, bundle}});
        for (std::int64_t id : imported.added)
            result.runIds << id;
        result.alreadyStored = int(imported.alreadyStored);
    } catch (const std::exception &e) {
        result.error = Text::tr("Cannot import %1: %2").arg(shown, toQ(e.what()));
    }
    return result;
}

BundleImport importResultsFolder(core::Store &store, const QString &dir)
{
    BundleImport result;
    try {
        const auto imported = core::importFolder(store, fromQ(dir));
        for (std::int64_t id : imported.added)
            result.runIds << id;
        result.alreadyStored = int(imported.alreadyStored);
    } catch (const std::exception &e) {
        // The error names the file at fault inside the folder; nothing was added.
        result.error =
            Text::tr("Cannot import the results folder %1: %2").arg(QDir::toNativeSeparators(dir), toQ(e.what()));
    }
    return result;
}

} // namespace optibench::ui
