#include "SuitVerifier.h"

#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseMac0.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitNames.h"

namespace otadesk::manifest {

bool SuitVerificationReport::ok() const
{
    if (checks.isEmpty())
        return false;
    for (const SuitCheck &c : checks) {
        if (!c.passed)
            return false;
    }
    return true;
}

const SuitCheck *SuitVerificationReport::find(const QString &id) const
{
    for (const SuitCheck &c : checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QString SuitVerificationReport::toString() const
{
    QStringList lines;
    for (const SuitCheck &c : checks)
        lines << (c.passed ? QStringLiteral("PASS ") : QStringLiteral("FAIL ")) + c.id + QStringLiteral(": ") + c.message;
    return lines.join(QLatin1Char('\n'));
}

namespace {

QString keyName(const SuitTrustedKey &key)
{
    return key.name.isEmpty() ? key.key.fingerprint() : key.name;
}

QString errorText(const Error &e)
{
    return e.where().offset >= 0 ? SuitVerifier::tr("%1 (byte %2)").arg(e.message()).arg(e.where().offset) : e.message();
}

class Run
{
public:
    SuitVerificationReport report;
    void add(const QString &id, bool passed, const QString &message) { report.checks.append({id, passed, message}); }

    void signature(int index, const SuitEnvelope &env, const SuitAuthBlock &block, const QList<SuitTrustedKey> &keys)
    {
        const QString id = QStringLiteral("signature");
        auto sign1 = CoseSign1::parse(block.value, env.bytes);
        if (!sign1)
            return add(id, false, SuitVerifier::tr("block %1: %2").arg(index).arg(errorText(sign1.error())));
        const auto alg = sign1->headers.algorithm();
        const QString algName = alg ? CoseAlgorithms::name(*alg) : SuitVerifier::tr("no algorithm");
        if (sign1->payload && *sign1->payload != env.digestBstr)
            return add(id, false, SuitVerifier::tr("block %1: the COSE payload is not the manifest digest").arg(index));
        if (keys.isEmpty())
            return add(id, false, SuitVerifier::tr("block %1: %2 signature, but no trusted public key was given").arg(index).arg(algName));
        QStringList failures;
        for (const SuitTrustedKey &key : keys) {
            auto ok = sign1->verify(key.key, QByteArrayView(env.digestBstr));
            if (ok) {
                if (report.signerKey.isEmpty())
                    report.signerKey = keyName(key);
                return add(id, true, SuitVerifier::tr("block %1: %2 signature valid for key '%3'").arg(index).arg(algName, keyName(key)));
            }
            failures << SuitVerifier::tr("'%1': %2").arg(keyName(key), ok.error().message());
        }
        add(id, false, SuitVerifier::tr("block %1: no trusted key verifies the %2 signature (%3)")
                           .arg(index).arg(algName, failures.join(QStringLiteral("; "))));
    }

    void mac(int index, const SuitEnvelope &env, const SuitAuthBlock &block, const QByteArray &macKey)
    {
        const QString id = QStringLiteral("signature");
        auto mac0 = CoseMac0::parse(block.value, env.bytes);
        if (!mac0)
            return add(id, false, SuitVerifier::tr("block %1: %2").arg(index).arg(errorText(mac0.error())));
        if (mac0->payload && *mac0->payload != env.digestBstr)
            return add(id, false, SuitVerifier::tr("block %1: the COSE payload is not the manifest digest").arg(index));
        auto ok = mac0->verify(macKey, QByteArrayView(env.digestBstr));
        if (!ok)
            return add(id, false, SuitVerifier::tr("block %1: COSE_Mac0: %2").arg(index).arg(ok.error().message()));
        if (report.signerKey.isEmpty())
            report.signerKey = SuitVerifier::tr("shared MAC key");
        add(id, true, SuitVerifier::tr("block %1: COSE_Mac0 HMAC 256/256 tag valid for the shared key").arg(index));
    }

    void commands(const SuitSequence &seq, QStringList &unknown)
    {
        for (const SuitCommand &c : seq) {
            if (!c.known)
                unknown << SuitVerifier::tr("%1 at byte %2").arg(c.name()).arg(c.offset);
            for (const SuitSequence &nested : c.nested)
                commands(nested, unknown);
        }
    }

    void manifest(const SuitEnvelope &env, const SuitVerifyOptions &options)
    {
        auto m = SuitDecoder::decodeManifest(env);
        if (!m)
            return add(QStringLiteral("manifest"), false, SuitVerifier::tr("the manifest does not decode: %1").arg(errorText(m.error())));
        add(QStringLiteral("manifest"), true, SuitVerifier::tr("manifest decoded: %n component(s)", nullptr, int(m->components.size())));
        add(QStringLiteral("manifest-version"), m->version == 1,
            m->version == 1 ? SuitVerifier::tr("manifest-version 1")
                            : SuitVerifier::tr("manifest-version is %1, only 1 is defined").arg(m->version));
        sequenceNumber(*m, options);
        add(QStringLiteral("components"), !m->components.isEmpty(),
            m->components.isEmpty() ? SuitVerifier::tr("common has no components (key 2)")
                                    : SuitVerifier::tr("%n component(s)", nullptr, int(m->components.size())));
        QStringList unknown;
        commands(m->sharedSequence, unknown);
        for (const SuitSequence &seq : std::as_const(m->sequences))
            commands(seq, unknown);
        add(QStringLiteral("commands"), unknown.isEmpty(),
            unknown.isEmpty() ? SuitVerifier::tr("all commands are known")
                              : SuitVerifier::tr("unknown critical command(s): %1").arg(unknown.join(QStringLiteral(", "))));
        if (!m->unknownKeys.isEmpty()) {
            QStringList keys;
            for (qint64 k : std::as_const(m->unknownKeys))
                keys << QString::number(k);
            add(QStringLiteral("manifest-keys"), false, SuitVerifier::tr("unknown manifest member(s): %1").arg(keys.join(QStringLiteral(", "))));
        }
        severed(env, *m);
        characteristics(env, *m);
        report.manifest = std::move(*m);
    }

    void sequenceNumber(const SuitManifest &m, const SuitVerifyOptions &options)
    {
        const QString id = QStringLiteral("sequence-number");
        if (!m.sequenceNumber)
            return add(id, false, SuitVerifier::tr("the manifest has no sequence number (key 2)"));
        if (options.minimumSequenceNumber && *m.sequenceNumber < *options.minimumSequenceNumber)
            return add(id, false, SuitVerifier::tr("sequence number %1 is below %2: a rollback to an older manifest")
                                      .arg(*m.sequenceNumber).arg(*options.minimumSequenceNumber));
        add(id, true, options.minimumSequenceNumber
                          ? SuitVerifier::tr("sequence number %1 (minimum %2)").arg(*m.sequenceNumber).arg(*options.minimumSequenceNumber)
                          : SuitVerifier::tr("sequence number %1").arg(*m.sequenceNumber));
    }

    void characteristics(const SuitEnvelope &env, const SuitManifest &m)
    {
        const CborValue *p = SuitDecoder::findParameter(m.sharedSequence, otadeskExtension::CharacteristicsParameter);
        if (!p)
            return;
        auto def = CharacteristicDefinition::fromParameter(*p, env.bytes, m.components.size());
        if (!def)
            return add(QStringLiteral("characteristics"), false,
                       SuitVerifier::tr("otadesk-characteristics is malformed: %1").arg(errorText(def.error())));
        add(QStringLiteral("characteristics"), true,
            SuitVerifier::tr("otadesk-characteristics: %n characteristic(s) reported to %1", nullptr,
                             int(def->requests.size())).arg(def->resourceRequestUri));
    }

    void severed(const SuitEnvelope &env, const SuitManifest &m)
    {
        for (auto it = env.severedMembers.constBegin(); it != env.severedMembers.constEnd(); ++it) {
            const QString id = QStringLiteral("severed-%1").arg(it.key());
            const QString name = suitNames::manifestMember(it.key());
            const auto s = m.severable.constFind(it.key());
            if (s == m.severable.constEnd() || !s->digest) {
                add(id, false, SuitVerifier::tr("the envelope holds a severed %1 (key %2) that the manifest does not reference by digest")
                                   .arg(name).arg(it.key()));
                continue;
            }
            auto ok = s->digest->check(s->severedBytes, SuitVerifier::tr("severed %1").arg(name));
            add(id, bool(ok), ok ? SuitVerifier::tr("severed %1 matches its %2 digest").arg(name, SuitDigest::algorithmName(s->digest->algorithm))
                                 : ok.error().message());
        }
    }
};

} // namespace

SuitVerificationReport SuitVerifier::verifyEnvelope(QByteArrayView bytes, const QList<SuitTrustedKey> &keys,
                                                    const SuitVerifyOptions &options)
{
    Run run;
    auto env = SuitDecoder::decodeEnvelope(bytes);
    if (!env) {
        run.add(QStringLiteral("structure"), false, tr("not a valid SUIT envelope: %1").arg(errorText(env.error())));
        return run.report;
    }
    run.add(QStringLiteral("structure"), env->key2BeforeKey3,
            env->key2BeforeKey3 ? tr("envelope with authentication wrapper and manifest")
                                : tr("the authentication wrapper (key 2) must be encoded before the manifest (key 3)"));
    run.add(QStringLiteral("authentication"), !env->authBlocks.isEmpty(),
            env->authBlocks.isEmpty() ? tr("the authentication wrapper holds no signature or MAC")
                                      : tr("%n authentication block(s)", nullptr, int(env->authBlocks.size())));
    const SuitDigest &digest = *env->manifestDigest;
    const bool supported = SuitDigest::isSupported(digest.algorithm);
    run.add(QStringLiteral("digest-algorithm"), supported,
            supported ? tr("%1").arg(SuitDigest::algorithmName(digest.algorithm))
                      : tr("%1 is not supported (SHA-256, SHA-384 and SHA-512 are)").arg(SuitDigest::algorithmName(digest.algorithm)));
    if (supported) {
        auto ok = digest.check(env->manifestBstr, tr("manifest digest over the key 3 byte string (header included)"));
        run.add(QStringLiteral("manifest-digest"), bool(ok), ok ? tr("manifest digest matches (%1)").arg(QString::fromLatin1(digest.bytes.toHex()))
                                                                : ok.error().message());
    }
    int index = 0;
    for (const SuitAuthBlock &block : std::as_const(env->authBlocks)) {
        ++index;
        switch (block.kind) {
        case SuitAuthBlock::Kind::Sign1: run.signature(index, *env, block, keys); break;
        case SuitAuthBlock::Kind::Mac0: run.mac(index, *env, block, options.macKey); break;
        default:
            run.add(QStringLiteral("signature"), false,
                    tr("block %1: only COSE_Sign1 (tag 18) and COSE_Mac0 (tag 17) are supported").arg(index));
        }
    }
    run.manifest(*env, options);
    run.report.envelope = std::move(*env);
    return run.report;
}

} // namespace otadesk::manifest
