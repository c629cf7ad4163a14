#pragma once
// What changed between two traced runs: ops and kernels added, removed or changed
// (profiler::diffTraces), by time difference. Both traces are read and diffed on a worker thread.
#include "ui/models/jobtracker.h"

#include <QWidget>

#include <memory>

class QLabel;
class QThreadPool;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class TraceDiffModel;

class TraceDiffView : public QWidget {
    Q_OBJECT
public:
    explicit TraceDiffView(std::shared_ptr<core::Store> store, QWidget *parent = nullptr);
    ~TraceDiffView() override;
    // a: the reference (baseline), b: the run it is compared with; 0 clears.
    void setRuns(qint64 a, qint64 b);
    TraceDiffModel *model() const { return m_model; }
    bool isLoading() const { return m_jobs.isJobRunning(); }

signals:
    void diffReady();

private:
    std::shared_ptr<core::Store> m_store;
    QThreadPool *m_pool;
    JobTracker m_jobs;
    QLabel *m_status;
    TraceDiffModel *m_model;
};

} // namespace optibench::ui
