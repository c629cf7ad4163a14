#include "ui/modelpanel.h"

#include "app/core/store.h"
#include "ui/convert.h"
#include "ui/metricinfo.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSettings>
#include <QVBoxLayout>

#include <limits>

namespace optibench::ui {

namespace {
constexpr int kRecentMax = 10;
const char kRecentKey[] = "models/recent";
} // namespace

ModelPanel::ModelPanel(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_info(new QLabel(this))
    , m_recent(new QListWidget(this))
{
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_recent->setToolTip(tr("Double-click to use this model"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_info);
    layout->addWidget(new QLabel(tr("Recent models:"), this));
    layout->addWidget(m_recent, 1);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit modelChosen(item->text()); });
}

QStringList ModelPanel::recentModels()
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void ModelPanel::addRecentModel(const QString &path)
{
    QStringList recent = recentModels();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kRecentMax)
        recent.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), recent);
}

void ModelPanel::setModelPath(const QString &path)
{
    m_path = path;
    refresh();
}

void ModelPanel::refresh()
{
    m_recent->clear();
    m_recent->addItems(recentModels());

    QString html = QStringLiteral("<b>%1</b><br>").arg(m_path.toHtmlEscaped());
    if (m_path.startsWith(QLatin1String("demo:"))) {
        html += tr("Built-in demo model: a small BERT-style encoder with random weights, for trying the tool.") + QStringLiteral("<br>");
    } else {
        const QFileInfo fi(m_path);
        if (!fi.exists())
            html += tr("<span style='color:#b3261e'>This path does not exist on this machine.</span>") + QStringLiteral("<br>");
        else if (fi.isDir())
            html += tr("Folder (Hugging Face format expected: config.json and weights)") + QStringLiteral("<br>");
        else
            html += tr("File, %1").arg(QLocale().formattedDataSize(fi.size())) + QStringLiteral("<br>");
    }

    try {
        const auto models = m_store->models();
        const QLocale locale;
        int known = 0;
        for (const auto &m : models) {
            if (toQ(m.source) != m_path)
                continue;
            ++known;
            html += QStringLiteral("<table>");
            html += tr("<tr><td>Architecture</td><td>%1</td></tr>").arg(toQ(m.architecture).toHtmlEscaped());
            html += tr("<tr><td>Format</td><td>%1</td></tr>").arg(toQ(m.format));
            html += tr("<tr><td>Parameters</td><td>%1</td></tr>").arg(formatMetric(QStringLiteral("parameters"), double(m.parameters)));
            if (m.sizeBytes > 0)
                html += tr("<tr><td>Size</td><td>%1</td></tr>").arg(locale.formattedDataSize(m.sizeBytes));
            if (!m.sha256.empty())
                html += tr("<tr><td>SHA-256</td><td>%1…</td></tr>").arg(toQ(m.sha256).left(16));
            html += QStringLiteral("</table>");
        }
        core::RunFilter filter;
        int runs = 0;
        double best = std::numeric_limits<double>::infinity();
        for (const auto &run : m_store->runs(filter)) {
            if (toQ(run.modelSource) != m_path)
                continue;
            ++runs;
            for (const auto &metric : m_store->metrics(run.id)) {
                if (metric.key == "latency_p50_ms" && metric.value < best)
                    best = metric.value;
            }
        }
        if (known == 0)
            html += tr("No run of this model is stored yet.");
        else
            html += tr("%n stored run(s)", nullptr, runs);
        if (runs > 0 && best < std::numeric_limits<double>::infinity())
            html += tr(", best latency p50 %1").arg(formatMetric(QStringLiteral("latency_p50_ms"), best));
    } catch (const std::exception &e) {
        html += tr("The store could not be read: %1").arg(toQ(e.what()).toHtmlEscaped());
    }
    m_info->setText(html);
}

} // namespace optibench::ui
