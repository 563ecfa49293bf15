#pragma once
// HMAC-SHA-256 through OpenSSL EVP_MAC, with a constant-time comparison for verification.
#include "core/common/Error.h"

#include <QByteArray>

namespace otadesk::manifest {

Result<QByteArray> hmacSha256(QByteArrayView key, QByteArrayView message);
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace otadesk::manifest
