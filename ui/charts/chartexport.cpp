#include "ui/charts/chartexport.h"
#include "app/core/export.h"
#include "ui/models/convert.h"

#include <qcustomplot.h>

#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QTextStream>

namespace optibench::ui {

namespace {
QString csvField(const QString &s)
{
    return toQ(core::csvField(fromQ(s)));
}

// QSvgGenerator writes the size in millimetres, which viewers convert back at 90 or 96 dpi
// and get different pixel sizes; plain pixel units give every viewer the chosen size.
bool fixSvgSize(const QString &fileName, int width, int height)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QString svg = QString::fromUtf8(file.readAll());
    file.close();
    static const QRegularExpression size(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
    const QRegularExpressionMatch match = size.match(svg);
    if (match.hasMatch())
        svg.replace(match.capturedStart(), match.capturedLength(),
                    QStringLiteral("width=\"%1\" height=\"%2\"").arg(width).arg(height));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(svg.toUtf8()) >= 0;
}

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const QSize &current, QWidget *parent) : QDialog(parent)
    {
        setWindowTitle(tr("Export chart"));
        m_file = new QLineEdit(this);
        auto *browse = new QPushButton(tr("Browse…"), this);
        m_width = new QSpinBox(this);
        m_height = new QSpinBox(this);
        m_dpi = new QSpinBox(this);
        m_width->setRange(100, 10000);
        m_height->setRange(100, 10000);
        m_dpi->setRange(48, 1200);
        m_width->setSuffix(tr(" px"));
        m_height->setSuffix(tr(" px"));
        m_dpi->setSuffix(tr(" dpi"));
        m_width->setValue(qMax(100, current.width()));
        m_height->setValue(qMax(100, current.height()));
        m_dpi->setValue(96);
        m_dpi->setToolTip(tr("Resolution written into the image; higher values draw text and lines larger"));
        auto *fileRow = new QHBoxLayout;
        fileRow->addWidget(m_file, 1);
        fileRow->addWidget(browse);
        auto *form = new QFormLayout;
        form->addRow(tr("File:"), fileRow);
        form->addRow(tr("Width:"), m_width);
        form->addRow(tr("Height:"), m_height);
        form->addRow(tr("Resolution:"), m_dpi);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        auto *layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(buttons);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString f = QFileDialog::getSaveFileName(this, tr("Export chart"), m_file->text(),
                                                           tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document "
                                                              "(*.pdf);;JPEG image (*.jpg);;CSV data (*.csv)"));
            if (!f.isEmpty())
                m_file->setText(f);
        });
    }
    QString fileName() const { return m_file->text().trimmed(); }
    ChartExportOptions options() const { return {m_width->value(), m_height->value(), m_dpi->value()}; }

private:
    QLineEdit *m_file;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QSpinBox *m_dpi;
};
} // namespace

bool exportChart(QCustomPlot *plot, const QString &fileName, const ChartExportOptions &o, QString *error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const double scale = o.dpi / 96.0;
    // The chart is laid out at width/scale and rendered scaled, so the file has exactly width x height pixels.
    const int logicalWidth = qMax(1, qRound(o.width / scale));
    const int logicalHeight = qMax(1, qRound(o.height / scale));
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot->savePng(fileName, logicalWidth, logicalHeight, scale, -1, o.dpi);
    } else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) {
        ok = plot->saveJpg(fileName, logicalWidth, logicalHeight, scale, 90, o.dpi);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(fileName, o.width, o.height);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(fileName);
        generator.setSize(QSize(o.width, o.height));
        generator.setViewBox(QRect(0, 0, o.width, o.height));
        generator.setResolution(o.dpi);
        generator.setTitle(plot->windowTitle());
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            plot->toPainter(&painter, o.width, o.height);
            ok = painter.end() && fixSvgSize(fileName, o.width, o.height);
        }
    } else if (suffix == QLatin1String("csv")) {
        return exportChartData(plot, fileName, error);
    } else {
        if (error)
            *error = QObject::tr("Unknown image format \"%1\": use .png, .jpg, .pdf, .svg or .csv").arg(suffix);
        return false;
    }
    if (!ok && error)
        *error = QObject::tr("Could not write %1").arg(fileName);
    return ok;
}

bool exportChartData(QCustomPlot *plot, const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        if (error)
            *error = QObject::tr("Could not write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "series,x,label,y\n";
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *p = plot->plottable(i);
        QMap<double, QString> labels;
        if (auto text = p->keyAxis()->ticker().dynamicCast<QCPAxisTickerText>())
            labels = text->ticks();
        auto write = [&](double key, double value) {
            out << csvField(p->name()) << ',' << QString::number(key, 'g', 12) << ',' << csvField(labels.value(key))
                << ',' << QString::number(value, 'g', 12) << '\n';
        };
        if (auto *graph = qobject_cast<QCPGraph *>(p)) {
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
                write(it->key, it->value);
        } else if (auto *bars = qobject_cast<QCPBars *>(p)) {
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                write(it->key, it->value);
        }
    }
    out.flush();
    if (file.error() != QFile::NoError) {
        if (error)
            *error = QObject::tr("Could not write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

bool exportChartInteractive(QCustomPlot *plot, QWidget *parent)
{
    ExportDialog dialog(plot->size(), parent);
    if (dialog.exec() != QDialog::Accepted || dialog.fileName().isEmpty())
        return false;
    QString error;
    if (!exportChart(plot, dialog.fileName(), dialog.options(), &error)) {
        QMessageBox::warning(parent, QObject::tr("Export chart"), error);
        return false;
    }
    return true;
}

void installExportMenu(QCustomPlot *plot)
{
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot](const QPoint &pos) {
        QMenu menu(plot);
        menu.addAction(QObject::tr("Export chart…"), plot, [plot] { exportChartInteractive(plot, plot->window()); });
        menu.addAction(QObject::tr("Export data as CSV…"), plot, [plot] {
            const QString f = QFileDialog::getSaveFileName(plot->window(), QObject::tr("Export chart data"), QString(),
                                                           QObject::tr("CSV data (*.csv)"));
            QString error;
            if (!f.isEmpty() && !exportChartData(plot, f, &error))
                QMessageBox::warning(plot->window(), QObject::tr("Export chart data"), error);
        });
        menu.addAction(QObject::tr("Reset zoom"), plot, [plot] {
            plot->rescaleAxes();
            plot->replot();
        });
        menu.exec(plot->mapToGlobal(pos));
    });
}

} // namespace optibench::ui

#include "chartexport.moc"
