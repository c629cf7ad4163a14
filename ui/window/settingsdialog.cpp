#include "ui/window/settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
const char *kLanguageKey = "ui/language";
}

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent), m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    m_language->addItem(tr("System default"), QString());
    // Each language under its own name, so a user who cannot read the current one finds theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(language())));

    auto *note = new QLabel(tr("A new language is applied when OptiBench starts next."), this);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

QString SettingsDialog::language()
{
    return QSettings().value(QLatin1String(kLanguageKey)).toString();
}

void SettingsDialog::setLanguage(const QString &code)
{
    QSettings().setValue(QLatin1String(kLanguageKey), code);
}

QLocale SettingsDialog::uiLocale()
{
    const QString code = language();
    return code.isEmpty() ? QLocale() : QLocale(code);
}

void SettingsDialog::accept()
{
    setLanguage(m_language->currentData().toString());
    QDialog::accept();
}

} // namespace optibench::ui
