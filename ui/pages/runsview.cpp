#include "ui/pages/runsview.h"

#include "ui/models/runsmodel.h"
#include "ui/widgets/emptystate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
// Shown by default; the other metric columns are one header click away.
const QStringList kDefaultMetrics = {QStringLiteral("latency_p50_ms"),   QStringLiteral("latency_p99_ms"),
                                     QStringLiteral("throughput_seq_s"), QStringLiteral("peak_memory_bytes"),
                                     QStringLiteral("model_bytes"),      QStringLiteral("accuracy")};
} // namespace

RunsView::RunsView(RunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new RunsFilterModel(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_stack(new QStackedWidget(this))
    , m_start(nullptr)
    , m_hint(hintLabel(QString(), this))
{
    m_proxy->setSourceModel(model);
    setUpFilters();
    setUpTable();
    m_hint->setObjectName(QStringLiteral("runsHint"));
    m_table->installEventFilter(this);

    auto *tablePage = new QWidget(this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(new QLabel(tr("Status:"), tablePage));
    filters->addWidget(m_status);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filters);
    tableLayout->addWidget(m_hint);
    tableLayout->addWidget(m_table, 1);
    layOutWithEmptyState(this, m_stack, buildStartPage(), tablePage);

    connectSignals();
    restoreColumns();
    updateEmptyState();
}

// The search field and the status filter above the table.
void RunsView::setUpFilters()
{
    m_search->setPlaceholderText(tr("Search name, model, optimizations, notes (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_status->addItem(tr("All statuses"), QString());
    m_status->addItem(tr("done"), QStringLiteral("done"));
    m_status->addItem(tr("running"), QStringLiteral("running"));
    m_status->addItem(tr("failed"), QStringLiteral("failed"));
    m_status->addItem(tr("cancelled"), QStringLiteral("cancelled"));
    m_status->addItem(tr("interrupted"), QStringLiteral("interrupted"));
    m_status->setToolTip(tr("Show only runs with this status"));
}

void RunsView::setUpTable()
{
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunsModel::IdColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(RunsModel::IdColumn, 50);
    m_table->setColumnWidth(RunsModel::NameColumn, 180);
    m_table->setColumnWidth(RunsModel::ModelColumn, 130);
    m_table->setColumnWidth(RunsModel::StatusColumn, 80);
    m_table->setColumnWidth(RunsModel::TogglesColumn, 200);
    m_table->setColumnWidth(RunsModel::CreatedColumn, 130);
}

// The filters, the table's menus and activation, and the models' resets (which keep the selection).
void RunsView::connectSignals()
{
    connect(m_search, &QLineEdit::textChanged, m_proxy, &RunsFilterModel::setSearchText);
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStatus(m_status->currentData().toString()); });
    connect(m_table, &QTableView::customContextMenuRequested, this, &RunsView::showContextMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &RunsView::showHeaderMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != RunsModel::NameColumn && index.column() != RunsModel::NotesColumn)
            emit detailsRequested(index.data(RunsModel::RunIdRole).toLongLong());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsView::selectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emit currentRunChanged(currentRunId()); });
    // Extra metric columns appear on a reset: apply the chosen columns again. A reset also
    // drops the selection without a signal; the same runs are selected again.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_keptSelection = selectedRunIds();
        m_keptCurrent = currentRunId();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsView::restoreColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsView::restoreSelection);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunsView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &RunsView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &RunsView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &RunsView::updateEmptyState);
}

QWidget *RunsView::buildStartPage()
{
    m_start = new EmptyState(
        tr("Find out which optimizations make your model cheaper on this machine"),
        tr("OptiBench runs a model with and without quantization, pruning, lower precision or less padding, "
           "measures speed, memory and quality, and compares the runs. Start with the built-in demo model: "
           "a first run takes a few seconds. You can also drop a model folder onto this window."),
        this);
    m_start->setObjectName(QStringLiteral("startPage"));
    QPushButton *demo =
        m_start
            ->addAction(tr("Run the demo model"),
                        tr("Queue a baseline run of the built-in demo model (Ctrl+R runs the experiment panel's spec)"),
                        QStringLiteral("runDemo"));
    QPushButton *open =
        m_start
            ->addAction(tr("Open a model folder…"),
                        tr("A Hugging Face folder (config.json and model.safetensors) or a TorchScript file (Ctrl+O)"),
                        QStringLiteral("openModel"));
    QPushButton *import =
        m_start->addAction(tr("Import runs…"),
                           tr("Add the runs of a bundle made by optibench-cli export --format json (Ctrl+I)"),
                           QStringLiteral("importRuns"));
    connect(demo, &QPushButton::clicked, this, &RunsView::demoRequested);
    connect(open, &QPushButton::clicked, this, &RunsView::openModelRequested);
    connect(import, &QPushButton::clicked, this, &RunsView::importRequested);
    return m_start;
}

bool RunsView::showsStartPage() const
{
    return m_stack->currentWidget() == m_start;
}

void RunsView::updateEmptyState()
{
    const int stored = m_model->rowCount();
    // Only a start page the user is looking at hands over to the first run.
    const bool wasStart = showsStartPage() && isVisible();
    m_stack->setCurrentIndex(stored == 0 ? 0 : 1);
    if (stored == 1)
        m_hint->setText(tr("Next: change one optimization in the Experiment panel (quantization, say) and run it; then "
                           "select both runs (Ctrl+A) to compare them."));
    else if (m_proxy->rowCount() == 0)
        m_hint->setText(tr("No run matches the search or the status filter."));
    else
        m_hint->clear();
    m_hint->setVisible(!m_hint->text().isEmpty());
    // The first run that lands on the start page becomes the current one, so its detail shows.
    if (wasStart && stored > 0 && !m_table->currentIndex().isValid()) {
        m_table->selectRow(0);
        m_table->setFocus();
    }
}

void RunsView::restoreSelection()
{
    if (m_keptSelection.isEmpty() && m_keptCurrent == 0)
        return; // nothing was selected (the start page may have chosen a run since)
    QItemSelection selection;
    for (qint64 id : std::as_const(m_keptSelection)) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOfRun(id), 0));
        if (index.isValid())
            selection.select(index, index);
    }
    QItemSelectionModel *model = m_table->selectionModel();
    const QModelIndex current = m_proxy->mapFromSource(m_model->index(m_model->rowOfRun(m_keptCurrent), 0));
    if (current.isValid())
        model->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    model->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_keptSelection.clear();
    m_keptCurrent = 0;
}

qint64 RunsView::currentRunId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(RunsModel::RunIdRole).toLongLong() : 0;
}

bool RunsView::eventFilter(QObject *watched, QEvent *event)
{
    // Enter or Return on a run opens its detail. One that ends a cell's editing comes up from
    // the editor, which holds the focus, and is left alone.
    if (watched == m_table && event->type() == QEvent::KeyPress && m_table->hasFocus()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && currentRunId() > 0) {
            emit detailsRequested(currentRunId());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QVector<qint64> RunsView::selectedRunIds() const
{
    QVector<qint64> ids;
    const auto rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids << index.data(RunsModel::RunIdRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void RunsView::selectRun(qint64 runId)
{
    const int row = m_model->rowOfRun(runId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void RunsView::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void RunsView::deleteSelected()
{
    const QVector<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (qint64 id : ids) {
        if (const RunRow *r = m_model->row(m_model->rowOfRun(id)))
            names << tr("#%1 %2").arg(id).arg(r->name);
    }
    const auto answer =
        QMessageBox::question(this, tr("Delete runs"),
                              tr("Delete %n run(s) with their metrics, series and traces? This cannot be undone.",
                                 nullptr, int(ids.size()))
                                  + QStringLiteral("\n\n") + names.mid(0, 10).join(QLatin1Char('\n')),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_model->deleteRuns(ids);
}

void RunsView::editNotesOfSelected()
{
    const QVector<qint64> ids = selectedRunIds();
    if (ids.size() != 1)
        return;
    const int row = m_model->rowOfRun(ids.first());
    const RunRow *r = m_model->row(row);
    bool ok = false;
    const QString notes =
        QInputDialog::getMultiLineText(this, tr("Notes"), tr("Notes on run #%1:").arg(r->id), r->notes, &ok);
    if (ok)
        m_model->setData(m_model->index(row, RunsModel::NotesColumn), notes);
}

bool RunsView::queuedRun(qint64 runId, QueuedRun *run) const
{
    const RunRow *r = m_model->row(m_model->rowOfRun(runId));
    if (!r || r->specJson.isEmpty())
        return false;
    *run = {r->name, r->specJson};
    return true;
}

bool RunsView::interleavedRerun(QueuedRun *baseline, QVector<QueuedRun> *others) const
{
    QueuedRun base;
    if (!queuedRun(m_model->baselineRunId(), &base))
        return false;
    QVector<QueuedRun> rest;
    for (qint64 id : selectedRunIds()) {
        QueuedRun r;
        if (id != m_model->baselineRunId() && queuedRun(id, &r))
            rest << r;
    }
    if (baseline)
        *baseline = base;
    if (others)
        *others = rest;
    return !rest.isEmpty();
}

void RunsView::rerunSelectedInterleaved()
{
    QueuedRun baseline;
    QVector<QueuedRun> others;
    if (interleavedRerun(&baseline, &others))
        emit interleavedRerunRequested(baseline, others);
}

void RunsView::calibrateCurrent()
{
    QueuedRun run;
    if (!queuedRun(currentRunId(), &run))
        return;
    bool ok = false;
    const int pairs = QInputDialog::getInt(this, tr("Calibrate noise floor"),
                                           tr("Runs the spec of \"%1\" against itself in interleaved A/A pairs and "
                                              "stores how far the twins land apart on each timed metric.\n\n"
                                              "A/A pairs:")
                                               .arg(run.name),
                                           3, 1, 20, 1, &ok);
    if (ok)
        emit calibrateRequested(run, pairs);
}

void RunsView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const QVector<qint64> ids = selectedRunIds();
    const qint64 runId = index.data(RunsModel::RunIdRole).toLongLong();
    const QString specJson = index.data(RunsModel::SpecRole).toString();
    const QString name =
        m_model->row(m_model->rowOfRun(runId)) ? m_model->row(m_model->rowOfRun(runId))->name : QString();
    QMenu menu(this);
    menu.addAction(tr("Show details"), this, [this, runId] { emit detailsRequested(runId); });
    menu.addAction(tr("Rename"), this, [this, index] { m_table->edit(index.siblingAtColumn(RunsModel::NameColumn)); });
    menu.addAction(tr("Edit notes…"), this, &RunsView::editNotesOfSelected)->setEnabled(ids.size() == 1);
    if (m_model->baselineRunId() == runId)
        menu.addAction(tr("Clear baseline"), this, [this] { m_model->setBaselineRunId(0); });
    else
        menu.addAction(tr("Use as baseline"), this, [this, runId] { m_model->setBaselineRunId(runId); });
    menu.addAction(tr("Run again"), this, [this, name, specJson] { emit rerunRequested(name, specJson); })
        ->setEnabled(!specJson.isEmpty());
    menu.addAction(tr("Re-run interleaved against the baseline"), this, &RunsView::rerunSelectedInterleaved)
        ->setEnabled(interleavedRerun(nullptr, nullptr));
    menu.addAction(tr("Calibrate noise floor…"), this, &RunsView::calibrateCurrent)->setEnabled(!specJson.isEmpty());
    menu.addAction(tr("Compare selected"), this, [this, ids] { emit compareRequested(ids); })
        ->setEnabled(ids.size() >= 2);
    menu.addSeparator();
    menu.addAction(tr("Delete…"), this, &RunsView::deleteSelected);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void RunsView::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    QHeaderView *header = m_table->horizontalHeader();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != RunsModel::NameColumn);
        connect(action, &QAction::toggled, this, [this, header, column](bool on) {
            header->setSectionHidden(column, !on);
            saveColumns();
        });
    }
    menu.exec(header->mapToGlobal(pos));
}

// Columns are remembered by name (metric key), so new metric columns do not shift them.
static QString columnId(const RunsModel *model, int column)
{
    const QString key = model->metricKey(column);
    return key.isEmpty() ? QStringLiteral("col%1").arg(column) : key;
}

void RunsView::saveColumns() const
{
    QStringList shown;
    for (int column = 0; column < m_model->columnCount(); ++column) {
        if (!m_table->horizontalHeader()->isSectionHidden(column))
            shown << columnId(m_model, column);
    }
    QSettings().setValue(QStringLiteral("runs/columns"), shown);
}

void RunsView::restoreColumns()
{
    const QVariant saved = QSettings().value(QStringLiteral("runs/columns"));
    QStringList shown;
    if (saved.isValid()) {
        shown = saved.toStringList();
    } else {
        for (int column = 0; column < RunsModel::FirstMetricColumn; ++column) {
            if (column != RunsModel::NotesColumn && column != RunsModel::DurationColumn)
                shown << columnId(m_model, column);
        }
        shown += kDefaultMetrics;
    }
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_table->horizontalHeader()->setSectionHidden(column, !shown.contains(columnId(m_model, column)));
}

} // namespace optibench::ui
