#include "core/crypto/SelfSignedCertificate.h"

#include "core/crypto/Digest.h"
#include "core/crypto/OpenSsl.h"

#include <arpa/inet.h>

#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace otadesk::crypto {

namespace {
struct X509Free { void operator()(X509 *p) const { X509_free(p); } };
using X509Ptr = std::unique_ptr<X509, X509Free>;

bool isHostName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    for (QChar ch : host) {
        if (!(ch.isLetterOrNumber() && ch.unicode() < 128) && ch != QLatin1Char('.') && ch != QLatin1Char('-')
            && ch != QLatin1Char('*'))
            return false;
    }
    return true;
}

// "10.0.0.1" / "fe80::1" in canonical form, or empty if text is not an IP address.
QString canonicalIp(const QString &text)
{
    const QByteArray in = text.toLatin1();
    unsigned char buffer[16];
    char out[INET6_ADDRSTRLEN] = {};
    for (int family : {AF_INET, AF_INET6}) {
        if (inet_pton(family, in.constData(), buffer) == 1 && inet_ntop(family, buffer, out, sizeof out))
            return QString::fromLatin1(out);
    }
    return {};
}

bool addExtension(X509 *cert, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

std::unexpected<Error> opensslFailure(const char *what)
{
    return fail(ErrorCode::Internal,
                SelfSignedCertificate::tr("Creating the certificate failed (%1): %2")
                    .arg(QString::fromLatin1(what), ossl::takeErrors()));
}
} // namespace

Result<SelfSignedCertificate> SelfSignedCertificate::generate(const QStringList &hosts, int validDays)
{
    if (validDays < 1 || validDays > 3650)
        return fail(ErrorCode::InvalidArgument, tr("The validity must be 1 to 3650 days, not %1.").arg(validDays));
    SelfSignedCertificate out;
    out.m_subjectAltNames = {QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1"),
                             QStringLiteral("IP:::1")};
    for (const QString &host : hosts) {
        QString san;
        if (const QString ip = canonicalIp(host); !ip.isEmpty())
            san = QStringLiteral("IP:") + ip;
        else if (isHostName(host))
            san = QStringLiteral("DNS:") + host.toLower();
        else
            return fail(ErrorCode::InvalidArgument, tr("\"%1\" is neither a host name nor an IP address.").arg(host));
        if (!out.m_subjectAltNames.contains(san))
            out.m_subjectAltNames << san;
    }
    const QString commonName = hosts.isEmpty() ? QStringLiteral("localhost") : hosts.first();

    ossl::Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "prime256v1"));
    X509Ptr cert(X509_new());
    if (!key || !cert)
        return opensslFailure("key generation");
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return opensslFailure("serial number");
    serial[0] &= 0x7f; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialOk = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.toUtf8();
    const bool ok =
        serialOk && X509_set_version(cert.get(), 2) == 1
        && X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600)
        && X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(validDays) * 24 * 3600)
        && X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>("OTA Desk (self-signed)"), -1, -1, 0)
        && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0)
        && X509_set_issuer_name(cert.get(), name) == 1 && X509_set_pubkey(cert.get(), key.get()) == 1
        && addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), NID_key_usage, "critical,digitalSignature")
        && addExtension(cert.get(), NID_ext_key_usage, "serverAuth")
        && addExtension(cert.get(), NID_subject_key_identifier, "hash")
        && addExtension(cert.get(), NID_subject_alt_name, out.m_subjectAltNames.join(QLatin1Char(',')).toLatin1())
        && X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return opensslFailure("certificate fields");

    ossl::Bio certBio = ossl::writeBio();
    ossl::Bio keyBio = ossl::writeBio();
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return opensslFailure("PEM encoding");
    out.m_certificatePem = ossl::bioContents(certBio.get());
    out.m_privateKeyPem = ossl::bioContents(keyBio.get());
    unsigned char *der = nullptr;
    const int derLength = i2d_X509(cert.get(), &der);
    if (derLength <= 0)
        return opensslFailure("DER encoding");
    out.m_der = QByteArray(reinterpret_cast<const char *>(der), derLength);
    OPENSSL_free(der);
    return out;
}

QByteArray SelfSignedCertificate::sha256Fingerprint() const
{
    return Digest::hash(m_der, DigestAlgorithm::Sha256);
}

} // namespace otadesk::crypto
