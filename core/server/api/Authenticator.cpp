#include "core/server/api/Authenticator.h"

#include "core/crypto/Digest.h"
#include "core/store/TokenRepository.h"

namespace otadesk::server {

int Authenticator::throttledFor(const QString &remote, qint64 now)
{
    auto it = m_failures.find(remote);
    if (it == m_failures.end())
        return 0;
    if (now - it->windowStart >= kWindowMs) {
        m_failures.erase(it);
        return 0;
    }
    if (it->count < kMaxFailures)
        return 0;
    return int((it->windowStart + kWindowMs - now + 999) / 1000);
}

void Authenticator::recordFailure(const QString &remote, qint64 now)
{
    Failures &f = m_failures[remote];
    if (f.count == 0 || now - f.windowStart >= kWindowMs)
        f = {0, now};
    ++f.count;
    if (m_failures.size() > 100'000) { // bound the memory a scan of many addresses can take
        for (auto it = m_failures.begin(); it != m_failures.end();)
            it = now - it->windowStart >= kWindowMs ? m_failures.erase(it) : std::next(it);
    }
}

Authenticator::Verdict Authenticator::authenticate(const QByteArray &authorization, const QHostAddress &remote)
{
    const qint64 now = store::nowMs();
    const QString address = remote.toString();
    Verdict v;
    if (const int wait = throttledFor(address, now); wait > 0) {
        v.outcome = Outcome::Throttled;
        v.retryAfterSeconds = wait;
        v.message = tr("Too many failed sign-ins from %1; try again in %n second(s).", nullptr, wait).arg(address);
        return v;
    }
    if (!authorization.startsWith("Bearer ") || authorization.size() <= 7) {
        v.outcome = Outcome::Missing;
        v.message = tr("This request needs an API token: send \"Authorization: Bearer <token>\".");
        return v;
    }
    const QByteArray token = authorization.mid(7).trimmed();
    const QByteArray key = crypto::sha256(token);
    if (auto it = m_cache.constFind(key); it != m_cache.constEnd()) {
        if (it->validUntil > now) {
            v.outcome = Outcome::Ok;
            v.principal = it->principal;
            return v;
        }
        m_cache.remove(key);
    }
    auto who = store::TokenRepository(m_db).authenticate(QString::fromLatin1(token));
    if (!who) {
        if (who.error().code() == ErrorCode::Database) {
            v.outcome = Outcome::Unavailable;
            v.message = who.error().message();
            return v;
        }
        recordFailure(address, now);
        v.outcome = Outcome::Invalid;
        v.message = who.error().message() + u' ' +
                    tr("Use a valid token; an administrator issues new ones (POST /api/v1/tokens, or "
                       "\"otactl server token\" on the server's database).");
        return v;
    }
    v.outcome = Outcome::Ok;
    v.principal = {who->tenantId, who->accountId,   who->accountName, who->role,
                   who->serverAdmin, who->tokenId, who->tokenPrefix, who->expiresAt, who->tenantName};
    qint64 until = now + kCacheTtlMs;
    if (who->expiresAt)
        until = std::min(until, *who->expiresAt);
    if (m_cache.size() > 10'000)
        m_cache.clear();
    m_cache.insert(key, {v.principal, until});
    return v;
}

void Authenticator::forgetToken(qint64 tokenId)
{
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = it->principal.tokenId == tokenId ? m_cache.erase(it) : std::next(it);
}

void Authenticator::forgetAccount(qint64 tenantId, qint64 accountId)
{
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = it->principal.tenantId == tenantId && it->principal.accountId == accountId ? m_cache.erase(it)
                                                                                         : std::next(it);
}

} // namespace otadesk::server
