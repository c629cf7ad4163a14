#pragma once
// The run queue panel: a table of queued runs with a progress bar per row, and buttons to
// cancel one, cancel all, and clear finished rows. With nothing queued it collapses to one
// line that says how to queue a run.
#include <QWidget>

class QLabel;
class QTreeView;
class QPushButton;

namespace optibench::ui {

class RunQueueModel;

class RunQueueView : public QWidget {
    Q_OBJECT
public:
    explicit RunQueueView(RunQueueModel *model, QWidget *parent = nullptr);
    QTreeView *view() const { return m_view; }
    bool isCollapsed() const { return m_collapsed; }

signals:
    void collapsedChanged(bool collapsed);

private:
    void updateButtons();
    void updateCollapsed();

    RunQueueModel *m_model;
    QTreeView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_cancelAll;
    QPushButton *m_clear;
    QWidget *m_full;
    QLabel *m_idle;
    bool m_collapsed = false;
};

} // namespace optibench::ui
