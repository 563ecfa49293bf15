#include "ui/manifest/TrustedKeys.h"

#include "core/crypto/KeyStore.h"

namespace otadesk::ui {

QList<manifest::SuitTrustedKey> trustedKeys(const QString &workspacePath)
{
    QList<manifest::SuitTrustedKey> out;
    if (workspacePath.isEmpty())
        return out;
    const crypto::KeyStore store{Workspace(workspacePath)};
    const auto keys = store.list();
    if (!keys)
        return out;
    for (const crypto::KeyInfo &k : *keys)
        if (auto pub = store.publicKey(k.keyIdHex()))
            out.append({k.name, *pub});
    return out;
}

} // namespace otadesk::ui
