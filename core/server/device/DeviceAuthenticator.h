#pragma once
// Authentication of devices on /device/v1: a device token in "Authorization: Bearer otdd_…", or a client
// certificate fingerprint in the configured header when the request comes from a trusted TLS proxy. Valid
// credentials are cached for kCacheTtlMs (a fleet that polls every few minutes costs one SHA-256 per check-in,
// not a database lookup); forget() drops a device at once on this server after its token is replaced or it is
// rejected or removed (other servers of a scale-out setup follow within kCacheTtlMs). Failed attempts are
// limited per client address like the management API's.
#include "core/server/ServerConfig.h"
#include "core/store/DeviceCredentials.h"

#include <QHash>
#include <QHostAddress>

namespace otadesk::store {
class Database;
}

namespace otadesk::server {

class DeviceAuthenticator
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::server::DeviceAuthenticator)
public:
    DeviceAuthenticator(const store::Database &db, const ServerConfig &config) : m_db(db), m_config(config) {}

    enum class Outcome { Ok, Missing, Invalid, Throttled, Unavailable };
    struct Verdict
    {
        Outcome outcome = Outcome::Invalid;
        store::DeviceIdentity identity;
        QString message;
        int retryAfterSeconds = 0;
    };
    Verdict authenticate(const QByteArray &authorization, const QByteArray &certHeader, const QHostAddress &remote);
    // The stored report fingerprint is `fingerprint` and `bodyHash` a request body that says it: keep the cache in
    // step.
    void updateReport(qint64 deviceId, const QString &fingerprint, quint64 bodyHash);
    void forget(qint64 deviceId);

    static constexpr qint64 kCacheTtlMs = 15 * 60'000;
    static constexpr int kMaxCached = 500'000;
    static constexpr int kMaxFailures = 20;
    static constexpr qint64 kWindowMs = 60'000;

private:
    struct Cached
    {
        store::DeviceIdentity identity;
        qint64 validUntil = 0;
    };
    struct Failures
    {
        int count = 0;
        qint64 windowStart = 0;
    };
    void remember(const QByteArray &key, const store::DeviceIdentity &identity, qint64 now);

    const store::Database &m_db;
    const ServerConfig &m_config;
    QHash<QByteArray, Cached> m_cache; // key: "t" + SHA-256 of the token, or "c" + fingerprint
    QHash<qint64, QByteArray> m_keyOfDevice;
    QHash<QString, Failures> m_failures;
};

} // namespace otadesk::server
