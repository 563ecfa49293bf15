#pragma once
// Shared by the device update tests: a real signed two-component manifest ("main" and "net", real payload
// bytes), its payloads uploaded through the upload API, the signer's key registered, devices imported with
// device tokens — everything through the management API of a running otadesk-server (ApiFixture).
#include "ApiFixture.h"
#include "../unit/ManifestTestSpecs.h"
#include "core/crypto/Digest.h"
#include "core/crypto/Key.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/SuitDecoder.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace {

struct Firmware
{
    QByteArray main; // the new images
    QByteArray net;
    QByteArray oldMain; // what the devices run before
    static QByteArray bytes(quint32 seed, int size)
    {
        QByteArray b(size, Qt::Uninitialized);
        QRandomGenerator g(seed);
        for (char &c : b)
            c = char(g.bounded(256));
        return b;
    }
    static Firmware make()
    {
        return {bytes(1, 3 * 4096 + 1000), bytes(2, 5000), bytes(3, 3 * 4096 + 1000)};
    }
};

class UpdateKit
{
public:
    explicit UpdateKit(ApiFixture &f) : fx(f)
    {
        auto k = otadesk::crypto::PrivateKey::generate(otadesk::crypto::KeyType::EcdsaP256);
        if (!k)
            qFatal("cannot generate a key");
        key = std::make_unique<otadesk::crypto::PrivateKey>(std::move(*k));
    }

    // The signer's public key on the server.
    bool registerKey()
    {
        const Response r = fx.call("POST", QStringLiteral("/api/v1/keys"), fx.adminToken,
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("release")},
                                               {QStringLiteral("public_key_pem"), QString::fromLatin1(key->publicKey().toPem())}});
        return r.status == 201;
    }

    // A signed envelope installing `main` (component 0) and `net` (component 1); empty on failure.
    QByteArray envelope(quint64 sequence, const QByteArray &main, const QByteArray &net)
    {
        using namespace otadesk::manifest;
        ManifestSpec spec = otadesk::test::goldenSpec(ManifestTemplate::MultiComponent);
        spec.dependencies.clear();
        spec.components = spec.components.mid(0, 2);
        spec.components[0].name = QStringLiteral("main");
        spec.components[0].identifier.clear();
        const QByteArray images[] = {main, net};
        for (int i = 0; i < 2; ++i) {
            ComponentSpec &c = spec.components[i];
            c.digest = otadesk::crypto::sha256(images[i]);
            c.size = quint64(images[i].size());
            c.uri = QStringLiteral("https://updates.example.com/%1.bin").arg(c.name);
            c.version = QStringLiteral("2.%1.0").arg(sequence);
        }
        spec.sequenceNumber = sequence;
        spec.characteristics = {QStringLiteral("vendor-id"), QStringLiteral("class-id"),
                                QStringLiteral("component-digest:main"), QStringLiteral("component-version:net")};
        spec.resourceRequestUri = QStringLiteral("https://updates.example.com/resolve");
        auto bytes = ManifestBuilder::buildEnvelope(spec);
        if (!bytes) {
            qWarning() << "cannot build:" << bytes.error().message();
            return {};
        }
        auto signedBytes = EnvelopeSigner::sign(*bytes, *key);
        if (!signedBytes) {
            qWarning() << "cannot sign:" << signedBytes.error().message();
            return {};
        }
        return *signedBytes;
    }

    // Published on the server: its id, or -status.
    qint64 publish(const QByteArray &envelope)
    {
        const Response r = fx.call("POST", QStringLiteral("/api/v1/manifests?product=GW-200"), fx.adminToken, envelope,
                                   {qMakePair(QByteArray("Content-Type"), QByteArray("application/suit-envelope+cose"))});
        if (r.status != 201) {
            qWarning() << "publish:" << r.status << r.body;
            return -r.status;
        }
        return r.json().value(QStringLiteral("id")).toInteger();
    }

    // Uploaded as a payload in two parts; true when the server has it.
    bool upload(const QString &name, const QByteArray &data)
    {
        const QString sha = QString::fromLatin1(otadesk::crypto::sha256(data).toHex());
        Response r = fx.call("POST", QStringLiteral("/api/v1/uploads"), fx.adminToken,
                             QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("size"), double(data.size())},
                                         {QStringLiteral("sha256"), sha}});
        if (r.status != 201)
            return false;
        const QString id = r.json().value(QStringLiteral("id")).toString();
        const qsizetype half = data.size() / 2;
        if (fx.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/0").arg(id), fx.adminToken, data.left(half)).status / 100 != 2)
            return false;
        if (fx.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/%2").arg(id).arg(half), fx.adminToken,
                    data.mid(half))
                .status / 100 != 2)
            return false;
        r = fx.call("POST", QStringLiteral("/api/v1/uploads/%1/finish").arg(id), fx.adminToken,
                    QJsonObject{{QStringLiteral("sha256"), sha}});
        return r.status / 100 == 2;
    }

    // Devices from CSV lines (with header "serial,model"); serial -> device token.
    QHash<QString, QByteArray> importDevices(const QByteArray &csv)
    {
        const Response r = fx.call("POST", QStringLiteral("/api/v1/devices/import?issue_tokens=1"), fx.adminToken, csv,
                                   {qMakePair(QByteArray("Content-Type"), QByteArray("text/csv"))});
        QHash<QString, QByteArray> out;
        for (const QJsonValue &v : r.json().value(QStringLiteral("tokens")).toArray())
            out.insert(v[QStringLiteral("serial")].toString(), v[QStringLiteral("device_token")].toString().toLatin1());
        return out;
    }

    static QByteArray report(const QByteArray &mainImage, const QByteArray &netImage)
    {
        QJsonArray comps;
        if (!mainImage.isEmpty())
            comps.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                     {QStringLiteral("version"), QStringLiteral("2.0.0")},
                                     {QStringLiteral("digest"), QString::fromLatin1(otadesk::crypto::sha256(mainImage).toHex())},
                                     {QStringLiteral("slot"), 0}});
        if (!netImage.isEmpty())
            comps.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("net")},
                                     {QStringLiteral("version"), QStringLiteral("1.0.0")},
                                     {QStringLiteral("digest"), QString::fromLatin1(otadesk::crypto::sha256(netImage).toHex())}});
        return QJsonDocument(QJsonObject{{QStringLiteral("components"), comps}}).toJson(QJsonDocument::Compact);
    }

    // The digest bstr content a device echoes as key 0 of its resolve request.
    static QByteArray digestBstr(const QByteArray &envelope)
    {
        auto env = otadesk::manifest::SuitDecoder::decodeEnvelope(envelope);
        return env ? env->digestBstr : QByteArray();
    }

    ApiFixture &fx;
    std::unique_ptr<otadesk::crypto::PrivateKey> key;
};

} // namespace
