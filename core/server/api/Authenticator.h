#pragma once
// Bearer-token authentication of API requests with two guards: a short-lived cache of valid tokens (so a busy
// client costs one SHA-256, not a database round trip, per request; revocations and role changes clear it at
// once on this server and within kCacheTtlMs on the others), and a limit on failed attempts per client address
// (kMaxFailures within kWindowMs; then every request from that address is refused until the window ends).
#include "core/server/api/ApiTypes.h"

#include <QHash>
#include <QHostAddress>

namespace otadesk::store {
class Database;
}

namespace otadesk::server {

class Authenticator
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::server::Authenticator)
public:
    explicit Authenticator(const store::Database &db) : m_db(db) {}

    enum class Outcome { Ok, Missing, Invalid, Throttled, Unavailable };
    struct Verdict
    {
        Outcome outcome = Outcome::Invalid;
        Principal principal;
        QString message;
        int retryAfterSeconds = 0;
    };
    Verdict authenticate(const QByteArray &authorization, const QHostAddress &remote);
    // Drops cached tokens (after a revocation or a role change).
    void forgetToken(qint64 tokenId);
    void forgetAccount(qint64 tenantId, qint64 accountId);

    static constexpr qint64 kCacheTtlMs = 10'000;
    static constexpr int kMaxFailures = 10;
    static constexpr qint64 kWindowMs = 60'000;

private:
    struct Cached
    {
        Principal principal;
        qint64 validUntil = 0;
    };
    struct Failures
    {
        int count = 0;
        qint64 windowStart = 0;
    };
    int throttledFor(const QString &remote, qint64 now);
    void recordFailure(const QString &remote, qint64 now);

    const store::Database &m_db;
    QHash<QByteArray, Cached> m_cache; // key: SHA-256 of the token
    QHash<QString, Failures> m_failures;
};

} // namespace otadesk::server
