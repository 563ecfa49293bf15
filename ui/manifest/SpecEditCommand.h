#pragma once
// One undo step of the Manifest editor: the spec before and after an edit of one field. Typing into the same
// field merges into the previous step, so Undo takes back the whole word, not one letter.
#include "core/manifest/ManifestSpec.h"

#include <QUndoCommand>

namespace otadesk::ui {

class ManifestDocument;

class SpecEditCommand : public QUndoCommand
{
public:
    static constexpr int Id = 0x5317;

    SpecEditCommand(ManifestDocument *document, manifest::ManifestSpec before, manifest::ManifestSpec after,
                    QString field, const QString &text, bool mergeable);

    void undo() override;
    void redo() override;
    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand *other) override;

    QString field() const { return m_field; }

private:
    ManifestDocument *m_document;
    manifest::ManifestSpec m_before;
    manifest::ManifestSpec m_after;
    QString m_field;
    bool m_mergeable;
};

} // namespace otadesk::ui
