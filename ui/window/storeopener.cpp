#include "ui/window/storeopener.h"

#include "app/core/store.h"
#include "ui/models/convert.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace optibench::ui {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(StoreOpener)
};

QString storeFilter()
{
    return Text::tr("OptiBench run stores (*.sqlite *.db);;All files (*)");
}
} // namespace

StoreOpener::StoreOpener(QWidget *parent) : m_parent(parent) {}

std::shared_ptr<core::Store> StoreOpener::open(const QString &path)
{
    QString current = QFileInfo(path).absoluteFilePath();
    for (;;) {
        QString problem;
        bool newer = false;
        if (!QDir().mkpath(QFileInfo(current).absolutePath())) {
            problem = Text::tr("The folder %1 cannot be created.")
                          .arg(QDir::toNativeSeparators(QFileInfo(current).absolutePath()));
        } else {
            try {
                auto store = std::make_shared<core::Store>(fromQ(current));
                m_opened = current;
                return store;
            } catch (const core::NewerStoreError &e) {
                newer = true;
                problem = Text::tr("It was written by a newer OptiBench (store schema %1; this version reads up "
                                   "to %2). Open it with that version, or export its runs there and import them here.")
                              .arg(e.version())
                              .arg(e.supported());
            } catch (const std::exception &e) {
                problem = toQ(e.what());
            }
        }
        // Ask until a store opens or the user quits; a cancelled file dialog asks again.
        for (;;) {
            const StoreChoice choice = ask(current, problem, newer);
            if (choice == StoreChoice::Quit)
                return nullptr;
            const QString next = choose(choice, current);
            if (!next.isEmpty()) {
                current = QFileInfo(next).absoluteFilePath();
                break;
            }
        }
    }
}

StoreChoice StoreOpener::ask(const QString &path, const QString &problem, bool newer) const
{
    QMessageBox box(QMessageBox::Critical, Text::tr("OptiBench"),
                    newer ? Text::tr("The run store %1 is from a newer OptiBench.").arg(QDir::toNativeSeparators(path))
                          : Text::tr("The run store %1 cannot be opened.").arg(QDir::toNativeSeparators(path)),
                    QMessageBox::NoButton, m_parent);
    box.setInformativeText(problem + QStringLiteral("\n\n")
                           + Text::tr("The file is left as it is. Open another store, create a new one, or quit."));
    QPushButton *another = box.addButton(Text::tr("Open another store…"), QMessageBox::AcceptRole);
    another->setObjectName(QLatin1String(kOpenAnotherButton));
    QPushButton *create = box.addButton(Text::tr("Create a new store…"), QMessageBox::AcceptRole);
    create->setObjectName(QLatin1String(kCreateNewButton));
    QPushButton *quit = box.addButton(Text::tr("Quit"), QMessageBox::RejectRole);
    quit->setObjectName(QLatin1String(kQuitButton));
    box.setDefaultButton(create);
    box.setEscapeButton(quit);
    box.exec();
    if (box.clickedButton() == another)
        return StoreChoice::OpenAnother;
    if (box.clickedButton() == create)
        return StoreChoice::CreateNew;
    return StoreChoice::Quit;
}

QString StoreOpener::choose(StoreChoice choice, const QString &failedPath) const
{
    if (m_chooser)
        return m_chooser(choice, failedPath);
    const QString folder = QFileInfo(failedPath).absolutePath();
    if (choice == StoreChoice::OpenAnother)
        return QFileDialog::getOpenFileName(m_parent, Text::tr("Open a run store"), folder, storeFilter());
    // A new file next to the one that failed, never the failed file itself.
    QString suggestion = QDir(folder).filePath(QStringLiteral("runs.sqlite"));
    for (int n = 2; QFileInfo::exists(suggestion); ++n)
        suggestion = QDir(folder).filePath(QStringLiteral("runs-%1.sqlite").arg(n));
    return QFileDialog::getSaveFileName(m_parent, Text::tr("Create a run store"), suggestion, storeFilter());
}

} // namespace optibench::ui
