#pragma once
// Where a run's time went: ops by self and total time, layers (range totals) and GPU kernels,
// from its stored trace. The trace is read and summarised on a worker thread (its own store
// connection); a result for a run that is no longer shown is dropped.
#include "ui/models/jobtracker.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTableView;
class QThreadPool;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class KernelStatsModel;
class OpStatsModel;
class RangeStatsModel;

class TraceSummaryView : public QWidget {
    Q_OBJECT
public:
    explicit TraceSummaryView(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    ~TraceSummaryView() override;

    void setRun(qint64 runId);
    qint64 runId() const { return m_runId; }
    bool isLoading() const { return m_jobs.isJobRunning(); }
    OpStatsModel *opModel() const { return m_ops; }
    RangeStatsModel *rangeModel() const { return m_ranges; }
    KernelStatsModel *kernelModel() const { return m_kernels; }
    QLabel *kernelNote() const { return m_kernelNote; }

signals:
    void summaryReady(qint64 runId);
    void errorOccurred(const QString &message);

private:
    std::shared_ptr<core::Store> m_store;
    QThreadPool *m_pool;
    JobTracker m_jobs;
    qint64 m_runId = 0;
    QLabel *m_status;
    QLabel *m_kernelNote;
    OpStatsModel *m_ops;
    RangeStatsModel *m_ranges;
    KernelStatsModel *m_kernels;
};

} // namespace optibench::ui
