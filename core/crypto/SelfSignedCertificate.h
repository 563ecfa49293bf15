#pragma once
// A self-signed TLS server certificate with an ECDSA P-256 key, for otadesk-server on a bench or a laptop
// ("otactl server init"). Subject alternative names: localhost, 127.0.0.1, ::1 and the given host names / IPs.
#include "core/common/Error.h"

#include <QByteArray>
#include <QStringList>

namespace otadesk::crypto {

class SelfSignedCertificate
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::crypto::SelfSignedCertificate)
public:
    // hosts: extra DNS names or IP addresses (letters, digits, '.', '-', ':', '*'). validDays: 1..3650.
    static Result<SelfSignedCertificate> generate(const QStringList &hosts, int validDays);

    const QByteArray &certificatePem() const { return m_certificatePem; }
    const QByteArray &privateKeyPem() const { return m_privateKeyPem; } // PKCS#8, unencrypted
    const QStringList &subjectAltNames() const { return m_subjectAltNames; } // "DNS:localhost", "IP:127.0.0.1"
    QByteArray sha256Fingerprint() const; // of the DER certificate

private:
    QByteArray m_certificatePem;
    QByteArray m_privateKeyPem;
    QByteArray m_der;
    QStringList m_subjectAltNames;
};

} // namespace otadesk::crypto
