#pragma once
// File > Import runs: a bundle file (optibench-cli export --format json) read and added to the
// store through core::importBundles, as the CLI's import does; runs the store holds are skipped. Errors name the file and the
// problem; a bundle that fails its check adds nothing.
#include <QString>
#include <QVector>

namespace optibench::core {
class Store;
}

namespace optibench::ui {

struct BundleImport {
    QVector<qint64> runIds; // the new runs, in bundle order
    int alreadyStored = 0;  // runs the store held already (by uuid): not added again
    QString error;          // empty on success
};

BundleImport importBundleFile(core::Store &store, const QString &fileName);
// File > Import results folder: every bundle of a sweep folder (sweep --slurm --out DIR: its
// runs/), or the *.json files of any other folder, in one transaction (core::importFolder).
BundleImport importResultsFolder(core::Store &store, const QString &dir);

} // namespace optibench::ui
