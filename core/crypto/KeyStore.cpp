#include "core/crypto/KeyStore.h"

#include "core/crypto/KeyIndex.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace otadesk::crypto {

namespace {
constexpr int kMinPrefix = 6;

bool isHex(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-fA-F]+$"));
    return re.match(s).hasMatch();
}

qsizetype indexOf(const QList<KeyInfo> &keys, const QByteArray &id)
{
    for (qsizetype i = 0; i < keys.size(); ++i)
        if (keys[i].keyId == id)
            return i;
    return -1;
}
} // namespace

KeyStore::KeyStore(const Workspace &workspace) : m_workspace(workspace) {}

QString KeyStore::folder() const
{
    return m_workspace.filePath(QStringLiteral("keys"));
}

QString KeyStore::indexPath() const
{
    return QDir(folder()).filePath(QStringLiteral("keys.json"));
}

QString KeyStore::privateKeyPath(const KeyInfo &key) const
{
    return QDir(folder()).filePath(key.keyIdHex() + QStringLiteral(".key.pem"));
}

QString KeyStore::publicKeyPath(const KeyInfo &key) const
{
    return QDir(folder()).filePath(key.keyIdHex() + QStringLiteral(".pub.pem"));
}

Status KeyStore::ensureFolder() const
{
    const QString path = folder();
    if (!QDir().mkpath(path))
        return fail(ErrorCode::Io, tr("Cannot create the key folder %1.").arg(path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

Result<QList<KeyInfo>> KeyStore::list() const
{
    return KeyIndex::load(indexPath());
}

Result<KeyInfo> KeyStore::find(const QString &reference) const
{
    auto keys = list();
    if (!keys)
        return std::unexpected(keys.error());
    return findIn(*keys, reference);
}

Result<KeyInfo> KeyStore::findIn(const QList<KeyInfo> &keys, const QString &reference)
{
    const QString ref = reference.trimmed();
    for (const KeyInfo &k : keys)
        if (k.name == ref)
            return k;
    if (ref.size() >= kMinPrefix && isHex(ref)) {
        const QString lower = ref.toLower();
        QList<KeyInfo> matches;
        for (const KeyInfo &k : keys)
            if (k.keyIdHex().startsWith(lower))
                matches.append(k);
        if (matches.size() == 1)
            return matches.first();
        if (matches.size() > 1) {
            QStringList candidates;
            for (const KeyInfo &k : matches)
                candidates.append(QStringLiteral("%1 (%2)").arg(k.keyIdHex().left(16), k.name));
            return fail(ErrorCode::InvalidArgument, tr("The key id prefix \u201c%1\u201d matches %2 keys: %3. "
                                                       "Give more characters or the name.")
                                                        .arg(ref)
                                                        .arg(matches.size())
                                                        .arg(candidates.join(QStringLiteral(", "))));
        }
    }
    return fail(ErrorCode::NotFound, tr("No key is named \u201c%1\u201d or has an id starting with it.").arg(ref));
}

Status KeyStore::validateNewName(const QList<KeyInfo> &keys, const QString &name, const QByteArray &exceptId) const
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("A key needs a name."));
    if (name != name.trimmed())
        return fail(ErrorCode::InvalidArgument, tr("A key name may not start or end with spaces."));
    if (name.size() > 100)
        return fail(ErrorCode::InvalidArgument, tr("A key name may have at most 100 characters."));
    for (const QChar c : name)
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.category() == QChar::Other_Control)
            return fail(ErrorCode::InvalidArgument,
                        tr("A key name may not contain slashes, backslashes or control characters."));
    for (const KeyInfo &k : keys)
        if (k.name == name && k.keyId != exceptId)
            return fail(ErrorCode::InvalidArgument, tr("There is already a key named \u201c%1\u201d.").arg(name));
    return {};
}

Result<KeyInfo> KeyStore::store(const QString &name, const PublicKey &publicKey, const QByteArray &encryptedPem)
{
    auto keys = list();
    if (!keys)
        return std::unexpected(keys.error());
    if (auto ok = validateNewName(*keys, name, {}); !ok)
        return std::unexpected(ok.error());
    KeyInfo info;
    info.keyId = publicKey.keyId();
    info.name = name;
    info.type = publicKey.type();
    info.createdAt = QDateTime::currentDateTimeUtc();
    info.hasPrivateKey = !encryptedPem.isEmpty();
    if (const qsizetype existing = indexOf(*keys, info.keyId); existing >= 0)
        return fail(ErrorCode::InvalidArgument,
                    tr("This key is already in the store as \u201c%1\u201d.").arg(keys->at(existing).name));
    if (auto ok = ensureFolder(); !ok)
        return std::unexpected(ok.error());
    if (info.hasPrivateKey)
        if (auto ok = writeFileAtomically(privateKeyPath(info), encryptedPem, true); !ok)
            return std::unexpected(ok.error());
    auto written = writeFileAtomically(publicKeyPath(info), publicKey.toPem(), false);
    keys->append(info);
    if (written)
        written = KeyIndex::save(indexPath(), *keys);
    if (!written) {
        QFile::remove(privateKeyPath(info));
        QFile::remove(publicKeyPath(info));
        return std::unexpected(written.error());
    }
    return info;
}

Result<KeyInfo> KeyStore::generate(const QString &name, KeyType type, const QByteArray &passphrase)
{
    if (auto keys = list(); !keys)
        return std::unexpected(keys.error());
    else if (auto ok = validateNewName(*keys, name, {}); !ok)
        return std::unexpected(ok.error());
    auto key = PrivateKey::generate(type);
    if (!key)
        return std::unexpected(key.error());
    auto pem = key->toEncryptedPem(passphrase);
    if (!pem)
        return std::unexpected(pem.error());
    return store(name, key->publicKey(), *pem);
}

Result<KeyInfo> KeyStore::importPem(const QString &name, QByteArrayView pem, const QByteArray &sourcePassphrase,
                                    const QByteArray &passphrase)
{
    if (!pem.toByteArray().contains("PRIVATE KEY")) {
        auto pub = PublicKey::fromPem(pem);
        if (!pub)
            return std::unexpected(pub.error());
        return store(name, *pub, {});
    }
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("A passphrase is needed to store a private key."));
    auto key = PrivateKey::fromPem(pem, sourcePassphrase);
    if (!key)
        return std::unexpected(key.error());
    auto encrypted = key->toEncryptedPem(passphrase);
    if (!encrypted)
        return std::unexpected(encrypted.error());
    return store(name, key->publicKey(), *encrypted);
}

Result<PublicKey> KeyStore::publicKey(const QString &reference) const
{
    auto info = find(reference);
    if (!info)
        return std::unexpected(info.error());
    auto pem = readWholeFile(publicKeyPath(*info));
    if (!pem)
        return std::unexpected(pem.error());
    auto key = PublicKey::fromPem(*pem);
    if (!key)
        return std::unexpected(key.error().withFile(publicKeyPath(*info)));
    if (key->keyId() != info->keyId)
        return fail(ErrorCode::Format, tr("%1 does not hold the key %2 it is named for.")
                                           .arg(publicKeyPath(*info), info->keyIdHex()));
    return key;
}

Result<QByteArray> KeyStore::encryptedPrivatePem(const QString &reference) const
{
    auto info = find(reference);
    if (!info)
        return std::unexpected(info.error());
    if (!info->hasPrivateKey)
        return fail(ErrorCode::InvalidArgument,
                    tr("The key \u201c%1\u201d is a public key only; there is no private key to use.").arg(info->name));
    return readWholeFile(privateKeyPath(*info));
}

Result<PrivateKey> KeyStore::unlock(const QString &reference, const QByteArray &passphrase) const
{
    auto info = find(reference);
    if (!info)
        return std::unexpected(info.error());
    auto pem = encryptedPrivatePem(info->keyIdHex());
    if (!pem)
        return std::unexpected(pem.error());
    auto key = PrivateKey::fromPem(*pem, passphrase);
    if (!key)
        return std::unexpected(key.error());
    if (key->publicKey().keyId() != info->keyId)
        return fail(ErrorCode::Format, tr("%1 does not hold the key %2 it is named for.")
                                           .arg(privateKeyPath(*info), info->keyIdHex()));
    return key;
}

Status KeyStore::changePassphrase(const QString &reference, const QByteArray &oldPassphrase,
                                  const QByteArray &newPassphrase)
{
    auto info = find(reference);
    if (!info)
        return std::unexpected(info.error());
    auto key = unlock(info->keyIdHex(), oldPassphrase);
    if (!key)
        return std::unexpected(key.error());
    auto pem = key->toEncryptedPem(newPassphrase);
    if (!pem)
        return std::unexpected(pem.error());
    // Check the new file opens with the new passphrase before it replaces the old one.
    auto check = PrivateKey::fromPem(*pem, newPassphrase);
    if (!check || check->publicKey().keyId() != info->keyId)
        return fail(ErrorCode::Internal, tr("The re-encrypted key did not read back; the old key file is kept."));
    return writeFileAtomically(privateKeyPath(*info), *pem, true);
}

Status KeyStore::updateEntry(const QString &reference,
                             const std::function<Status(QList<KeyInfo> &, qsizetype)> &change)
{
    auto keys = list(); // read the index once: resolve, check and change the same list
    if (!keys)
        return std::unexpected(keys.error());
    auto info = findIn(*keys, reference);
    if (!info)
        return std::unexpected(info.error());
    if (auto ok = change(*keys, indexOf(*keys, info->keyId)); !ok)
        return ok;
    return KeyIndex::save(indexPath(), *keys);
}

Status KeyStore::setDefaultFor(const QString &reference, const QString &product)
{
    const QString p = product.trimmed();
    if (p.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("Name the product the key should be the default for."));
    return updateEntry(reference, [&](QList<KeyInfo> &keys, qsizetype i) -> Status {
        if (!keys[i].hasPrivateKey)
            return fail(ErrorCode::InvalidArgument,
                        tr("The key \u201c%1\u201d is a public key only and cannot sign.").arg(keys[i].name));
        for (KeyInfo &k : keys)
            k.defaultFor.removeAll(p);
        keys[i].defaultFor.append(p);
        keys[i].defaultFor.sort();
        return {};
    });
}

Status KeyStore::clearDefaultFor(const QString &product)
{
    auto keys = list();
    if (!keys)
        return std::unexpected(keys.error());
    bool changed = false;
    for (KeyInfo &k : *keys)
        changed = k.defaultFor.removeAll(product.trimmed()) > 0 || changed;
    return changed ? KeyIndex::save(indexPath(), *keys) : Status{};
}

Result<KeyInfo> KeyStore::defaultFor(const QString &product) const
{
    auto keys = list();
    if (!keys)
        return std::unexpected(keys.error());
    for (const KeyInfo &k : *keys)
        if (k.defaultFor.contains(product.trimmed()))
            return k;
    return fail(ErrorCode::NotFound, tr("No key is the default signing key of \u201c%1\u201d.").arg(product));
}

Status KeyStore::rename(const QString &reference, const QString &newName)
{
    return updateEntry(reference, [&](QList<KeyInfo> &all, qsizetype i) -> Status {
        if (auto ok = validateNewName(all, newName, all[i].keyId); !ok)
            return ok;
        all[i].name = newName;
        return {};
    });
}

Status KeyStore::remove(const QString &reference)
{
    KeyInfo removed;
    if (auto ok = updateEntry(reference, [&](QList<KeyInfo> &all, qsizetype i) -> Status {
            removed = all.takeAt(i); // its product defaults go with it
            return {};
        });
        !ok)
        return ok;
    // The index no longer names the files; a failure to delete them leaves harmless orphans.
    QFile::remove(privateKeyPath(removed));
    QFile::remove(publicKeyPath(removed));
    return {};
}

} // namespace otadesk::crypto
