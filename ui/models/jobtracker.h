#pragma once
// Runs a job on a thread pool and hands its result back on the owner's thread, dropping it when
// a newer job was started meanwhile or the owner is gone (hotspot's jobtracker.h pattern).
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <type_traits>
#include <utility>

namespace optibench::ui {

class JobTracker {
public:
    explicit JobTracker(QObject *context) : m_context(context) {}

    bool isJobRunning() const { return m_running; }
    quint64 currentJobId() const { return m_jobId; }
    // Forgets the running job: its result will be dropped.
    void cancel()
    {
        ++m_jobId;
        m_running = false;
    }

    // job() runs on the pool; then(result) runs on the context's thread, only for the newest job.
    template<typename Job, typename Then>
    void startJob(QThreadPool *pool, Job &&job, Then &&then)
    {
        using Result = std::invoke_result_t<Job>;
        const quint64 id = ++m_jobId;
        m_running = true;
        QPointer<QObject> context(m_context);
        JobTracker *self = this; // lives as long as the context (a member of it)
        (void)QtConcurrent::run(pool,
                                [context, self, id, job = std::forward<Job>(job),
                                 then = std::forward<Then>(then)]() mutable {
                                    // shared_ptr: the queued functor must be copyable whatever the result type.
                                    auto result = std::make_shared<Result>(job());
                                    if (!context)
                                        return;
                                    QMetaObject::invokeMethod(
                                        context.data(),
                                        [context, self, id, result, then]() mutable {
                                            if (!context || self->m_jobId != id)
                                                return;
                                            self->m_running = false;
                                            then(std::move(*result));
                                        },
                                        Qt::QueuedConnection);
                                });
    }

private:
    QObject *m_context;
    quint64 m_jobId = 0;
    bool m_running = false;
};

} // namespace optibench::ui
