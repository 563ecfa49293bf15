#include "core/server/device/ManifestFacts.h"

#include "core/manifest/SuitDecoder.h"

namespace otadesk::server {

namespace {
using manifest::SuitCommand;
using manifest::SuitSequence;

constexpr qint64 kSetComponentIndex = 12;
constexpr qint64 kTryEach = 15;

QString componentName(const QList<QByteArray> &identifier)
{
    if (identifier.isEmpty())
        return {};
    const QByteArray &first = identifier.first();
    for (char c : first) {
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            return QString::fromLatin1(first.toHex());
    }
    return QString::fromLatin1(first);
}

struct Walker
{
    QList<ManifestComponent> &components;

    void walk(const SuitSequence &seq, int index, std::optional<quint64> slot)
    {
        for (const SuitCommand &c : seq) {
            if (c.code == kSetComponentIndex) {
                if (auto i = c.argument.toUnsigned(); i && *i < quint64(components.size()))
                    index = int(*i);
                continue;
            }
            if (c.code == kTryEach) {
                for (const SuitSequence &alternative : c.nested)
                    walk(alternative, index, slot);
                continue;
            }
            if (!c.parameters)
                continue;
            if (c.parameters->componentSlot)
                slot = c.parameters->componentSlot;
            if (c.parameters->imageDigest && index < components.size() &&
                c.parameters->imageDigest->algorithm == manifest::suitDigestAlg::Sha256) {
                components[index].images.append({c.parameters->imageDigest->bytes, slot, c.parameters->imageSize});
            } else if (c.parameters->imageSize && index < components.size() && !components[index].images.isEmpty()) {
                components[index].images.last().size = c.parameters->imageSize;
            }
        }
    }
};
} // namespace

Result<ManifestFacts> ManifestFacts::fromEnvelope(const QByteArray &envelope)
{
    auto env = manifest::SuitDecoder::decodeEnvelope(envelope);
    if (!env)
        return std::unexpected(env.error());
    auto m = manifest::SuitDecoder::decodeManifest(*env);
    if (!m)
        return std::unexpected(m.error());
    ManifestFacts f;
    f.envelope = envelope;
    f.digestBstr = env->digestBstr;
    f.sequenceNumber = m->sequenceNumber.value_or(0);
    for (qsizetype i = 0; i < m->components.size(); ++i) {
        ManifestComponent c;
        c.index = int(i);
        c.name = componentName(m->components.at(i));
        c.dependency = m->dependencies.contains(quint64(i));
        f.components.append(c);
    }
    for (const SuitCommand &c : m->sharedSequence) {
        if (c.parameters && c.parameters->vendorId && !f.vendorId)
            f.vendorId = c.parameters->vendorId;
        if (c.parameters && c.parameters->classId && !f.classId)
            f.classId = c.parameters->classId;
    }
    Walker{f.components}.walk(m->sharedSequence, 0, std::nullopt);
    for (ManifestComponent &c : f.components) {
        if (c.dependency)
            c.images.clear();
    }
    return f;
}

bool ManifestFacts::digestsMatch(const QHash<QString, QByteArray> &installedByName) const
{
    bool any = false;
    for (const ManifestComponent &c : components) {
        if (c.dependency || c.images.isEmpty())
            continue;
        const QByteArray installed = installedByName.value(c.name);
        const bool match = std::any_of(c.images.begin(), c.images.end(),
                                       [&](const SignedImage &i) { return !installed.isEmpty() && i.sha256 == installed; });
        if (!match)
            return false;
        any = true;
    }
    return any;
}

void ManifestFactsCache::insert(qint64 manifestId, std::shared_ptr<const ManifestFacts> facts)
{
    if (m_facts.size() >= kMaxEntries)
        m_facts.erase(m_facts.begin()); // any entry: they are cheap to decode again
    m_facts.insert(manifestId, std::move(facts));
}

} // namespace otadesk::server
