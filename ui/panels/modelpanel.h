#pragma once
// The model panel: the chosen model path, what the store knows about it (architecture,
// parameters, size, hash, runs and their best latency), and the recently used models (hidden
// while there are none).
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

struct LocalModelInfo;

class ModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelPanel(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    QString modelPath() const { return m_path; }
    static QStringList recentModels();
    static void addRecentModel(const QString &path);

public slots:
    void setModelPath(const QString &path);
    void refresh();

signals:
    void modelChosen(const QString &path);

private:
    // What a built-in demo model is (path: demo:<name>, maybe with -untrained).
    static QString demoDescription(const QString &path, bool decoder);
    QString describe(const LocalModelInfo &info) const;
    // One line on the runs of this model in the store; the stored hash and parameters go to
    // storedRows (HTML table rows).
    QString storeSummary(const LocalModelInfo &info, QString &storedRows) const;

    std::shared_ptr<core::Store> m_store;
    QString m_path;
    QLabel *m_info;
    QLabel *m_recentLabel;
    QListWidget *m_recent;
};

} // namespace optibench::ui
