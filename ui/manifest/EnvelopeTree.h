#pragma once
// The decoded content of a SUIT envelope as a tree for people: envelope facts (size, manifest digest),
// manifest (version, sequence number, reference URI), components with the digests, sizes and URIs the
// command sequences set for them, the text section, signatures (algorithm, key id) and integrated payloads.
#include "core/manifest/SuitModel.h"

#include <optional>
#include <QTreeWidget>

namespace otadesk::ui {

class EnvelopeTree : public QTreeWidget
{
    Q_OBJECT
public:
    explicit EnvelopeTree(QWidget *parent = nullptr);

    void setEnvelope(const manifest::SuitEnvelope &envelope,
                     const std::optional<manifest::SuitManifest> &manifest);
    // Text of every item, indented by depth (for copying and tests).
    QString toPlainText() const;

private:
    QTreeWidgetItem *add(QTreeWidgetItem *parent, const QString &name, const QString &value = {});
    void addComponents(QTreeWidgetItem *root, const manifest::SuitManifest &m);
    void addText(QTreeWidgetItem *root, const manifest::SuitManifest &m);
    void addSignatures(QTreeWidgetItem *root, const manifest::SuitEnvelope &e);
};

// A component identifier for display: ["main"] → main, ['00', h'0102'] → h'00'/h'0102'.
QString componentIdText(const QList<QByteArray> &identifier);

} // namespace otadesk::ui
