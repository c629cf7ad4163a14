#include "ui/runsview.h"

#include "ui/runsmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
// Shown by default; the other metric columns are one header click away.
const QStringList kDefaultMetrics = {QStringLiteral("latency_p50_ms"), QStringLiteral("latency_p99_ms"),
                                     QStringLiteral("throughput_seq_s"), QStringLiteral("peak_memory_bytes"),
                                     QStringLiteral("model_bytes"), QStringLiteral("accuracy")};
} // namespace

RunsView::RunsView(RunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new RunsFilterModel(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(model);
    m_search->setPlaceholderText(tr("Search name, model, optimizations, notes (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_status->addItem(tr("All statuses"), QString());
    m_status->addItem(tr("done"), QStringLiteral("done"));
    m_status->addItem(tr("running"), QStringLiteral("running"));
    m_status->addItem(tr("failed"), QStringLiteral("failed"));
    m_status->addItem(tr("cancelled"), QStringLiteral("cancelled"));
    m_status->addItem(tr("interrupted"), QStringLiteral("interrupted"));
    m_status->setToolTip(tr("Show only runs with this status"));

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

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(new QLabel(tr("Status:"), this));
    filters->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table);

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
    // Extra metric columns appear on a reset: apply the chosen columns again.
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsView::restoreColumns);
    restoreColumns();
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
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
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
    const auto answer = QMessageBox::question(
        this, tr("Delete runs"),
        tr("Delete %n run(s) with their metrics, series and traces? This cannot be undone.", nullptr, int(ids.size()))
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
    const QString notes = QInputDialog::getMultiLineText(this, tr("Notes"), tr("Notes on run #%1:").arg(r->id),
                                                         r->notes, &ok);
    if (ok)
        m_model->setData(m_model->index(row, RunsModel::NotesColumn), notes);
}

void RunsView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const QVector<qint64> ids = selectedRunIds();
    const qint64 runId = index.data(RunsModel::RunIdRole).toLongLong();
    const QString specJson = index.data(RunsModel::SpecRole).toString();
    const QString name = m_model->row(m_model->rowOfRun(runId)) ? m_model->row(m_model->rowOfRun(runId))->name
                                                                : QString();
    QMenu menu(this);
    menu.addAction(tr("Show details"), this, [this, runId] { emit detailsRequested(runId); });
    menu.addAction(tr("Rename"), this, [this, index] {
        m_table->edit(index.siblingAtColumn(RunsModel::NameColumn));
    });
    menu.addAction(tr("Edit notes…"), this, &RunsView::editNotesOfSelected)->setEnabled(ids.size() == 1);
    if (m_model->baselineRunId() == runId)
        menu.addAction(tr("Clear baseline"), this, [this] { m_model->setBaselineRunId(0); });
    else
        menu.addAction(tr("Use as baseline"), this, [this, runId] { m_model->setBaselineRunId(runId); });
    menu.addAction(tr("Run again"), this, [this, name, specJson] { emit rerunRequested(name, specJson); })
        ->setEnabled(!specJson.isEmpty());
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
