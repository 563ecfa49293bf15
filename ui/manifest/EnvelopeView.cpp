#include "ui/manifest/EnvelopeView.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborDiagnostic.h"
#include "core/manifest/SuitDecoder.h"
#include "ui/manifest/EnvelopeTree.h"

#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

using namespace otadesk::manifest;

QString diagnosticText(const QByteArray &cbor, qsizetype maxChars)
{
    const auto value = CborDecoder::decode(cbor);
    if (!value)
        return value.error().message();
    CborDiagnosticOptions options;
    options.pretty = true;
    options.indent = 2;
    QString text = toDiagnostic(*value, options);
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += u'\n' +
                QCoreApplication::translate("otadesk::ui::EnvelopeView", "… (cut off after %1 characters)")
                    .arg(QLocale().toString(maxChars));
    }
    return text;
}

EnvelopeView::EnvelopeView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel), m_tree(new EnvelopeTree), m_reportView(new QTreeWidget),
      m_diagnostic(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("envelopeView"));
    m_summary->setObjectName(QStringLiteral("envelopeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(
        tr("<p>Open a SUIT envelope (<b>Open Envelope…</b>, Ctrl+Shift+O) to see it decoded and "
           "verified against the keys of this workspace, or sign the manifest you are editing.</p>"));

    m_reportView->setObjectName(QStringLiteral("verificationReport"));
    m_reportView->setColumnCount(3);
    m_reportView->setHeaderLabels({tr("Check"), tr("Result"), tr("Message")});
    m_reportView->setRootIsDecorated(false);
    m_reportView->setUniformRowHeights(true);
    m_reportView->setWordWrap(false);
    m_reportView->header()->setStretchLastSection(true);

    m_diagnostic->setObjectName(QStringLiteral("envelopeDiagnostic"));
    m_diagnostic->setReadOnly(true);
    m_diagnostic->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diagnostic->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_reportView);
    right->addWidget(m_diagnostic);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("envelopeSplitter"));
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
}

Status EnvelopeView::showFile(const QString &path, const QList<SuitTrustedKey> &keys)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, file.errorString());
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return fail(ErrorCode::Format, tr("The file is empty."));
    return showEnvelope(bytes, QFileInfo(path).fileName(), keys);
}

Status EnvelopeView::showEnvelope(const QByteArray &bytes, const QString &source,
                                  const QList<SuitTrustedKey> &keys)
{
    const auto envelope = SuitDecoder::decodeEnvelope(bytes);
    if (!envelope)
        return std::unexpected(envelope.error());
    m_bytes = bytes;
    m_source = source;
    m_report = SuitVerifier::verifyEnvelope(bytes, keys);
    std::optional<SuitManifest> manifest = m_report.manifest;
    if (!manifest) { // not authenticated: still show what it says, marked as unverified
        if (auto decoded = SuitDecoder::decodeManifest(*envelope))
            manifest = *decoded;
    }
    m_tree->setEnvelope(m_report.envelope.value_or(*envelope), manifest);

    m_reportView->clear();
    const QColor red(0xb3, 0x26, 0x1e);
    const QColor green(0x1b, 0x7f, 0x3b);
    for (const SuitCheck &c : m_report.checks) {
        auto *item = new QTreeWidgetItem(m_reportView, {c.id, c.passed ? tr("PASS") : tr("FAIL"), c.message});
        item->setToolTip(2, c.message);
        item->setForeground(1, c.passed ? green : red);
        if (!c.passed) {
            item->setForeground(0, red);
            item->setForeground(2, red);
        }
    }
    m_reportView->resizeColumnToContents(0);
    m_reportView->resizeColumnToContents(1);

    int failed = 0;
    for (const SuitCheck &c : m_report.checks)
        failed += c.passed ? 0 : 1;
    const QString verdict =
        m_report.ok() ? tr("<span style='color:#1b7f3b'><b>Verified</b></span>%1")
                            .arg(m_report.signerKey.isEmpty()
                                     ? QString()
                                     : tr(" — signed by %1").arg(m_report.signerKey.toHtmlEscaped()))
                      : tr("<span style='color:#b3261e'><b>Not verified</b> — %n check(s) failed</span>",
                           nullptr, failed);
    m_summary->setText(tr("<b>%1</b> — %2 bytes, sequence number %3 — %4")
                           .arg(source.toHtmlEscaped(), QLocale().toString(bytes.size()),
                                manifest && manifest->sequenceNumber
                                    ? QString::number(*manifest->sequenceNumber)
                                    : tr("unknown"),
                                verdict));
    m_diagnostic->setPlainText(diagnosticText(bytes));
    return {};
}

} // namespace otadesk::ui
