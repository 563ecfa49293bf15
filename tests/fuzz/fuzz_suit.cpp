// libFuzzer target: SUIT envelope decoding and verification with the draft's example key never crash, and
// nothing but the untouched examples verifies.
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
    return 0;
}
