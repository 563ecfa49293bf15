#pragma once
// The manifest being edited on the Manifests page: the ManifestSpec, its undo stack (every edit is a
// SpecEditCommand), where it was last saved (.suit and draft), and the signed envelope while it is current.
// Editors change the spec only through edit(); they listen to changed() to show it.
#include "core/manifest/ManifestSpec.h"

#include <functional>
#include <QObject>

class QUndoStack;

namespace otadesk::ui {

class ManifestDocument : public QObject
{
    Q_OBJECT
public:
    explicit ManifestDocument(QObject *parent = nullptr);

    const manifest::ManifestSpec &spec() const { return m_spec; }
    QUndoStack *undoStack() const { return m_stack; }

    // One undoable edit: `change` is applied to a copy of the spec. Consecutive edits of the same field with
    // merge = true (typing) become one undo step. Nothing happens if the change leaves the spec as it was.
    void edit(const QString &field, const QString &undoText,
              const std::function<void(manifest::ManifestSpec &)> &change, bool merge = false);
    // A new document (template, opened draft): the undo history is cleared and the document is unmodified.
    void reset(const manifest::ManifestSpec &spec);
    // Used by SpecEditCommand to put a state on screen.
    void apply(const manifest::ManifestSpec &spec, const QString &field);

    bool isModified() const;
    void setSaved(); // the current state is what is on disk

    QString suitPath() const { return m_suitPath; }
    void setSuitPath(const QString &path) { m_suitPath = path; }
    QString draftPath() const { return m_draftPath; }
    void setDraftPath(const QString &path) { m_draftPath = path; }

    // The signed envelope of the current spec; cleared by any change.
    QByteArray signedEnvelope() const { return m_signed; }
    void setSignedEnvelope(const QByteArray &envelope) { m_signed = envelope; }

Q_SIGNALS:
    void changed(const QString &field); // empty field: everything may have changed
    void modifiedChanged(bool modified);

private:
    manifest::ManifestSpec m_spec;
    QUndoStack *m_stack;
    QString m_suitPath;
    QString m_draftPath;
    QByteArray m_signed;
};

} // namespace otadesk::ui
