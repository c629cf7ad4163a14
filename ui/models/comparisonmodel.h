#pragma once
// Item models of the comparison page. ComparisonModel: one row per metric, one column per run,
// each cell the value with its 95% interval and, against the baseline run, the ratio and its
// verdict (app/core/run_statistics.h), coloured by the verdict only.
// SpecDiffModel: only the spec fields whose values differ between the runs, and the fields of
// their environments ("environment.cpu", "environment.int8_scheme", ...) that differ: another
// machine, ISA level or int8 scheme shows beside the settings.
#include "app/core/noise_floor.h"
#include "app/core/run_statistics.h"

#include <nlohmann/json_fwd.hpp>

#include <QAbstractTableModel>
#include <QColor>
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
    core::RunBlocks blocks;  // the timed blocks the intervals resample (empty: none stored)
};

// The run as the statistics read it (app/core/run_statistics.h).
core::RunFigures figuresOf(const ComparedRun &r);

// The verdict as the GUI says it ("better", translated); empty for a metric that is not judged.
QString verdictText(stats::Verdict v);

// A ratio against the baseline: "0.620×".
QString ratioText(double r);

// A spec leaf as the comparison shows it: choices as the experiment form names them
// ("inference", "bucketed", ...), numbers to 10 digits, arrays as compact JSON.
QString shownFieldValue(const nlohmann::json &v);

// The colour of a verdict: green better, red worse, grey no change, amber inconclusive; invalid
// for a metric that is not judged.
QColor verdictColor(stats::Verdict v);

class ComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ValueRole = Qt::UserRole + 1, RelativeDeltaRole, MetricKeyRole, VerdictRole };

    explicit ComparisonModel(QObject *parent = nullptr);
    void setRuns(const QVector<ComparedRun> &runs, int baseline = 0);
    void setBaseline(int runIndex);
    // A change within this share is no change (0.02: 2%).
    void setThreshold(double threshold);
    double threshold() const { return m_thresholds.threshold; }
    // The baseline's machine and model's noise floors (optibench-cli calibrate): a metric's
    // verdict takes the larger of the threshold and its floor.
    void setNoiseFloors(const std::map<std::string, core::NoiseFloor> &floors);
    const core::Thresholds &thresholds() const { return m_thresholds; }
    // The verdict of run `runIndex` on metric `row` against the baseline.
    const stats::Judgement &judgement(int row, int runIndex) const;
    // What the comparison must not hide, one line per run: runs not comparable with the baseline
    // (another machine or thread count), other environment differences, and noisy blocks.
    QStringList cautions() const;
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
    void judge();
    QString cellText(int row, int runIndex) const;
    QString cellToolTip(int row, int runIndex) const;

    QVector<ComparedRun> m_runs;
    std::vector<core::RunFigures> m_figures; // per run
    QStringList m_keys;
    int m_baseline = 0;
    core::Thresholds m_thresholds;
    std::vector<std::vector<stats::Judgement>> m_judgements;       // [row][run]
    std::vector<std::vector<std::optional<core::Figure>>> m_cells; // [row][run]
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
