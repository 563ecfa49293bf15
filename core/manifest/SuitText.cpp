// The SUIT text map (manifest key 23) and the update-management set-version (key 6) of an authored manifest.
#include "core/manifest/ManifestParts.h"

#include <QRegularExpression>

namespace otadesk::manifest::builder {

namespace text {
constexpr qint64 ManifestDescription = 1;
constexpr qint64 VendorName = 1, ModelName = 2, VendorDomain = 3, ComponentVersion = 6;
} // namespace text

CborValue textMap(const ManifestSpec &spec, const QList<PlannedComponent> &plan)
{
    std::vector<CborMapEntry> lmap;
    if (!spec.description.isEmpty())
        lmap.push_back(
            {CborValue::fromInt(text::ManifestDescription), CborValue::fromText(spec.description)});
    for (const PlannedComponent &pc : plan) {
        if (pc.dependency >= 0)
            continue;
        QString version;
        for (int i : pc.images) {
            if (version.isEmpty())
                version = spec.components.at(i).version;
        }
        if (version.isEmpty())
            version = spec.version;
        std::vector<CborMapEntry> component;
        if (!spec.vendorName.isEmpty())
            component.push_back({CborValue::fromInt(text::VendorName), CborValue::fromText(spec.vendorName)});
        component.push_back({CborValue::fromInt(text::ModelName), CborValue::fromText(spec.modelName)});
        component.push_back({CborValue::fromInt(text::VendorDomain), CborValue::fromText(spec.vendorDomain)});
        if (!version.isEmpty())
            component.push_back({CborValue::fromInt(text::ComponentVersion), CborValue::fromText(version)});
        std::vector<CborValue> id;
        for (const QByteArray &part : pc.identifier)
            id.push_back(CborValue::fromBytes(part));
        lmap.push_back({CborValue::array(std::move(id)), CborValue::map(std::move(component))});
    }
    return CborValue::map({{CborValue::fromText(QStringLiteral("en-US")), CborValue::map(std::move(lmap))}});
}

std::vector<qint64> semanticVersion(const QString &version)
{
    static const QRegularExpression re(QStringLiteral(
        "^v?(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(?:-(rc|beta|alpha)(?:\\.?(\\d{1,9}))?)?$"));
    const auto m = re.match(version.trimmed());
    if (!m.hasMatch())
        return {};
    std::vector<qint64> out;
    for (int i = 1; i <= 3; ++i) {
        if (m.capturedLength(i) > 0)
            out.push_back(m.captured(i).toLongLong());
    }
    if (m.capturedLength(4) > 0) {
        const QString pre = m.captured(4);
        out.push_back(pre == QLatin1String("rc") ? -1 : pre == QLatin1String("beta") ? -2 : -3);
        if (m.capturedLength(5) > 0)
            out.push_back(m.captured(5).toLongLong());
    }
    return out;
}

} // namespace otadesk::manifest::builder
