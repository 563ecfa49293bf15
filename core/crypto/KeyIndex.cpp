#include "core/crypto/KeyIndex.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace otadesk::crypto {

namespace {
constexpr int kIndexVersion = 1;

QJsonObject toJson(const KeyInfo &k)
{
    return QJsonObject{
        {QStringLiteral("id"), k.keyIdHex()},
        {QStringLiteral("name"), k.name},
        {QStringLiteral("type"), keyTypeName(k.type)},
        {QStringLiteral("defaultFor"), QJsonArray::fromStringList(k.defaultFor)},
        {QStringLiteral("createdAt"), k.createdAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("hasPrivateKey"), k.hasPrivateKey},
    };
}
} // namespace

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, KeyIndex::tr("Cannot read %1: %2").arg(path, f.errorString()));
    return f.readAll();
}

Status writeFileAtomically(const QString &path, const QByteArray &data, bool ownerOnly)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, KeyIndex::tr("Cannot write %1: %2").arg(path, f.errorString()));
    if (ownerOnly && !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        f.cancelWriting();
        return fail(ErrorCode::Io, KeyIndex::tr("Cannot restrict the permissions of %1 to its owner.").arg(path));
    }
    if (f.write(data) != data.size() || !f.commit())
        return fail(ErrorCode::Io, KeyIndex::tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

Result<QList<KeyInfo>> KeyIndex::load(const QString &path)
{
    if (!QFile::exists(path))
        return QList<KeyInfo>{};
    auto data = readWholeFile(path);
    if (!data)
        return std::unexpected(data.error());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::Format, tr("%1 is damaged (%2). Restore it from a backup; the key files beside it "
                                          "are intact.")
                                           .arg(path, parseError.errorString()),
                    {path, -1, -1, parseError.offset});
    const QJsonArray array = doc.object().value(QStringLiteral("keys")).toArray();
    QList<KeyInfo> keys;
    qint64 record = 0;
    for (const QJsonValue &v : array) {
        ++record;
        const QJsonObject o = v.toObject();
        KeyInfo k;
        k.keyId = QByteArray::fromHex(o.value(QStringLiteral("id")).toString().toLatin1());
        k.name = o.value(QStringLiteral("name")).toString();
        const auto type = keyTypeFromName(o.value(QStringLiteral("type")).toString());
        if (k.keyId.size() != 32 || k.name.isEmpty() || !type)
            return fail(ErrorCode::Format, tr("Entry %1 of %2 has no valid id, name or type.").arg(record).arg(path),
                        {path, -1, record, -1});
        k.type = *type;
        for (const QJsonValue &p : o.value(QStringLiteral("defaultFor")).toArray())
            k.defaultFor.append(p.toString());
        k.createdAt = QDateTime::fromString(o.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
        k.hasPrivateKey = o.value(QStringLiteral("hasPrivateKey")).toBool(true);
        keys.append(k);
    }
    return keys;
}

Status KeyIndex::save(const QString &path, const QList<KeyInfo> &keys)
{
    QJsonArray array;
    for (const KeyInfo &k : keys)
        array.append(toJson(k));
    const QJsonObject root{{QStringLiteral("version"), kIndexVersion}, {QStringLiteral("keys"), array}};
    return writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented), false);
}

} // namespace otadesk::crypto
