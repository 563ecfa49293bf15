#pragma once
// Fixed manifest specs shared by the manifest authoring tests: one per template, every field set, so their
// envelopes are stable byte for byte (golden files in tests/data/golden/).
#include "core/crypto/Digest.h"
#include "core/manifest/ManifestBuilder.h"

namespace otadesk::test {

inline manifest::ManifestSpec goldenSpec(manifest::ManifestTemplate kind)
{
    using namespace otadesk::manifest;
    ManifestSpec spec = ManifestBuilder::fromTemplate(kind);
    spec.product = QStringLiteral("GW-200");
    spec.vendorDomain = QStringLiteral("example.com");
    spec.modelName = QStringLiteral("gw-200");
    spec.sequenceNumber = 7;
    spec.version = QStringLiteral("2.3.0");
    spec.vendorName = QStringLiteral("Example Devices Inc.");
    spec.description = QStringLiteral("Gateway firmware %1 (%2)").arg(spec.version, templateName(kind));
    for (qsizetype i = 0; i < spec.components.size(); ++i) {
        ComponentSpec &c = spec.components[i];
        const QString label = c.slot ? QStringLiteral("%1-slot%2").arg(c.name).arg(*c.slot) : c.name;
        c.digest = crypto::sha256(label.toUtf8());
        c.size = 40000 + 1000 * quint64(i);
        c.uri = QStringLiteral("https://updates.example.com/gw-200/2.3.0/%1.bin").arg(label);
        c.firmwareId = QStringLiteral("fw-%1").arg(label);
    }
    switch (kind) {
    case ManifestTemplate::SingleImage:
        spec.characteristics = {QStringLiteral("vendor-id"), QStringLiteral("class-id"),
                                QStringLiteral("hardware-revision"), QStringLiteral("component-version:main"),
                                QStringLiteral("attribute:region")};
        spec.resourceRequestUri = QStringLiteral("https://updates.example.com/resolve");
        break;
    case ManifestTemplate::ABSlots:
        spec.components[0].version = QStringLiteral("2.3.0");
        break;
    case ManifestTemplate::ImageWithAuxiliary: {
        ComponentSpec &aux = spec.components[1];
        aux.integrated = true;
        aux.uri.clear();
        aux.payload = QByteArray("region=eu\nchannel=stable\n");
        aux.payloadFile = QStringLiteral("aux.cfg");
        aux.size = quint64(aux.payload.size());
        aux.digest = crypto::sha256(aux.payload);
        aux.version = QStringLiteral("7");
        spec.severInstall = true;
        break;
    }
    case ManifestTemplate::MultiComponent:
        spec.severText = false;
        spec.dependencies = {DependencySpec{crypto::sha256("modem-vendor-manifest"),
                                            QStringLiteral("https://modem.example.net/m2/4.1.suit"),
                                            {QByteArray("modem")}}};
        spec.characteristics = {QStringLiteral("device-id"), QStringLiteral("component-digest:modem"),
                                QStringLiteral("component-version:net")};
        spec.resourceRequestUri = QStringLiteral("coaps://updates.example.com/resolve");
        break;
    }
    return spec;
}

} // namespace otadesk::test
