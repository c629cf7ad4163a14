#include "ui/widgets/emptystate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
// Wide enough for a sentence per line, narrow enough to read at a glance.
constexpr int kTextWidth = 520;
} // namespace

EmptyState::EmptyState(const QString &title, const QString &text, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(title, this)), m_text(new QLabel(text, this)), m_buttons(new QVBoxLayout)
{
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setObjectName(QStringLiteral("emptyTitle"));
    m_text->setObjectName(QStringLiteral("emptyText"));
    for (QLabel *label : {m_title, m_text}) {
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignHCenter);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_buttons->setSpacing(8);

    // A centred column as wide as a sentence, narrower when the page is.
    auto *column = new QWidget(this);
    column->setMaximumWidth(kTextWidth);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *inner = new QVBoxLayout(column);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addWidget(m_title);
    inner->addSpacing(6);
    inner->addWidget(m_text);
    inner->addSpacing(14);
    inner->addLayout(m_buttons);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

QPushButton *EmptyState::addAction(const QString &label, const QString &toolTip, const QString &objectName)
{
    auto *button = new QPushButton(label, this);
    button->setToolTip(toolTip);
    button->setObjectName(objectName);
    button->setMinimumWidth(button->fontMetrics().horizontalAdvance(label) + 48);
    button->setMinimumHeight(button->fontMetrics().height() * 2);
    if (m_buttons->count() == 0) {
        // The default action stands out; the others are plain.
        QFont bold = button->font();
        bold.setBold(true);
        button->setFont(bold);
    }
    m_buttons->addWidget(button, 0, Qt::AlignHCenter);
    return button;
}

void EmptyState::setText(const QString &text)
{
    m_text->setText(text);
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

void layOutWithEmptyState(QWidget *owner, QStackedWidget *stack, QWidget *empty, QWidget *content)
{
    stack->addWidget(empty);
    stack->addWidget(content);
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    showAsHint(label);
    return label;
}

void showAsHint(QLabel *label)
{
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
}

} // namespace optibench::ui
