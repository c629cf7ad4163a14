#pragma once
// The model panel: the chosen model path, what the store knows about it (architecture,
// parameters, size, hash, runs and their best latency), and the recently used models.
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

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
    std::shared_ptr<core::Store> m_store;
    QString m_path;
    QLabel *m_info;
    QListWidget *m_recent;
};

} // namespace optibench::ui
