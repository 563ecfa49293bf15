#include "ui/manifest/ManifestDocument.h"

#include "ui/manifest/SpecEditCommand.h"

#include <QUndoStack>

namespace otadesk::ui {

ManifestDocument::ManifestDocument(QObject *parent) : QObject(parent), m_stack(new QUndoStack(this))
{
    connect(m_stack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

void ManifestDocument::edit(const QString &field, const QString &undoText,
                            const std::function<void(manifest::ManifestSpec &)> &change, bool merge)
{
    manifest::ManifestSpec next = m_spec;
    change(next);
    if (next == m_spec)
        return;
    m_stack->push(new SpecEditCommand(this, m_spec, next, field, undoText, merge));
}

void ManifestDocument::reset(const manifest::ManifestSpec &spec)
{
    m_stack->clear();
    m_spec = spec;
    m_signed.clear();
    m_stack->setClean();
    Q_EMIT changed({});
    Q_EMIT modifiedChanged(false);
}

void ManifestDocument::apply(const manifest::ManifestSpec &spec, const QString &field)
{
    m_spec = spec;
    m_signed.clear();
    Q_EMIT changed(field);
}

bool ManifestDocument::isModified() const
{
    return !m_stack->isClean();
}

void ManifestDocument::setSaved()
{
    m_stack->setClean();
}

} // namespace otadesk::ui
