#include "ui/manifest/EnvelopeTree.h"

#include "core/manifest/CborDiagnostic.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/SuitNames.h"

#include <functional>
#include <QHeaderView>
#include <QLocale>

namespace otadesk::ui {

using namespace otadesk::manifest;

namespace {
constexpr qint64 kSetComponentIndex = 12;
constexpr qint64 kTryEach = 15;
constexpr qint64 kRunSequence = 32;

bool printable(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return false;
    for (char c : bytes)
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            return false;
    return true;
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QString sizeText(quint64 bytes)
{
    return QCoreApplication::translate("otadesk::ui::EnvelopeTree", "%1 bytes")
        .arg(QLocale().toString(bytes));
}

struct ComponentFacts
{
    std::optional<SuitDigest> digest;
    std::optional<quint64> size;
    QStringList uris;
    std::optional<QUuid> vendorId;
    std::optional<QUuid> classId;
    QList<quint64> slots;
};

// Follows set-component-index through a sequence and records the parameters set for each component.
void collect(const SuitSequence &sequence, QList<ComponentFacts> &facts, QList<int> &current)
{
    for (const SuitCommand &cmd : sequence) {
        if (cmd.code == kSetComponentIndex) {
            current.clear();
            if (const auto index = cmd.argument.toUnsigned())
                current = {int(*index)};
            else if (cmd.argument.isBool() && cmd.argument.toBool())
                for (int all = 0; all < facts.size(); ++all)
                    current << all;
            else if (cmd.argument.isArray())
                for (const CborValue &v : cmd.argument.items())
                    if (const auto listed = v.toUnsigned())
                        current << int(*listed);
        }
        if (cmd.parameters) {
            for (int i : current) {
                if (i < 0 || i >= facts.size())
                    continue;
                ComponentFacts &f = facts[i];
                const SuitParameters &p = *cmd.parameters;
                if (p.imageDigest)
                    f.digest = p.imageDigest;
                if (p.imageSize)
                    f.size = p.imageSize;
                if (p.uri && !f.uris.contains(*p.uri))
                    f.uris << *p.uri;
                if (p.vendorId)
                    f.vendorId = p.vendorId;
                if (p.classId)
                    f.classId = p.classId;
                if (p.componentSlot && !f.slots.contains(*p.componentSlot))
                    f.slots << *p.componentSlot;
            }
        }
        if (cmd.code == kTryEach || cmd.code == kRunSequence)
            for (const SuitSequence &nested : cmd.nested) {
                QList<int> inner = current;
                collect(nested, facts, inner);
            }
    }
}
} // namespace

QString componentIdText(const QList<QByteArray> &identifier)
{
    QStringList parts;
    for (const QByteArray &b : identifier)
        parts << (printable(b) ? QString::fromLatin1(b) : QStringLiteral("h'%1'").arg(hex(b)));
    return parts.join(u'/');
}

EnvelopeTree::EnvelopeTree(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("envelopeTree"));
    setColumnCount(2);
    setHeaderLabels({tr("Item"), tr("Value")});
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setStretchLastSection(true);
    setColumnWidth(0, fontMetrics().averageCharWidth() * 28);
}

QTreeWidgetItem *EnvelopeTree::add(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
    item->setText(0, name);
    item->setText(1, value);
    item->setToolTip(1, value);
    return item;
}

void EnvelopeTree::setEnvelope(const SuitEnvelope &e, const std::optional<SuitManifest> &manifest)
{
    clear();
    QTreeWidgetItem *env = add(nullptr, tr("Envelope"), sizeText(quint64(e.bytes.size())));
    add(env, tr("Tagged (107)"), e.tagged ? tr("yes") : tr("no"));
    if (e.manifestDigest)
        add(env, tr("Manifest digest"),
            QStringLiteral("%1 %2").arg(SuitDigest::algorithmName(e.manifestDigest->algorithm),
                                        hex(e.manifestDigest->bytes)));
    add(env, tr("Manifest"), sizeText(quint64(e.manifestBstr.size())));
    for (auto it = e.severedMembers.cbegin(); it != e.severedMembers.cend(); ++it)
        add(env, tr("Severed member"), suitNames::manifestMember(it.key()));
    for (auto it = e.integratedPayloads.cbegin(); it != e.integratedPayloads.cend(); ++it)
        add(env, tr("Integrated payload %1").arg(it.key()), sizeText(quint64(it.value().size())));
    addSignatures(env, e);

    if (!manifest) {
        add(nullptr, tr("Manifest"), tr("not decoded (see the verification report)"));
    } else {
        const SuitManifest &m = *manifest;
        QTreeWidgetItem *root = add(nullptr, tr("Manifest"));
        add(root, tr("Manifest version"), QString::number(m.version));
        add(root, tr("Sequence number"),
            m.sequenceNumber ? QString::number(*m.sequenceNumber) : tr("missing"));
        if (m.referenceUri)
            add(root, tr("Reference URI"), *m.referenceUri);
        QStringList sequences;
        for (auto it = m.sequences.cbegin(); it != m.sequences.cend(); ++it)
            sequences << suitNames::manifestMember(it.key());
        add(root, tr("Sequences"), sequences.join(QStringLiteral(", ")));
        for (auto it = m.severable.cbegin(); it != m.severable.cend(); ++it)
            if (it.value().digest)
                add(root, tr("Severed %1").arg(suitNames::manifestMember(it.key())),
                    it.value().presentInEnvelope ? tr("digest in manifest, member in envelope")
                                                 : tr("digest in manifest, member not in envelope"));
        addComponents(root, m);
        addText(root, m);
    }
    expandAll();
    resizeColumnToContents(0);
}

void EnvelopeTree::addComponents(QTreeWidgetItem *root, const SuitManifest &m)
{
    QList<ComponentFacts> facts(m.components.size());
    QList<int> current{0};
    collect(m.sharedSequence, facts, current);
    for (auto it = m.sequences.cbegin(); it != m.sequences.cend(); ++it) {
        current = {0};
        collect(it.value(), facts, current);
    }
    QTreeWidgetItem *list = add(root, tr("Components"), QString::number(m.components.size()));
    for (int i = 0; i < m.components.size(); ++i) {
        QTreeWidgetItem *c = add(list, tr("Component %1").arg(i), componentIdText(m.components[i]));
        const ComponentFacts &f = facts[i];
        if (f.digest)
            add(c, tr("Image digest"),
                QStringLiteral("%1 %2").arg(SuitDigest::algorithmName(f.digest->algorithm),
                                            hex(f.digest->bytes)));
        if (f.size)
            add(c, tr("Image size"), sizeText(*f.size));
        for (const QString &uri : f.uris)
            add(c, tr("URI"), uri);
        if (f.vendorId)
            add(c, tr("Vendor ID"), f.vendorId->toString(QUuid::WithoutBraces));
        if (f.classId)
            add(c, tr("Class ID"), f.classId->toString(QUuid::WithoutBraces));
        if (!f.slots.isEmpty()) {
            QStringList s;
            for (quint64 slot : f.slots)
                s << QString::number(slot);
            add(c, tr("Slots"), s.join(QStringLiteral(", ")));
        }
    }
    for (auto it = m.dependencies.cbegin(); it != m.dependencies.cend(); ++it)
        add(list, tr("Dependency %1").arg(it.key()), componentIdText({it.value()}));
}

void EnvelopeTree::addText(QTreeWidgetItem *root, const SuitManifest &m)
{
    if (!m.text.isValid())
        return;
    CborValue text = m.text;
    if (text.isBytes()) // still the bstr: show its content as diagnostic notation
        return (void)add(root, tr("Text"), toDiagnostic(text));
    if (!text.isMap())
        return;
    QTreeWidgetItem *t = add(root, tr("Text"));
    for (const CborMapEntry &entry : text.entries()) {
        const QString key = entry.key.isText() ? entry.key.text() : toDiagnostic(entry.key);
        if (entry.value.isMap()) { // per-component text
            QTreeWidgetItem *c = add(t, key);
            for (const CborMapEntry &inner : entry.value.entries())
                add(c, toDiagnostic(inner.key),
                    inner.value.isText() ? inner.value.text() : toDiagnostic(inner.value));
        } else {
            add(t, key, entry.value.isText() ? entry.value.text() : toDiagnostic(entry.value));
        }
    }
}

void EnvelopeTree::addSignatures(QTreeWidgetItem *root, const SuitEnvelope &e)
{
    QTreeWidgetItem *list = add(root, tr("Authentication blocks"), QString::number(e.authBlocks.size()));
    for (int i = 0; i < e.authBlocks.size(); ++i) {
        const SuitAuthBlock &b = e.authBlocks[i];
        switch (b.kind) {
        case SuitAuthBlock::Kind::Sign1: {
            auto sign1 = CoseSign1::parse(b.value, QByteArrayView(e.bytes));
            if (!sign1) {
                add(list, tr("COSE_Sign1"), sign1.error().message());
                break;
            }
            const auto alg = sign1->headers.algorithm();
            QTreeWidgetItem *s =
                add(list, tr("COSE_Sign1"), alg ? CoseAlgorithms::name(*alg) : tr("no algorithm"));
            const QByteArray kid = sign1->headers.keyId();
            add(s, tr("Key id"), kid.isEmpty() ? tr("none") : hex(kid));
            add(s, tr("Signature"), hex(sign1->signature));
            break;
        }
        case SuitAuthBlock::Kind::Mac0:
            add(list, tr("COSE_Mac0"));
            break;
        case SuitAuthBlock::Kind::Sign:
            add(list, tr("COSE_Sign"));
            break;
        case SuitAuthBlock::Kind::Mac:
            add(list, tr("COSE_Mac"));
            break;
        case SuitAuthBlock::Kind::Unknown:
            add(list, tr("Unknown block"), toDiagnostic(b.value));
            break;
        }
    }
}

QString EnvelopeTree::toPlainText() const
{
    QString out;
    std::function<void(QTreeWidgetItem *, int)> walk = [&](QTreeWidgetItem *item, int depth) {
        out += QString(depth * 2, u' ') + item->text(0);
        if (!item->text(1).isEmpty())
            out += QStringLiteral(": ") + item->text(1);
        out += u'\n';
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i), depth + 1);
    };
    for (int i = 0; i < topLevelItemCount(); ++i)
        walk(topLevelItem(i), 0);
    return out;
}

} // namespace otadesk::ui
