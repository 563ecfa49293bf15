#include "EnvelopeSigner.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitNames.h"

namespace otadesk::manifest {

namespace {

// The envelope map (inside tag 107 if tagged) and the authentication wrapper bstr in it.
Result<CborValue> authenticationBstr(const QByteArray &bytes)
{
    auto root = CborDecoder::decode(bytes);
    if (!root)
        return std::unexpected(root.error());
    const CborValue &map = root->isTag() ? root->tagContent() : *root;
    if (const CborValue *auth = map.find(2))
        return *auth;
    return fail(ErrorCode::Format, EnvelopeSigner::tr("the envelope has no authentication wrapper (key 2)"));
}

} // namespace

Result<QByteArray> EnvelopeSigner::sign(QByteArrayView envelope, const crypto::PrivateKey &key,
                                        const Options &options)
{
    if (key.isNull())
        return fail(ErrorCode::InvalidArgument, tr("No private key to sign the envelope with."));
    auto env = SuitDecoder::decodeEnvelope(envelope);
    if (!env)
        return fail(ErrorCode::Format,
                    tr("Not a SUIT envelope, nothing was signed: %1").arg(env.error().message()),
                    env.error().where());
    const SuitDigest &digest = *env->manifestDigest;
    if (!SuitDigest::isSupported(digest.algorithm))
        return fail(ErrorCode::Unsupported,
                    tr("The envelope's manifest digest uses %1, which OTA Desk cannot check; "
                       "nothing was signed.")
                        .arg(SuitDigest::algorithmName(digest.algorithm)));
    if (auto ok = digest.check(env->manifestBstr, tr("manifest digest")); !ok)
        return fail(ErrorCode::Checksum,
                    tr("The manifest does not match the digest in the authentication wrapper: the "
                       "envelope was modified after it was built. Nothing was signed; rebuild the "
                       "envelope. (%1)")
                        .arg(ok.error().message()));
    // Severed members are covered by digests inside the manifest: check them too.
    auto manifest = SuitDecoder::decodeManifest(*env);
    if (!manifest)
        return fail(ErrorCode::Format,
                    tr("The envelope's manifest does not decode, nothing was signed: %1")
                        .arg(manifest.error().message()),
                    manifest.error().where());
    for (auto it = env->severedMembers.constBegin(); it != env->severedMembers.constEnd(); ++it) {
        const auto member = manifest->severable.constFind(it.key());
        const QString name = suitNames::manifestMember(it.key());
        if (member == manifest->severable.constEnd() || !member->digest)
            return fail(ErrorCode::Format,
                        tr("The envelope carries a severed %1 that the manifest does not reference; "
                           "nothing was signed.")
                            .arg(name));
        if (auto ok = member->digest->check(member->severedBytes, tr("severed %1").arg(name)); !ok)
            return fail(ErrorCode::Checksum,
                        tr("The severed %1 does not match its digest in the manifest: the envelope "
                           "was modified after it was built. Nothing was signed. (%2)")
                            .arg(name, ok.error().message()));
    }
    const qint64 alg = options.algorithm.value_or(CoseAlgorithms::defaultFor(key.type()));
    if (auto ok = CoseAlgorithms::checkKey(alg, key.type()); !ok)
        return std::unexpected(ok.error());

    // COSE_Sign1 with a detached payload. The kid goes into the protected header so that it is covered by the
    // signature too: then no byte of the signed envelope can change without failing verification.
    std::vector<CborMapEntry> protectedMap{{CborValue::fromInt(coseHeader::Alg), CborValue::fromInt(alg)}};
    if (options.includeKeyId)
        protectedMap.push_back(
            {CborValue::fromInt(coseHeader::Kid), CborValue::fromBytes(key.publicKey().keyId())});
    const QByteArray protectedBytes =
        CborEncoder::encode(CborValue::map(std::move(protectedMap)), CborEncoder::MapOrder::Deterministic);
    auto signature = key.sign(CoseSign1::sigStructure(protectedBytes, {}, env->digestBstr));
    if (!signature)
        return std::unexpected(signature.error());
    const QByteArray block = CborEncoder::encode(CborValue::tagged(
        coseTag::Sign1, CborValue::array({CborValue::fromBytes(protectedBytes), CborValue::map(),
                                          CborValue::null(), CborValue::fromBytes(*signature)})));

    // Rebuild only the authentication wrapper: the existing elements are copied as they were received.
    const QByteArray &bytes = env->bytes;
    auto authBstr = authenticationBstr(bytes);
    if (!authBstr)
        return std::unexpected(authBstr.error());
    const QByteArray wrapperBytes = authBstr->bytes();
    auto wrapper = CborDecoder::decode(wrapperBytes);
    if (!wrapper || !wrapper->isArray())
        return fail(ErrorCode::Format, tr("The authentication wrapper is not an array; nothing was signed."));
    QByteArray newWrapper;
    CborEncoder::appendHead(newWrapper, 4, quint64(wrapper->size() + 1));
    for (const CborValue &item : wrapper->items())
        newWrapper += item.rawIn(wrapperBytes);
    CborEncoder::append(newWrapper, CborValue::fromBytes(block));

    QByteArray out = bytes.left(authBstr->offset());
    CborEncoder::append(out, CborValue::fromBytes(newWrapper));
    out += bytes.mid(authBstr->offset() + authBstr->length());
    return out;
}

} // namespace otadesk::manifest
