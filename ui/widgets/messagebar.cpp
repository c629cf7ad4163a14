#include "ui/widgets/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace optibench::ui {

MessageBar::MessageBar(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBar::showMessage(const QString &text, Kind kind)
{
    m_label->setText(text);
    const char *style = kind == Kind::Error ? "#messageBar { background: #fdecea; border: 1px solid #e0a39c; "
                                              "border-radius: 4px; } QLabel { color: #5f1d16; }"
                                            : "#messageBar { background: #e8f1fb; border: 1px solid #9dbbe0; "
                                              "border-radius: 4px; } QLabel { color: #173a63; }";
    setStyleSheet(QString::fromLatin1(style));
    show();
}

QString MessageBar::text() const
{
    return isVisible() ? m_label->text() : QString();
}

} // namespace optibench::ui
