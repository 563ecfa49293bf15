// libFuzzer target: SUIT envelope decoding and verification with the draft's example key never crash, and
// nothing but the untouched examples verifies. The unauthenticated paths are fuzzed too: `otactl manifest
// show` and the editor decode a manifest before (or without) verifying it, and signing parses the envelope.
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitVerifier.h"

#include <QFile>

using namespace otadesk;
using namespace otadesk::manifest;

static const QList<SuitTrustedKey> &keys()
{
    static const QList<SuitTrustedKey> list = [] {
        QList<SuitTrustedKey> out;
        for (const char *path : {"../shared/testdata/suit/manifest-spec/examples_public_key.pem",
                                 "../shared/testdata/suit/trust-domains/esp256_public_key.pem"}) {
            QFile f(QString::fromLatin1(path));
            if (f.open(QIODevice::ReadOnly)) {
                if (auto k = crypto::PublicKey::fromPem(f.readAll()))
                    out.append({QString::fromLatin1(path), *k});
            }
        }
        return out;
    }();
    return list;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    SuitVerifyOptions options;
    options.macKey = QByteArray(32, 'a');
    const SuitVerificationReport report = SuitVerifier::verifyEnvelope(input, keys(), options);
    (void)report.toString();

    if (auto envelope = SuitDecoder::decodeEnvelope(input)) {
        (void)SuitDecoder::decodeManifest(*envelope);
        static const crypto::PrivateKey signer = [] {
            auto key = crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
            return key ? std::move(*key) : crypto::PrivateKey();
        }();
        if (auto signedEnvelope = EnvelopeSigner::sign(input, signer)) {
            // Whatever the signer accepted must verify with its key (the signer checks the digests first).
            const SuitVerificationReport again =
                SuitVerifier::verifyEnvelope(*signedEnvelope, {{QStringLiteral("fuzz"), signer.publicKey()}});
            if (again.signerKey != QStringLiteral("fuzz"))
                __builtin_trap();
        }
    }
    return 0;
}
