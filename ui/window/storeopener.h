#pragma once
// Opening the run store at start-up. A store that cannot be opened (not a database, locked,
// unreadable, or written by a newer OptiBench) is no dead end: a dialog names the file and the
// problem and offers to open another store, create a new one, or quit. The file that failed is
// never written to.
#include <QString>

#include <functional>
#include <memory>

class QWidget;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

enum class StoreChoice { OpenAnother, CreateNew, Quit };

class StoreOpener {
public:
    // Asks for the store to open (OpenAnother) or to create (CreateNew); empty when cancelled.
    // The default shows a file dialog.
    using FileChooser = std::function<QString(StoreChoice choice, const QString &failedPath)>;

    explicit StoreOpener(QWidget *parent = nullptr);
    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    // The store at path, or the one the user chose instead; null when the user quits.
    std::shared_ptr<core::Store> open(const QString &path);
    QString openedPath() const { return m_opened; }

    // Object names of the dialog's buttons (for tests and accessibility tools).
    static constexpr const char *kOpenAnotherButton = "storeOpenAnother";
    static constexpr const char *kCreateNewButton = "storeCreateNew";
    static constexpr const char *kQuitButton = "storeQuit";

private:
    StoreChoice ask(const QString &path, const QString &problem, bool newer) const;
    QString choose(StoreChoice choice, const QString &failedPath) const;

    QWidget *m_parent;
    FileChooser m_chooser;
    QString m_opened;
};

} // namespace optibench::ui
