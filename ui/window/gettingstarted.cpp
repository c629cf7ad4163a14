#include "ui/window/gettingstarted.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(GettingStarted)
};
} // namespace

void showGettingStarted(QWidget *parent)
{
    // One page, reused: F1 again raises it rather than opening a second one.
    static const char kName[] = "gettingStarted";
    if (auto *open = parent->findChild<QDialog *>(QLatin1String(kName))) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QLatin1String(kName));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(Text::tr("Getting started"));
    auto *text = new QTextBrowser(dialog);
    text->setOpenExternalLinks(true);
    // Relative image paths resolve against the page's own folder in the resources.
    text->setSource(QUrl(QStringLiteral("qrc:/docs/getting-started.md")), QTextDocument::MarkdownResource);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(980, 840);
    dialog->show();
}

} // namespace optibench::ui
