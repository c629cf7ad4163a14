#pragma once
// Every run in the store, one row each: fixed columns, then one column per known metric.
// Reload() re-reads the store; rows of runs already shown are updated in place so that the
// selection survives the periodic reload (runs written by a CLI appear on their own).
#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QVector>

#include <memory>

namespace optibench::core {
class Store;
}

namespace optibench::ui {

struct RunRow {
    qint64 id = 0;
    QString name;
    QString model;
    QString status;
    QString toggles;
    QString notes;
    QString error;
    QString specJson;
    qint64 createdAtMs = 0;
    qint64 finishedAtMs = 0;
    QHash<QString, double> metrics;
};

class RunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        NameColumn,
        ModelColumn,
        StatusColumn,
        TogglesColumn,
        CreatedColumn,
        DurationColumn,
        NotesColumn,
        FirstMetricColumn
    };
    enum Role { SortRole = Qt::UserRole + 1, RunIdRole, StatusRole, SpecRole, IsBaselineRole };

    explicit RunsModel(std::shared_ptr<core::Store> store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // The metric key shown in a column, or empty for a fixed column.
    QString metricKey(int column) const;
    int columnOfMetric(const QString &key) const;
    const RunRow *row(int r) const;
    int rowOfRun(qint64 runId) const;

    void setBaselineRunId(qint64 runId);
    qint64 baselineRunId() const { return m_baselineRunId; }

    // User edits: written to the store, then shown.
    bool deleteRuns(const QVector<qint64> &runIds);

public slots:
    void reload();

signals:
    void errorOccurred(const QString &message);
    void baselineChanged(qint64 runId);

private:
    std::shared_ptr<core::Store> m_store;
    QVector<RunRow> m_rows;
    QStringList m_metricKeys;
    qint64 m_baselineRunId = 0;
};

// Text search over name, model, toggles and notes; an optional status filter.
class RunsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunsFilterModel(QObject *parent = nullptr);
    void setSearchText(const QString &text);
    void setStatus(const QString &status); // empty: every status

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_status;
};

} // namespace optibench::ui
