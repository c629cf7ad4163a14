#pragma once
// Item models of the comparison page. ComparisonModel: one row per metric, one column per run,
// each cell the value and its change against the baseline run, coloured better/worse.
// SpecDiffModel: only the spec fields whose values differ between the runs, and the fields of
// their environments ("environment.cpu", "environment.int8_scheme", ...) that differ: another
// machine, ISA level or int8 scheme shows beside the settings.
#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <QVector>

namespace optibench::ui {

struct ComparedRun {
    qint64 id = 0;
    QString name;
    QString specJson;
    QHash<QString, double> metrics;
    QString environmentJson; // empty: not compared
};

class ComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ValueRole = Qt::UserRole + 1, RelativeDeltaRole, MetricKeyRole };

    explicit ComparisonModel(QObject *parent = nullptr);
    void setRuns(const QVector<ComparedRun> &runs, int baseline = 0);
    void setBaseline(int runIndex);
    int baseline() const { return m_baseline; }
    const QVector<ComparedRun> &runs() const { return m_runs; }
    QString metricKey(int row) const { return m_keys.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // (value - baseline) / baseline, or NaN when either is missing or the baseline is 0.
    double relativeDelta(int row, int runIndex) const;

private:
    QVector<ComparedRun> m_runs;
    QStringList m_keys;
    int m_baseline = 0;
};

class SpecDiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit SpecDiffModel(QObject *parent = nullptr);
    void setRuns(const QVector<ComparedRun> &runs);
    QStringList differingFields() const { return m_fields; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<ComparedRun> m_runs;
    QVector<QHash<QString, QString>> m_flat; // per run: "optimizations.quantization" -> "dynamic-int8"
    QStringList m_fields;
};

} // namespace optibench::ui
