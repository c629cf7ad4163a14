#pragma once
// Application settings: the interface language (system, English, German, Simplified Chinese),
// stored in QSettings under "ui/language" and applied by main() at the next start.
#include <QDialog>

class QComboBox;

namespace optibench::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    QComboBox *languageBox() const { return m_language; }

    // "" (follow the system), "en", "de" or "zh_CN".
    static QString language();
    static void setLanguage(const QString &code);
    // The locale translations load for: the chosen language, or the system's.
    static QLocale uiLocale();

    void accept() override;

private:
    QComboBox *m_language;
};

} // namespace optibench::ui
