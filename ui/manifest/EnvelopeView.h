#pragma once
// A SUIT envelope on screen: what it is (source, size, verdict), the decoded tree, the verification report
// against the workspace's keys (every check PASS/FAIL with its message, failures in red) and the CBOR
// diagnostic notation. Used for envelopes opened from files and for the one just signed.
#include "core/manifest/SuitVerifier.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace otadesk::ui {

class EnvelopeTree;

class EnvelopeView : public QWidget
{
    Q_OBJECT
public:
    explicit EnvelopeView(QWidget *parent = nullptr);

    // Decodes and verifies `bytes`. If they are not a SUIT envelope at all, returns the error and shows
    // nothing new (the previous envelope stays).
    Status showEnvelope(const QByteArray &bytes, const QString &source,
                        const QList<manifest::SuitTrustedKey> &keys);
    // Reads a file and shows it; errors (unreadable, empty, not an envelope) leave the view as it was.
    Status showFile(const QString &path, const QList<manifest::SuitTrustedKey> &keys);
    bool hasEnvelope() const { return !m_bytes.isEmpty(); }
    QByteArray envelope() const { return m_bytes; }
    QString source() const { return m_source; }
    const manifest::SuitVerificationReport &report() const { return m_report; }

    QLabel *summary() const { return m_summary; }
    EnvelopeTree *tree() const { return m_tree; }
    QTreeWidget *reportView() const { return m_reportView; }
    QPlainTextEdit *diagnostic() const { return m_diagnostic; }

private:
    QLabel *m_summary;
    EnvelopeTree *m_tree;
    QTreeWidget *m_reportView;
    QPlainTextEdit *m_diagnostic;
    QByteArray m_bytes;
    QString m_source;
    manifest::SuitVerificationReport m_report;
};

// Pretty CBOR diagnostic notation of encoded CBOR, cut off (with a note) beyond maxChars.
QString diagnosticText(const QByteArray &cbor, qsizetype maxChars = 300000);

} // namespace otadesk::ui
