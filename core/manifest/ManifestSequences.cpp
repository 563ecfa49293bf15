// The command sequences ManifestBuilder emits, shaped like the draft's examples: example 5 (several
// components, set-component-index first), example 3 (A/B slots via try-each) and the trust-domains example 1
// (dependencies).
#include "core/manifest/CborEncoder.h"
#include "core/manifest/CharacteristicExtension.h"
#include "core/manifest/ManifestParts.h"
#include "core/manifest/SuitDigest.h"

#include <functional>

namespace otadesk::manifest::builder {

namespace {

namespace cmd {
constexpr qint64 VendorId = 1, ClassId = 2, ImageMatch = 3, ComponentSlot = 5, DependencyIntegrity = 7,
                 ProcessDependency = 11, SetComponentIndex = 12, TryEach = 15, Override = 20, Fetch = 21,
                 Invoke = 23;
}
namespace param {
constexpr qint64 VendorId = 1, ClassId = 2, ImageDigest = 3, Slot = 5, ImageSize = 14, Uri = 21;
}
// Reporting policies as in the draft examples: conditions report everything, directives on failure.
constexpr quint64 ReportAll = 15, ReportFailure = 2, ReportSlot = 5;

class Seq
{
public:
    void add(qint64 code, CborValue argument)
    {
        m_items.push_back(CborValue::fromInt(code));
        m_items.push_back(std::move(argument));
    }
    void add(qint64 code, quint64 policy) { add(code, CborValue::fromUnsigned(policy)); }
    void override(std::vector<CborMapEntry> params)
    {
        if (!params.empty())
            add(cmd::Override, CborValue::map(std::move(params)));
    }
    void index(const QList<PlannedComponent> &plan, qsizetype k)
    {
        if (plan.size() > 1)
            add(cmd::SetComponentIndex, CborValue::fromUnsigned(quint64(k)));
    }
    bool isEmpty() const { return m_items.empty(); }
    CborValue bstr() const { return wrap(CborValue::array(m_items)); }

private:
    std::vector<CborValue> m_items;
};

CborMapEntry entry(qint64 key, CborValue value)
{
    return {CborValue::fromInt(key), std::move(value)};
}

CborValue imageDigest(const QByteArray &digest)
{
    return wrap(SuitDigest{suitDigestAlg::Sha256, digest}.toCbor());
}

std::vector<CborMapEntry> imageParams(const ComponentSpec &c)
{
    std::vector<CborMapEntry> p;
    p.push_back(entry(param::ImageDigest, imageDigest(c.digest)));
    p.push_back(entry(param::ImageSize, CborValue::fromUnsigned(c.size)));
    return p;
}

QString fetchUri(const ComponentSpec &c)
{
    return c.integrated ? integratedKey(c) : c.uri;
}

// try-each [ << [override {slot: n}, condition-component-slot, override {params of that slot}] >>, ... ]
CborValue slotChoice(const ManifestSpec &spec, const PlannedComponent &pc,
                     const std::function<std::vector<CborMapEntry>(const ComponentSpec &)> &params)
{
    std::vector<CborValue> alternatives;
    for (int i : pc.images) {
        const ComponentSpec &c = spec.components.at(i);
        Seq alt;
        alt.override({entry(param::Slot, CborValue::fromUnsigned(c.slot.value_or(0)))});
        alt.add(cmd::ComponentSlot, ReportSlot);
        alt.override(params(c));
        alternatives.push_back(alt.bstr());
    }
    return CborValue::array(std::move(alternatives));
}

CharacteristicDefinition characteristics(const ManifestSpec &spec, const QList<PlannedComponent> &plan)
{
    CharacteristicDefinition def;
    def.resourceRequestUri = spec.resourceRequestUri;
    for (const QString &name : spec.characteristics) {
        const auto parsed = CharacteristicName::parse(name);
        if (!parsed)
            continue;
        CharacteristicRequest r;
        r.code = parsed->code;
        if (CharacteristicName::takesComponent(parsed->code))
            r.componentIndex = quint64(std::max(0, plannedIndexOf(plan, parsed->argument, spec)));
        else if (parsed->code == CharacteristicCode::Attribute)
            r.attribute = parsed->argument;
        def.requests.append(r);
    }
    return def;
}

} // namespace

CborValue sharedSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan)
{
    Seq seq;
    for (qsizetype k = 0; k < plan.size(); ++k) {
        const PlannedComponent &pc = plan.at(k);
        seq.index(plan, k);
        if (pc.dependency >= 0) {
            seq.override(
                {entry(param::ImageDigest, imageDigest(spec.dependencies.at(pc.dependency).digest))});
            continue;
        }
        std::vector<CborMapEntry> params;
        if (k == 0) {
            params.push_back(entry(param::VendorId, CborValue::fromBytes(spec.vendorId().toRfc4122())));
            params.push_back(entry(param::ClassId, CborValue::fromBytes(spec.classId().toRfc4122())));
            if (!spec.characteristics.isEmpty())
                params.push_back(entry(otadeskExtension::CharacteristicsParameter,
                                       characteristics(spec, plan).parameterValue()));
        }
        const bool choice = pc.images.size() > 1;
        if (!choice) {
            const ComponentSpec &c = spec.components.at(pc.images.first());
            if (c.slot)
                params.push_back(entry(param::Slot, CborValue::fromUnsigned(*c.slot)));
            for (CborMapEntry &e : imageParams(c))
                params.push_back(std::move(e));
        }
        seq.override(std::move(params));
        if (choice)
            seq.add(cmd::TryEach, slotChoice(spec, pc, imageParams));
        if (k == 0) {
            seq.add(cmd::VendorId, ReportAll);
            seq.add(cmd::ClassId, ReportAll);
        }
    }
    return seq.bstr();
}

CborValue validateSequence(const ManifestSpec &, const QList<PlannedComponent> &plan)
{
    Seq seq;
    for (qsizetype k = 0; k < plan.size(); ++k) {
        if (plan.at(k).dependency >= 0)
            continue;
        seq.index(plan, k);
        seq.add(cmd::ImageMatch, ReportAll);
    }
    return seq.bstr();
}

CborValue installSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan)
{
    Seq seq;
    auto uriParams = [](const ComponentSpec &c) {
        return std::vector<CborMapEntry>{entry(param::Uri, CborValue::fromText(fetchUri(c)))};
    };
    for (qsizetype k = 0; k < plan.size(); ++k) {
        const PlannedComponent &pc = plan.at(k);
        seq.index(plan, k);
        if (pc.dependency >= 0) {
            seq.add(cmd::DependencyIntegrity, ReportAll);
            seq.add(cmd::ProcessDependency, 0);
            continue;
        }
        if (pc.images.size() > 1)
            seq.add(cmd::TryEach, slotChoice(spec, pc, uriParams));
        else
            seq.override(uriParams(spec.components.at(pc.images.first())));
        seq.add(cmd::Fetch, ReportFailure);
        seq.add(cmd::ImageMatch, ReportAll);
    }
    return seq.bstr();
}

CborValue invokeSequence(const QList<PlannedComponent> &plan)
{
    Seq seq;
    seq.index(plan, 0);
    seq.add(cmd::Invoke, ReportFailure);
    return seq.bstr();
}

CborValue dependencyResolutionSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan)
{
    Seq seq;
    for (qsizetype k = 0; k < plan.size(); ++k) {
        if (plan.at(k).dependency < 0)
            continue;
        seq.index(plan, k);
        seq.override(
            {entry(param::Uri, CborValue::fromText(spec.dependencies.at(plan.at(k).dependency).uri))});
        seq.add(cmd::Fetch, ReportFailure);
        seq.add(cmd::DependencyIntegrity, ReportAll);
    }
    return seq.isEmpty() ? CborValue() : seq.bstr();
}

} // namespace otadesk::manifest::builder
