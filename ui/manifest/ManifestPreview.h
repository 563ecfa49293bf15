#pragma once
// The live result of the Manifest editor: ~150 ms after the last edit the spec is validated and built on a
// worker thread (ManifestBuilder) and this shows the problems (clicking one asks for its field), the size of
// the unsigned envelope and of the manifest, and the CBOR diagnostic notation of the envelope.
#include "core/manifest/ManifestBuilder.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTimer;

namespace otadesk::ui {

class ManifestDocument;
class ManifestTask;

class ManifestPreview : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DebounceMs = 150;

    explicit ManifestPreview(ManifestDocument *document, QWidget *parent = nullptr);
    ~ManifestPreview() override;

    QListWidget *problems() const { return m_problems; } // one item per problem, or one "No problems" line
    QLabel *sizeLabel() const { return m_size; }
    QPlainTextEdit *diagnostic() const { return m_diagnostic; }
    // True from an edit until its preview is on screen.
    bool isPending() const;
    // The unsigned envelope of the spec on screen (empty while it has problems).
    QByteArray envelope() const { return m_envelope; }
    qsizetype manifestSize() const { return m_manifestSize; }
    const QList<manifest::SpecProblem> &currentProblems() const { return m_currentProblems; }

Q_SIGNALS:
    void problemActivated(const QString &field);
    void updated(); // a new preview is on screen

private:
    void schedule();
    void start();

    ManifestDocument *m_document;
    QTimer *m_timer;
    QListWidget *m_problems;
    QLabel *m_size;
    QPlainTextEdit *m_diagnostic;
    ManifestTask *m_task = nullptr;
    bool m_again = false;
    QByteArray m_envelope;
    qsizetype m_manifestSize = 0;
    QList<manifest::SpecProblem> m_currentProblems;
};

} // namespace otadesk::ui
