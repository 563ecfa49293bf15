#include "ui/manifest/ManifestPreview.h"

#include "ui/manifest/EnvelopeView.h"
#include "ui/manifest/ManifestDocument.h"
#include "ui/manifest/ManifestTask.h"

#include <memory>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace otadesk::ui {

using namespace otadesk::manifest;

namespace {
struct PreviewResult
{
    QList<SpecProblem> problems;
    QByteArray envelope;
    qsizetype manifestSize = 0;
    QString diagnostic;
    QString error;
};
} // namespace

ManifestPreview::ManifestPreview(ManifestDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_timer(new QTimer(this)), m_problems(new QListWidget),
      m_size(new QLabel), m_diagnostic(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("manifestPreview"));
    m_timer->setSingleShot(true);
    m_timer->setInterval(DebounceMs);
    connect(m_timer, &QTimer::timeout, this, &ManifestPreview::start);

    m_problems->setObjectName(QStringLiteral("manifestProblems"));
    m_problems->setWordWrap(true);
    m_problems->setIconSize(QSize(16, 16));
    m_problems->setToolTip(tr("Click a problem to go to its field"));
    connect(m_problems, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { Q_EMIT problemActivated(item->data(Qt::UserRole).toString()); });
    connect(m_problems, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT problemActivated(item->data(Qt::UserRole).toString()); });

    m_size->setObjectName(QStringLiteral("manifestSizeLabel"));
    m_size->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_size->setWordWrap(true);
    m_diagnostic->setObjectName(QStringLiteral("manifestDiagnostic"));
    m_diagnostic->setReadOnly(true);
    m_diagnostic->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diagnostic->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diagnostic->setPlaceholderText(tr("The CBOR diagnostic notation of the envelope appears here once the "
                                        "manifest has no problems."));

    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("manifestPreviewSplitter"));
    split->addWidget(m_problems);
    split->addWidget(m_diagnostic);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({m_problems->fontMetrics().height() * 5, 400});
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_size);
    layout->addWidget(split, 1);

    connect(m_document, &ManifestDocument::changed, this, &ManifestPreview::schedule);
    schedule();
}

ManifestPreview::~ManifestPreview() = default; // m_task (a child) waits for its thread

bool ManifestPreview::isPending() const
{
    return m_timer->isActive() || m_task || m_again;
}

void ManifestPreview::schedule()
{
    m_timer->start();
}

void ManifestPreview::start()
{
    if (m_task) {
        m_again = true; // one more run with the newest spec when this one is done
        return;
    }
    m_again = false;
    auto result = std::make_shared<PreviewResult>();
    m_task = new ManifestTask(
        [spec = m_document->spec(), result] {
            result->problems = ManifestBuilder::validate(spec);
            if (!result->problems.isEmpty())
                return;
            const auto manifest = ManifestBuilder::buildManifest(spec);
            const auto envelope = ManifestBuilder::buildEnvelope(spec);
            if (!manifest || !envelope) {
                result->error = !manifest ? manifest.error().message() : envelope.error().message();
                return;
            }
            result->manifestSize = manifest->size();
            result->envelope = *envelope;
            result->diagnostic = diagnosticText(*envelope);
        },
        this);
    connect(m_task, &ManifestTask::finished, this, [this, result] {
        m_task->deleteLater();
        m_task = nullptr;
        if (m_again || m_timer->isActive()) {
            if (!m_timer->isActive())
                start();
            return; // a newer spec is on its way
        }
        m_currentProblems = result->problems;
        m_envelope = result->envelope;
        m_manifestSize = result->manifestSize;
        m_problems->clear();
        const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
        for (const SpecProblem &p : std::as_const(result->problems)) {
            auto *item = new QListWidgetItem(
                warning, p.field.isEmpty() ? p.message : tr("%1: %2").arg(p.field, p.message), m_problems);
            item->setData(Qt::UserRole, p.field);
        }
        if (!result->error.isEmpty())
            new QListWidgetItem(warning, result->error, m_problems);
        if (m_problems->count() == 0) {
            auto *ok = new QListWidgetItem(style()->standardIcon(QStyle::SP_DialogApplyButton),
                                           tr("No problems: the manifest can be signed."), m_problems);
            ok->setFlags(Qt::ItemIsEnabled);
        }
        if (result->envelope.isEmpty()) {
            m_size->setText(tr("<b>%n problem(s)</b> — fix them to see the envelope", nullptr,
                               int(result->problems.size() + (result->error.isEmpty() ? 0 : 1))));
            m_diagnostic->clear();
        } else {
            m_size->setText(tr("Unsigned envelope: <b>%1 bytes</b> — manifest: %2 bytes")
                                .arg(QLocale().toString(result->envelope.size()),
                                     QLocale().toString(result->manifestSize)));
            if (m_diagnostic->toPlainText() != result->diagnostic) {
                const int scroll = m_diagnostic->verticalScrollBar()->value(); // keep the reader's place
                m_diagnostic->setPlainText(result->diagnostic);
                m_diagnostic->verticalScrollBar()->setValue(scroll);
            }
        }
        Q_EMIT updated();
    });
    m_task->start();
}

} // namespace otadesk::ui
