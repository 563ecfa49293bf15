#pragma once
// The signing keys of a workspace, in <workspace>/keys/: one encrypted PKCS#8 PEM file per key
// (<keyid-hex>.key.pem, never clear text) plus keys.json with each key's name, type, product defaults and
// creation time. Public keys are kept in the clear beside them (<keyid-hex>.pub.pem). The passphrase is asked
// for each time a private key is used; it is never stored by this class.
#include "core/common/Error.h"
#include "core/common/Workspace.h"
#include "core/crypto/Key.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace otadesk::crypto {

struct KeyInfo
{
    QByteArray keyId;          // SHA-256 of the SPKI DER (raw 32 bytes)
    QString name;              // user label, unique in the store
    KeyType type = KeyType::EcdsaP256;
    QStringList defaultFor;    // products this key is the default signing key of
    QDateTime createdAt;
    bool hasPrivateKey = true; // false for public-only (imported trust anchors)
    QString keyIdHex() const { return QString::fromLatin1(keyId.toHex()); }
};

class KeyStore
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::crypto::KeyStore)
public:
    explicit KeyStore(const Workspace &workspace);

    QString folder() const;
    Result<QList<KeyInfo>> list() const;
    // By name, full hex key id, or a hex prefix of at least 6 characters.
    Result<KeyInfo> find(const QString &reference) const;

    Result<KeyInfo> generate(const QString &name, KeyType type, const QByteArray &passphrase);
    // Imports a private key PEM (decrypted with sourcePassphrase if encrypted) and stores it encrypted with
    // passphrase; or a public key PEM (public-only entry).
    Result<KeyInfo> importPem(const QString &name, QByteArrayView pem, const QByteArray &sourcePassphrase,
                              const QByteArray &passphrase);

    Result<PublicKey> publicKey(const QString &reference) const;
    Result<PrivateKey> unlock(const QString &reference, const QByteArray &passphrase) const;
    // The stored key file as it is (encrypted PKCS#8 PEM) — for exporting without decrypting.
    Result<QByteArray> encryptedPrivatePem(const QString &reference) const;
    // Re-encrypts the key file; the old file is replaced atomically only after the new one is written.
    Status changePassphrase(const QString &reference, const QByteArray &oldPassphrase,
                            const QByteArray &newPassphrase);
    Status setDefaultFor(const QString &reference, const QString &product); // unsets any other default
    Status clearDefaultFor(const QString &product); // no default for the product afterwards (no-op if none)
    Result<KeyInfo> defaultFor(const QString &product) const;
    Status rename(const QString &reference, const QString &newName);
    Status remove(const QString &reference);

private:
    QString indexPath() const;
    QString privateKeyPath(const KeyInfo &key) const;
    QString publicKeyPath(const KeyInfo &key) const;
    Status ensureFolder() const;
    Status validateNewName(const QList<KeyInfo> &keys, const QString &name, const QByteArray &exceptId) const;
    Result<KeyInfo> store(const QString &name, const PublicKey &publicKey, const QByteArray &encryptedPem);
    static Result<KeyInfo> findIn(const QList<KeyInfo> &keys, const QString &reference);
    // Reads the index once, resolves `reference` in it, lets `change` edit the list (or refuse), saves it.
    Status updateEntry(const QString &reference, const std::function<Status(QList<KeyInfo> &, qsizetype)> &change);

    Workspace m_workspace;
};

} // namespace otadesk::crypto
