#pragma once
// How devices prove who they are: a device token "otdd_<12 hex>_<secret>" (the prefix finds the row, the SHA-256
// of the whole token is compared in constant time; the token is shown once and stored hashed) or a client
// certificate fingerprint (mTLS terminated by a trusted proxy). Devices may also self-register with a
// tenant-wide enrolment token "otde_…" and then wait, as "pending", until an operator accepts them (unless the
// enrolment token accepts them automatically).
#include "core/common/Error.h"
#include "core/store/TokenSecrets.h"

#include <QCoreApplication>
#include <optional>

namespace otadesk::store {

class Database;

using DeviceToken = NewSecret; // "otdd_…" (device) or "otde_…" (enrolment)

struct DeviceIdentity
{
    qint64 tenantId = 0;
    qint64 deviceId = 0;
    QString serial;
    QString status;       // pending / accepted / rejected
    QString reportSha256; // fingerprint of the last stored check-in report
    // Not stored: the server's credential cache keeps a keyed hash of the last request body whose report equals
    // reportSha256, so the same body again is recognised without parsing it.
    quint64 reportBodyHash = 0;
};

struct EnrolmentToken
{
    qint64 id = 0;
    QString label;
    bool autoAccept = false;
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt;
    bool revoked = false;
    QString createdBy;
    QString prefix;
};

class DeviceCredentials
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::DeviceCredentials)
public:
    explicit DeviceCredentials(const Database &db) : m_db(db) {}


    // A new token for the device; the old one stops working at once.
    Result<DeviceToken> issueToken(qint64 tenantId, qint64 deviceId) const;
    // An error (InvalidArgument) for an unknown or wrong token.
    Result<DeviceIdentity> authenticateToken(const QString &token) const;
    Result<DeviceIdentity> authenticateCertificate(const QString &fingerprintHex) const;

    Result<std::pair<EnrolmentToken, QString>> createEnrolmentToken(qint64 tenantId, const QString &label,
                                                                    bool autoAccept, std::optional<qint64> expiresAt,
                                                                    const QString &createdBy) const;
    Result<QList<EnrolmentToken>> enrolmentTokens(qint64 tenantId) const;
    Status revokeEnrolmentToken(qint64 tenantId, qint64 id) const;
    // Self-registration: creates the device (pending, or accepted with auto-accept) with a new device token.
    // A serial that exists already is refused (Conflict): a device cannot take over another's identity.
    struct Enrolled
    {
        DeviceIdentity identity;
        DeviceToken token;
    };
    Result<Enrolled> enrol(const QString &enrolmentToken, const QString &serial, const QString &model,
                           const QString &hwRev) const;

private:
    const Database &m_db;
};

} // namespace otadesk::store
