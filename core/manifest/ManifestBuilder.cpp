#include "ManifestBuilder.h"

#include "core/crypto/Digest.h"
#include "core/manifest/CborEncoder.h"
#include "core/manifest/ManifestParts.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitDigest.h"

namespace otadesk::manifest {

namespace builder {

bool PlannedComponent::slotted() const
{
    return dependency < 0 && images.size() > 1;
}

QList<QByteArray> effectiveIdentifier(const ComponentSpec &c)
{
    return c.identifier.isEmpty() ? QList<QByteArray>{c.name.toUtf8()} : c.identifier;
}

QList<PlannedComponent> plan(const ManifestSpec &spec)
{
    QList<PlannedComponent> out;
    for (int i = 0; i < spec.components.size(); ++i) {
        const QList<QByteArray> id = effectiveIdentifier(spec.components.at(i));
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const PlannedComponent &p) { return p.identifier == id; });
        if (it != out.end() && spec.components.at(i).slot)
            it->images.append(i);
        else
            out.append(PlannedComponent{id, {i}, -1});
    }
    for (int d = 0; d < spec.dependencies.size(); ++d)
        out.append(PlannedComponent{{QStringLiteral("dependency-%1").arg(d).toUtf8()}, {}, d});
    return out;
}

int plannedIndexOf(const QList<PlannedComponent> &plan, const QString &componentName,
                   const ManifestSpec &spec)
{
    for (int k = 0; k < plan.size(); ++k) {
        for (int i : plan.at(k).images) {
            if (spec.components.at(i).name == componentName)
                return k;
        }
    }
    return -1;
}

QString integratedKey(const ComponentSpec &c)
{
    return c.slot ? QStringLiteral("#%1.%2").arg(c.name).arg(*c.slot) : QStringLiteral("#%1").arg(c.name);
}

CborValue wrap(const CborValue &value)
{
    return CborValue::fromBytes(CborEncoder::encode(value, CborEncoder::MapOrder::Deterministic));
}

CborValue digestOf(const QByteArray &bytes)
{
    return SuitDigest{suitDigestAlg::Sha256, crypto::sha256(bytes)}.toCbor();
}

namespace {

CborMapEntry entry(qint64 key, CborValue value)
{
    return {CborValue::fromInt(key), std::move(value)};
}

// A severable member: in the manifest as a bstr, or severed (digest in the manifest, bstr in the envelope).
void severable(Parts &parts, std::vector<CborMapEntry> &manifest, qint64 key, const CborValue &bstr,
               bool sever)
{
    if (!sever) {
        manifest.push_back(entry(key, bstr));
        return;
    }
    manifest.push_back(entry(key, digestOf(CborEncoder::encode(bstr))));
    parts.severed.emplace_back(key, bstr);
}

Result<Parts> buildParts(const ManifestSpec &spec)
{
    const QList<SpecProblem> problems = ManifestBuilder::validate(spec);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const SpecProblem &p : problems)
            lines << QStringLiteral("%1: %2").arg(p.field, p.message);
        return fail(ErrorCode::InvalidArgument, ManifestBuilder::tr("The manifest spec cannot be built: %1")
                                                    .arg(lines.join(QStringLiteral("; "))));
    }
    const QList<PlannedComponent> components = plan(spec);
    Parts parts;
    std::vector<CborValue> ids;
    std::vector<CborMapEntry> dependencies;
    for (qsizetype k = 0; k < components.size(); ++k) {
        std::vector<CborValue> id;
        for (const QByteArray &part : components.at(k).identifier)
            id.push_back(CborValue::fromBytes(part));
        ids.push_back(CborValue::array(std::move(id)));
        const int d = components.at(k).dependency;
        if (d < 0)
            continue;
        std::vector<CborMapEntry> metadata;
        if (!spec.dependencies.at(d).prefix.isEmpty()) {
            std::vector<CborValue> prefix;
            for (const QByteArray &part : spec.dependencies.at(d).prefix)
                prefix.push_back(CborValue::fromBytes(part));
            metadata.push_back(entry(1, CborValue::array(std::move(prefix))));
        }
        dependencies.push_back({CborValue::fromUnsigned(quint64(k)), CborValue::map(std::move(metadata))});
    }
    std::vector<CborMapEntry> common;
    if (!dependencies.empty())
        common.push_back(entry(1, CborValue::map(std::move(dependencies))));
    common.push_back(entry(2, CborValue::array(std::move(ids))));
    common.push_back(entry(4, sharedSequence(spec, components)));

    std::vector<CborMapEntry> m;
    m.push_back(entry(1, CborValue::fromUnsigned(1)));
    m.push_back(entry(2, CborValue::fromUnsigned(spec.sequenceNumber)));
    m.push_back(entry(3, wrap(CborValue::map(std::move(common)))));
    if (const std::vector<qint64> version = semanticVersion(spec.version); !version.empty()) {
        std::vector<CborValue> items;
        for (qint64 v : version)
            items.push_back(CborValue::fromInt(v));
        m.push_back(entry(6, CborValue::array(std::move(items))));
    }
    m.push_back(entry(7, validateSequence(spec, components)));
    m.push_back(entry(9, invokeSequence(components)));
    if (const CborValue resolution = dependencyResolutionSequence(spec, components); resolution.isValid())
        m.push_back(entry(15, resolution));
    severable(parts, m, 20, installSequence(spec, components), spec.severInstall);
    severable(parts, m, 23, wrap(textMap(spec, components)), spec.severText);
    parts.manifest = CborValue::map(std::move(m));
    for (const ComponentSpec &c : spec.components) {
        if (c.integrated)
            parts.payloads.emplace_back(integratedKey(c), c.payload);
    }
    return parts;
}

} // namespace
} // namespace builder

Result<CborValue> ManifestBuilder::manifestValue(const ManifestSpec &spec)
{
    auto parts = builder::buildParts(spec);
    if (!parts)
        return std::unexpected(parts.error());
    return parts->manifest;
}

Result<QByteArray> ManifestBuilder::buildManifest(const ManifestSpec &spec)
{
    auto value = manifestValue(spec);
    if (!value)
        return std::unexpected(value.error());
    return CborEncoder::encode(*value, CborEncoder::MapOrder::Deterministic);
}

Result<QByteArray> ManifestBuilder::buildEnvelope(const ManifestSpec &spec)
{
    auto parts = builder::buildParts(spec);
    if (!parts)
        return std::unexpected(parts.error());
    const CborValue manifestBstr = builder::wrap(parts->manifest);
    const CborValue digest = builder::digestOf(CborEncoder::encode(manifestBstr));
    const CborValue auth = CborValue::array({builder::wrap(digest)});
    // Deterministic order puts 2 before 3 before the severed members (16, 20, 23) before "#name" payloads,
    // which is also what the SUIT envelope requires.
    std::vector<CborMapEntry> envelope;
    envelope.push_back({CborValue::fromInt(2), builder::wrap(auth)});
    envelope.push_back({CborValue::fromInt(3), manifestBstr});
    for (auto &[key, bstr] : parts->severed)
        envelope.push_back({CborValue::fromInt(key), bstr});
    for (auto &[name, bytes] : parts->payloads)
        envelope.push_back({CborValue::fromText(name), CborValue::fromBytes(bytes)});
    return CborEncoder::encode(
        CborValue::tagged(SuitDecoder::EnvelopeTag, CborValue::map(std::move(envelope))),
        CborEncoder::MapOrder::Deterministic);
}

} // namespace otadesk::manifest
