#pragma once
// File > Watch results folder: a sweep folder (or any folder of run bundles) that other machines
// fill, imported as its bundles land. The folder and its runs/ are watched; a change is imported
// half a second later (a task's bundle appears by rename, so it is complete), and a poll every
// few seconds catches what a network filesystem does not report. Only files not imported yet
// are read; importing is idempotent anyway, so a bundle seen twice is added once.
#include <QHash>
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class ResultsWatcher : public QObject {
    Q_OBJECT
public:
    ResultsWatcher(std::shared_ptr<core::Store> store, QObject *parent = nullptr);

    // Starts watching (and imports what is there now); an empty path stops.
    void watch(const QString &dir);
    QString folder() const { return m_dir; }
    bool isWatching() const { return !m_dir.isEmpty(); }

signals:
    void imported(const QVector<qint64> &runIds);
    void errorOccurred(const QString &message);

private:
    void importNow();

    std::shared_ptr<core::Store> m_store;
    QFileSystemWatcher *m_watcher;
    QTimer *m_debounce;
    QTimer *m_poll;
    QString m_dir;
    QString m_lastError;            // said once, not at every poll
    QHash<QString, QString> m_seen; // file -> size and time when it was imported: not read again
};

} // namespace optibench::ui
