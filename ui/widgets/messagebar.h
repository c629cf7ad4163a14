#pragma once
// An inline message bar at the top of the window: errors and notices without modal dialogs.
#include <QFrame>

class QLabel;

namespace optibench::ui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Information, Error };
    explicit MessageBar(QWidget *parent = nullptr);
    void showMessage(const QString &text, Kind kind = Kind::Error);
    QString text() const;

private:
    QLabel *m_label;
};

} // namespace optibench::ui
