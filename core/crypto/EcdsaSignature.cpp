#include "core/crypto/EcdsaSignature.h"

#include "core/crypto/OpenSsl.h"

#include <QCoreApplication>

namespace otadesk::crypto {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::crypto::EcdsaSignature)
};
} // namespace

Result<QByteArray> ecdsaDerToRaw(QByteArrayView der, int componentSize)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.data());
    ossl::EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    if (!sig || p != reinterpret_cast<const unsigned char *>(der.data()) + der.size()) {
        ossl::clearErrors();
        return fail(ErrorCode::Format, Text::tr("The ECDSA signature is not valid DER (SEQUENCE of r and s)."));
    }
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * componentSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, componentSize) != componentSize
        || BN_bn2binpad(s, out + componentSize, componentSize) != componentSize) {
        ossl::clearErrors();
        return fail(ErrorCode::Format,
                    Text::tr("The ECDSA signature's r or s is longer than %1 bytes.").arg(componentSize));
    }
    return raw;
}

Result<QByteArray> ecdsaRawToDer(QByteArrayView raw, int componentSize)
{
    if (raw.size() != 2 * componentSize)
        return fail(ErrorCode::Format, Text::tr("An ECDSA signature (r||s) must be %1 bytes, not %2.")
                                           .arg(2 * componentSize)
                                           .arg(raw.size()));
    const auto *in = reinterpret_cast<const unsigned char *>(raw.data());
    BIGNUM *r = BN_bin2bn(in, componentSize, nullptr);
    BIGNUM *s = BN_bin2bn(in + componentSize, componentSize, nullptr);
    ossl::EcdsaSig sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return fail(ErrorCode::Internal, Text::tr("OpenSSL could not build an ECDSA signature: %1").arg(ossl::takeErrors()));
    }
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return fail(ErrorCode::Internal, Text::tr("OpenSSL could not encode an ECDSA signature: %1").arg(ossl::takeErrors()));
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

} // namespace otadesk::crypto
