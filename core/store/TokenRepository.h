#pragma once
// API tokens. A token is "otd_<prefix>_<secret>": the prefix (12 hex digits) finds the row, the SHA-256 of
// the whole token is compared in constant time. The token itself is returned once by issue() and never
// stored.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QList>

namespace otadesk::store {

class Database;

class TokenRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::TokenRepository)
public:
    explicit TokenRepository(const Database &db) : m_db(db) {}

    // expiresAt: milliseconds since the epoch, or unset for a token that does not expire.
    Result<IssuedToken> issue(qint64 tenantId, qint64 accountId, const QString &label = {},
                              std::optional<qint64> expiresAt = std::nullopt) const;
    // Who the token speaks for; an error (InvalidArgument) for an unknown, wrong, revoked or expired token.
    // Updates last_used_at (at most once a minute per token, so that busy clients do not write every
    // request).
    Result<TokenIdentity> authenticate(const QString &token) const;
    Status revoke(qint64 tenantId, qint64 tokenId) const;
    Result<QList<TokenInfo>> list(qint64 tenantId) const;

    static QString hashSecret(const QString &token); // lower-case hex SHA-256
    static constexpr qint64 kLastUsedResolutionMs = 60'000;

private:
    const Database &m_db;
};

} // namespace otadesk::store
