#pragma once
// The run queue panel: a table of queued runs with a progress bar per row, and buttons to
// cancel one, cancel all, and clear finished rows.
#include <QWidget>

class QTreeView;
class QPushButton;

namespace optibench::ui {

class RunQueueModel;

class RunQueueView : public QWidget {
    Q_OBJECT
public:
    explicit RunQueueView(RunQueueModel *model, QWidget *parent = nullptr);
    QTreeView *view() const { return m_view; }

private:
    void updateButtons();

    RunQueueModel *m_model;
    QTreeView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_cancelAll;
    QPushButton *m_clear;
};

} // namespace optibench::ui
