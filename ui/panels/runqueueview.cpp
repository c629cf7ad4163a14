#include "ui/panels/runqueueview.h"

#include "ui/models/runqueuemodel.h"
#include "ui/widgets/emptystate.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
// Draws the progress column as a progress bar (the stage's done/total).
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int value = index.data(RunQueueModel::ProgressRole).toInt();
        if (value < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = value;
        bar.text = index.data(Qt::DisplayRole).toString();
        if (bar.text.isEmpty())
            bar.text = QStringLiteral("%1 %").arg(value);
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};
} // namespace

RunQueueView::RunQueueView(RunQueueModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTreeView(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_cancelAll(new QPushButton(tr("Cancel all"), this))
    , m_clear(new QPushButton(tr("Clear finished"), this))
    , m_full(new QWidget(this))
    , m_idle(hintLabel(tr("No runs queued. Run an experiment (Ctrl+R) and its progress shows here."), this))
{
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setItemDelegateForColumn(RunQueueModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(RunQueueModel::NameColumn, 200);
    m_view->setColumnWidth(RunQueueModel::ProgressColumn, 140);
    m_cancel->setToolTip(tr("Cancel the selected runs (a running one stops at its next step)"));
    m_cancelAll->setToolTip(tr("Cancel the running run and remove every queued one"));
    m_clear->setToolTip(tr("Remove finished, failed and cancelled runs from this list (they stay in the store)"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_cancelAll);
    buttons->addStretch();
    buttons->addWidget(m_clear);
    auto *fullLayout = new QVBoxLayout(m_full);
    fullLayout->setContentsMargins(0, 0, 0, 0);
    fullLayout->addWidget(m_view);
    fullLayout->addLayout(buttons);
    m_idle->setObjectName(QStringLiteral("queueIdle"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_idle);
    layout->addWidget(m_full);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const auto rows = m_view->selectionModel()->selectedRows();
        for (const QModelIndex &index : rows)
            m_model->cancel(index);
    });
    connect(m_cancelAll, &QPushButton::clicked, m_model, &RunQueueModel::cancelAll);
    connect(m_clear, &QPushButton::clicked, m_model, &RunQueueModel::clearFinished);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunQueueView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RunQueueView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &RunQueueView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RunQueueView::updateCollapsed);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &RunQueueView::updateCollapsed);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunQueueView::updateCollapsed);
    updateCollapsed();
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunQueueView::updateButtons);
    updateButtons();
}

void RunQueueView::updateCollapsed()
{
    const bool collapse = m_model->rowCount() == 0;
    if (collapse == m_collapsed)
        return;
    m_collapsed = collapse;
    m_full->setVisible(!collapse);
    m_idle->setVisible(collapse);
    // Collapsed, the panel is one line high; the dock follows its maximum height.
    setMaximumHeight(collapse ? minimumSizeHint().height() : QWIDGETSIZE_MAX);
    emit collapsedChanged(collapse);
}

void RunQueueView::updateButtons()
{
    const bool active = m_model->activeCount() > 0;
    m_cancelAll->setEnabled(active);
    m_cancel->setEnabled(active && m_view->selectionModel()->hasSelection());
    m_clear->setEnabled(m_model->rowCount() > m_model->activeCount());
}

} // namespace optibench::ui
