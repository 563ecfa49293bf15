#include "core/agent/ManifestFacts.h"

namespace otadesk::agent {

namespace {
constexpr qint64 kSetComponentIndex = 12;
constexpr qint64 kOverrideParameters = 20;
constexpr qint64 kSetParameters = 19;
constexpr qint64 kTextComponentVersion = 6;

void walk(const manifest::SuitSequence &seq, QList<qsizetype> current, ManifestFacts &out)
{
    for (const manifest::SuitCommand &c : seq) {
        if (c.code == kSetComponentIndex) {
            current.clear();
            if (c.argument.isBool() && c.argument.toBool()) {
                for (qsizetype i = 0; i < out.components.size(); ++i)
                    current.append(i);
            } else if (auto n = c.argument.toUnsigned()) {
                current.append(qsizetype(*n));
            } else if (c.argument.isArray()) {
                for (const manifest::CborValue &v : c.argument.items()) {
                    if (auto i = v.toUnsigned())
                        current.append(qsizetype(*i));
                }
            }
        } else if ((c.code == kOverrideParameters || c.code == kSetParameters) && c.parameters) {
            const manifest::SuitParameters &p = *c.parameters;
            for (qsizetype i : std::as_const(current)) {
                if (i < 0 || i >= out.components.size())
                    continue;
                ManifestComponent &mc = out.components[i];
                if (p.vendorId)
                    mc.vendorId = p.vendorId;
                if (p.classId)
                    mc.classId = p.classId;
                if (p.imageDigest && p.imageDigest->algorithm == manifest::suitDigestAlg::Sha256)
                    mc.imageSha256 = p.imageDigest->bytes;
                if (p.imageSize)
                    mc.imageSize = qint64(*p.imageSize);
            }
        }
        for (const manifest::SuitSequence &nested : c.nested)
            walk(nested, current, out);
    }
}
} // namespace

ManifestFacts ManifestFacts::from(const manifest::SuitManifest &m)
{
    ManifestFacts out;
    out.sequenceNumber = m.sequenceNumber.value_or(0);
    out.characteristics = m.characteristics;
    for (const QList<QByteArray> &id : m.components) {
        ManifestComponent c;
        c.name = id.isEmpty() ? QString() : QString::fromUtf8(id.first());
        out.components.append(c);
    }
    walk(m.sharedSequence, {0}, out);
    for (auto it = m.sequences.cbegin(); it != m.sequences.cend(); ++it)
        walk(it.value(), {0}, out);
    // Versions from the text section: {lang: {component-identifier: {6: "2.3.0"}}} or without the language level.
    auto readText = [&](const manifest::CborValue &map) {
        for (const manifest::CborMapEntry &e : map.entries()) {
            if (!e.key.isArray() || !e.value.isMap())
                continue;
            QList<QByteArray> id;
            for (const manifest::CborValue &part : e.key.items())
                id.append(part.bytes());
            const qsizetype index = m.components.indexOf(id);
            const manifest::CborValue *v = e.value.find(kTextComponentVersion);
            if (index >= 0 && v && v->isText())
                out.components[index].version = v->text();
        }
    };
    if (m.text.isMap()) {
        readText(m.text);
        for (const manifest::CborMapEntry &lang : m.text.entries()) {
            if (lang.key.isText() && lang.value.isMap())
                readText(lang.value);
        }
    }
    return out;
}

int ManifestFacts::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < components.size(); ++i) {
        if (components[i].name == name)
            return int(i);
    }
    return -1;
}

} // namespace otadesk::agent
