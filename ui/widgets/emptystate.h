#pragma once
// What an empty page shows instead of empty tables and axes: one line that says what would fill
// it, a sentence on how, and the actions that get there, each one click. The runs page, the run
// detail and the comparison use it, so every empty view reads alike.
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace optibench::ui {

class EmptyState : public QWidget {
    Q_OBJECT
public:
    EmptyState(const QString &title, const QString &text, QWidget *parent = nullptr);
    // A button under the text; the first one added is the default action (drawn as such).
    QPushButton *addAction(const QString &label, const QString &toolTip, const QString &objectName);
    void setText(const QString &text);
    QString title() const;
    QString text() const;

private:
    QLabel *m_title;
    QLabel *m_text;
    QVBoxLayout *m_buttons;
};

// Fills owner edge to edge with stack: page 0 the empty state, page 1 the content.
void layOutWithEmptyState(QWidget *owner, QStackedWidget *stack, QWidget *empty, QWidget *content);

// A wrapped line in the placeholder colour: a hint on what to do next, never a value.
QLabel *hintLabel(const QString &text, QWidget *parent);
// Gives a label made elsewhere (a Designer form) the look of hintLabel.
void showAsHint(QLabel *label);

} // namespace optibench::ui
