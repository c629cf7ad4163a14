#pragma once
// Builds a sweep over the experiment panel's spec: tick the values of any toggle (precision,
// quantization, pruning, padding), type the numbers (pruning amount, batch size, max length,
// threads) or any other field in grid syntax, and see at once how many runs the grid makes,
// which combinations are invalid and why. The runs are interleaved in one worker process by
// default. The choices are kept for the next sweep (QSettings).
#include "ui/models/sweepplan.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace optibench::ui {

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    explicit SweepDialog(const QString &baseSpecJson, QWidget *parent = nullptr);

    // The values a toggle takes (ticked, or typed for a number); empty: the toggle stays.
    void setValues(const QString &path, const QStringList &values);
    QStringList values(const QString &path) const;
    void setExtraGrid(const QString &grid);
    void setInterleaved(bool interleaved);
    bool interleaved() const;
    QString gridText() const;
    const SweepPlan &plan() const { return m_plan; }
    QPushButton *queueButton() const { return m_queue; }
    QLabel *summary() const { return m_summary; }

    void accept() override; // keeps the choices for the next sweep

private:
    QWidget *buildChoices();
    void restoreChoices();
    void updatePlan();

    QString m_base;
    QTreeWidget *m_tree;
    QHash<QString, QTreeWidgetItem *> m_choiceItems; // toggle path -> its parent item
    QHash<QString, QLineEdit *> m_numbers;           // toggle path -> its field
    QLineEdit *m_extra;
    QCheckBox *m_interleave;
    QLabel *m_summary;
    QPushButton *m_queue;
    SweepPlan m_plan;
};

} // namespace optibench::ui
