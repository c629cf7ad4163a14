#include "ui/pages/tracediffview.h"

#include "app/core/store.h"
#include "app/core/trace_records.h"
#include "profiler/trace/trace_diff.h"
#include "ui/models/convert.h"
#include "ui/models/tracemodels.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
struct DiffResult {
    profiler::TraceDiff diff;
    std::size_t eventsA = 0, eventsB = 0;
    QString error;
};
} // namespace

TraceDiffView::TraceDiffView(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_pool(new QThreadPool(this))
    , m_jobs(this)
    , m_status(new QLabel(this))
    , m_model(new TraceDiffModel(this))
{
    m_pool->setMaxThreadCount(1);
    m_status->setWordWrap(true);
    auto *view = new QTableView(this);
    view->setModel(m_model);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(TraceDiffModel::Name, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(view, 1);
    setRuns(0, 0);
}

TraceDiffView::~TraceDiffView()
{
    m_jobs.cancel();
    m_pool->waitForDone();
}

void TraceDiffView::setRuns(qint64 a, qint64 b)
{
    m_model->setDiff({});
    if (a <= 0 || b <= 0) {
        m_jobs.cancel();
        m_status->setText(tr("Compare two traced runs to see which ops and kernels changed."));
        return;
    }
    m_status->setText(tr("Diffing the traces of #%1 and #%2…").arg(a).arg(b));
    const std::string path = m_store->path();
    m_jobs.startJob(
        m_pool,
        [path, a, b] {
            DiffResult r;
            try {
                const profiler::Trace ta = core::loadTraceByStart(path, a), tb = core::loadTraceByStart(path, b);
                r.eventsA = ta.events.size();
                r.eventsB = tb.events.size();
                r.diff = profiler::diffTraces(ta, tb, 0.05);
            } catch (const std::exception &e) {
                r.error = toQ(e.what());
            }
            return r;
        },
        [this, a, b](DiffResult r) {
            if (!r.error.isEmpty())
                m_status->setText(tr("Could not read the traces: %1").arg(r.error));
            else if (r.eventsA == 0 || r.eventsB == 0)
                m_status->setText(tr("Run #%1 or #%2 has no trace; turn on op tracing to diff them.").arg(a).arg(b));
            else {
                m_model->setDiff(r.diff);
                m_status->setText(
                    tr("A: #%1 (baseline), B: #%2. %n op(s) or kernel(s) added, removed or changed by more "
                       "than 5 %; green: less time in B.",
                       nullptr, m_model->rowCount())
                        .arg(a)
                        .arg(b));
            }
            emit diffReady();
        });
}

} // namespace optibench::ui
