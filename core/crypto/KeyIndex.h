#pragma once
// keys.json of a key store: the list of KeyInfo, read and written atomically. Internal to core/crypto.
#include "core/common/Error.h"
#include "core/crypto/KeyStore.h"

namespace otadesk::crypto {

class KeyIndex
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::crypto::KeyStore)
public:
    // A missing file is an empty store.
    static Result<QList<KeyInfo>> load(const QString &path);
    static Status save(const QString &path, const QList<KeyInfo> &keys);
};

// Writes data to path atomically (QSaveFile); with ownerOnly the file gets permissions 0600.
Status writeFileAtomically(const QString &path, const QByteArray &data, bool ownerOnly);
Result<QByteArray> readWholeFile(const QString &path);

} // namespace otadesk::crypto
