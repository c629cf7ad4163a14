#pragma once
// File > Import runs: a bundle file (optibench-cli export --format json) read and added to the
// store through core::importBundle, as the CLI's import does. Errors name the file and the
// problem; a bundle that fails its check adds nothing.
#include <QString>
#include <QVector>

namespace optibench::core {
class Store;
}

namespace optibench::ui {

struct BundleImport {
    QVector<qint64> runIds; // the new runs, in bundle order
    QString error;          // empty on success
};

BundleImport importBundleFile(core::Store &store, const QString &fileName);

} // namespace optibench::ui
