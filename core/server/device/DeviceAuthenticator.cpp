#include "core/server/device/DeviceAuthenticator.h"

#include "core/crypto/Digest.h"
#include "core/store/StoreTypes.h"

namespace otadesk::server {

DeviceAuthenticator::Verdict DeviceAuthenticator::authenticate(const QByteArray &authorization,
                                                               const QByteArray &certHeader, const QHostAddress &remote)
{
    const qint64 now = store::nowMs();
    // The address as text only when it is needed (the hot path of a cached credential does without it).
    QString from;
    if (!m_failures.isEmpty()) {
        from = remote.toString();
        if (auto it = m_failures.find(from); it != m_failures.end()) {
            if (now - it->windowStart >= kWindowMs)
                m_failures.erase(it);
            else if (it->count >= kMaxFailures)
                return {Outcome::Throttled, {},
                        tr("Too many failed device sign-ins from this address; try again later."),
                        int((it->windowStart + kWindowMs - now + 999) / 1000)};
        }
    }
    QByteArray key;
    QByteArray token;
    QString fingerprint;
    if (authorization.startsWith("Bearer ")) {
        token = authorization.mid(7).trimmed();
        key = 't' + crypto::Digest::hash(token);
    } else if (!m_config.clientCertHeader.isEmpty() && !certHeader.isEmpty() &&
               std::any_of(m_config.trustedProxies.cbegin(), m_config.trustedProxies.cend(),
                           [&](const QHostAddress &a) { return a.isEqual(remote, QHostAddress::TolerantConversion); })) {
        fingerprint = QString::fromLatin1(certHeader).trimmed().toLower().remove(u':');
        key = 'c' + fingerprint.toLatin1();
    } else {
        return {Outcome::Missing, {}, tr("Send the device token as \"Authorization: Bearer otdd_…\"."), 0};
    }
    if (auto it = m_cache.constFind(key); it != m_cache.cend() && it->validUntil > now)
        return {Outcome::Ok, it->identity, {}, 0};
    const store::DeviceCredentials creds(m_db);
    auto identity = token.isEmpty() ? creds.authenticateCertificate(fingerprint) : creds.authenticateToken(QString::fromLatin1(token));
    if (!identity) {
        if (identity.error().code() == ErrorCode::Database)
            return {Outcome::Unavailable, {}, tr("The server cannot check credentials right now; try again later."), 0};
        auto &f = m_failures[from.isEmpty() ? remote.toString() : from];
        if (f.count == 0)
            f.windowStart = now;
        ++f.count;
        return {Outcome::Invalid, {}, identity.error().message(), 0};
    }
    remember(key, *identity, now);
    return {Outcome::Ok, *identity, {}, 0};
}

void DeviceAuthenticator::remember(const QByteArray &key, const store::DeviceIdentity &identity, qint64 now)
{
    if (m_cache.size() >= kMaxCached) {
        m_cache.clear();
        m_keyOfDevice.clear();
    }
    m_cache.insert(key, {identity, now + kCacheTtlMs});
    m_keyOfDevice.insert(identity.deviceId, key);
}

void DeviceAuthenticator::updateReport(qint64 deviceId, const QString &fingerprint, quint64 bodyHash)
{
    const auto key = m_keyOfDevice.constFind(deviceId);
    if (key == m_keyOfDevice.cend())
        return;
    if (auto it = m_cache.find(*key); it != m_cache.end()) {
        it->identity.reportSha256 = fingerprint;
        it->identity.reportBodyHash = bodyHash;
    }
}

void DeviceAuthenticator::forget(qint64 deviceId)
{
    if (const QByteArray key = m_keyOfDevice.take(deviceId); !key.isEmpty())
        m_cache.remove(key);
}

} // namespace otadesk::server
