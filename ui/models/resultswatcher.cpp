#include "ui/models/resultswatcher.h"

#include "app/core/sweep_folder.h"
#include "ui/models/convert.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace optibench::ui {

namespace {
constexpr int kDebounceMs = 500;
constexpr int kPollMs = 5000;
} // namespace

ResultsWatcher::ResultsWatcher(std::shared_ptr<core::Store> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
    , m_poll(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    m_poll->setInterval(kPollMs);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &ResultsWatcher::importNow);
    connect(m_poll, &QTimer::timeout, this, &ResultsWatcher::importNow);
}

void ResultsWatcher::watch(const QString &dir)
{
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_dir = dir;
    m_lastError.clear();
    m_seen.clear();
    if (dir.isEmpty()) {
        m_poll->stop();
        m_debounce->stop();
        return;
    }
    m_watcher->addPath(dir);
    if (QDir(dir + QStringLiteral("/runs")).exists())
        m_watcher->addPath(dir + QStringLiteral("/runs"));
    m_poll->start();
    importNow();
}

void ResultsWatcher::importNow()
{
    if (m_dir.isEmpty())
        return;
    // A sweep folder's runs/ may appear after the watch began.
    const QString runs = m_dir + QStringLiteral("/runs");
    if (QDir(runs).exists() && !m_watcher->directories().contains(runs))
        m_watcher->addPath(runs);
    auto stamp = [](const QString &file) {
        const QFileInfo info(file);
        return QString::number(info.size()) + QLatin1Char('@') + info.lastModified().toString(Qt::ISODateWithMs);
    };
    std::vector<core::NamedBundle> fresh;
    QHash<QString, QString> stamps;
    try {
        for (const auto &path : core::bundleFiles(fromQ(m_dir))) {
            const QString file = toQ(path.string());
            const QString s = stamp(file);
            if (m_seen.value(file) == s)
                continue;
            fresh.push_back(core::readBundleFile(path));
            stamps.insert(file, s);
        }
        if (fresh.empty())
            return;
        const auto result = core::importBundles(*m_store, fresh);
        m_seen.insert(stamps);
        m_lastError.clear();
        if (!result.added.empty())
            emit imported(QVector<qint64>(result.added.begin(), result.added.end()));
    } catch (const std::exception &e) {
        const QString message =
            tr("Cannot import from the watched folder %1: %2").arg(QDir::toNativeSeparators(m_dir), toQ(e.what()));
        if (message != m_lastError)
            emit errorOccurred(message);
        m_lastError = message;
    }
}

} // namespace optibench::ui
