// The OptiBench desktop application: options, translations, the store, the main window.
#include "ui/models/convert.h"
#include "ui/window/mainwindow.h"
#include "ui/window/settingsdialog.h"
#include "ui/window/storeopener.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>

#include <memory>

using namespace optibench;

namespace {
// The language chosen in Settings, or the system's.
void installTranslations(QApplication &app)
{
    const QLocale locale = ui::SettingsDialog::uiLocale();
    QLocale::setDefault(locale);
    // Qt's own strings, then ours (built into the resources by qt_add_translations, or beside the binary).
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("optibench"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || own->load(locale, QStringLiteral("optibench"), QStringLiteral("_"),
                     QApplication::applicationDirPath() + QStringLiteral("/../share/optibench/translations")))
        QApplication::installTranslator(own);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OptiBench"));
    QApplication::setOrganizationDomain(QStringLiteral("optibench.org"));
    QApplication::setApplicationName(QStringLiteral("OptiBench"));
    QApplication::setApplicationVersion(QStringLiteral(OPTIBENCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.optibench.OptiBench"));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main",
                                "Measure which optimizations make a transformer model cheaper on your hardware."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultDb =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs.sqlite");
    QCommandLineOption dbOption(QStringLiteral("db"), QApplication::translate("main", "The run store (SQLite file)."),
                                QApplication::translate("main", "file"), defaultDb);
    parser.addOption(dbOption);
    parser.addPositionalArgument(
        QStringLiteral("model"),
        QApplication::translate("main", "Model folder or file, demo:tiny-bert (default) or demo:tiny-llama."),
        QStringLiteral("[model]"));
    parser.process(app);

    // Without --db: the store used last (chosen in the recovery dialog), else the default.
    const QString lastDb = QSettings().value(QStringLiteral("store/last")).toString();
    const QString dbPath = parser.isSet(dbOption) || lastDb.isEmpty() ? parser.value(dbOption) : lastDb;
    const QString modelPath = parser.positionalArguments().value(0, QStringLiteral("demo:tiny-bert"));

    // Locked, corrupt, or written by a newer OptiBench: the opener names the file and the
    // problem and offers another store, a new one, or quitting.
    ui::StoreOpener opener;
    std::shared_ptr<core::Store> store = opener.open(dbPath);
    if (!store)
        return 1;
    if (opener.openedPath() != QFileInfo(dbPath).absoluteFilePath())
        QSettings().setValue(QStringLiteral("store/last"), opener.openedPath());

    const QString model =
        modelPath.startsWith(QLatin1String("demo:")) ? modelPath : QFileInfo(modelPath).absoluteFilePath();
    ui::MainWindow window(store, model);
    window.show();
    return app.exec();
}
