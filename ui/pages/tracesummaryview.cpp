#include "ui/pages/tracesummaryview.h"

#include "app/core/store.h"
#include "app/core/trace_records.h"
#include "profiler/trace/summary.h"
#include "ui/models/convert.h"
#include "ui/models/tracemodels.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
struct SummaryResult {
    profiler::TraceSummary summary;
    std::size_t events = 0;
    QString error;
};

QWidget *makeTable(QWidget *parent, const QString &title, TraceTableModel *model, int sortColumn,
                   QLabel *note = nullptr)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(title), box));
    auto *proxy = new QSortFilterProxyModel(box);
    proxy->setSourceModel(model);
    proxy->setSortRole(TraceTableModel::SortRole);
    auto *view = new QTableView(box);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(sortColumn, Qt::DescendingOrder);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < model->columnCount(); ++c)
        view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(view, 1);
    if (note)
        layout->addWidget(note);
    return box;
}
} // namespace

TraceSummaryView::TraceSummaryView(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_pool(new QThreadPool(this))
    , m_jobs(this)
    , m_status(new QLabel(this))
    , m_kernelNote(new QLabel(this))
    , m_ops(new OpStatsModel(this))
    , m_ranges(new RangeStatsModel(this))
    , m_kernels(new KernelStatsModel(this))
{
    m_pool->setMaxThreadCount(1);
    m_status->setWordWrap(true);
    m_kernelNote->setWordWrap(true);
    m_kernelNote->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(makeTable(split, tr("Ops (sort by self or total time)"), m_ops, OpStatsModel::Self));
    split->addWidget(makeTable(split, tr("Layers"), m_ranges, RangeStatsModel::Total));
    split->addWidget(makeTable(split, tr("GPU kernels"), m_kernels, KernelStatsModel::Total, m_kernelNote));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    setRun(0);
}

TraceSummaryView::~TraceSummaryView()
{
    m_jobs.cancel();
    m_pool->waitForDone();
}

void TraceSummaryView::setRun(qint64 runId)
{
    m_runId = runId;
    m_ops->setSummary({});
    m_ranges->setSummary({});
    m_kernels->setSummary({});
    m_kernelNote->clear();
    if (runId <= 0) {
        m_jobs.cancel();
        m_status->setText(tr("No run selected."));
        return;
    }
    m_status->setText(tr("Summarising the trace…"));
    const std::string path = m_store->path();
    m_jobs.startJob(
        m_pool,
        [path, runId] {
            SummaryResult r;
            try {
                const profiler::Trace trace = core::loadTraceByStart(path, runId);
                r.events = trace.events.size();
                r.summary = profiler::summarize(trace);
            } catch (const std::exception &e) {
                r.error = toQ(e.what());
            }
            return r;
        },
        [this, runId](SummaryResult r) {
            if (!r.error.isEmpty()) {
                m_status->setText(tr("Could not read the trace: %1").arg(r.error));
                emit errorOccurred(m_status->text());
                return;
            }
            m_ops->setSummary(r.summary);
            m_ranges->setSummary(r.summary);
            m_kernels->setSummary(r.summary);
            if (r.events == 0) {
                m_status->setText(tr("This run has no trace. Turn on op tracing in the experiment to record one."));
            } else {
                m_status->setText(
                    tr("%n event(s) over %1; ops' self time %2.", nullptr, int(r.events))
                        .arg(formatDuration(double(r.summary.spanNs)), formatDuration(double(r.summary.opSelfNs))));
            }
            if (r.events > 0 && r.summary.kernels.empty())
                m_kernelNote->setText(tr("No GPU kernels in this trace (a CPU run, or kernel tracing was off)."));
            emit summaryReady(runId);
        });
}

} // namespace optibench::ui
