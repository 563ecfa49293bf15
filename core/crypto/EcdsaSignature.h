#pragma once
// ECDSA signature encodings: DER (SEQUENCE { r INTEGER, s INTEGER }, as OpenSSL and MCUboot use) and the raw
// fixed-width r||s form of COSE / JOSE (32 + 32 bytes for P-256, each left-padded with zeros).
#include "core/common/Error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace otadesk::crypto {

// Fails with ErrorCode::Format if der is not a valid signature or r/s do not fit componentSize bytes.
Result<QByteArray> ecdsaDerToRaw(QByteArrayView der, int componentSize = 32);
// Fails with ErrorCode::Format unless raw is exactly 2 * componentSize bytes.
Result<QByteArray> ecdsaRawToDer(QByteArrayView raw, int componentSize = 32);

} // namespace otadesk::crypto
