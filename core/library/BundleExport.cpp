// Exporting a bundle as a zip with a bundle.json manifest.
#include "core/library/BlobStore.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/LibraryPrivate.h"
#include "core/library/ZipWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace otadesk::library {

Status FirmwareLibrary::exportBundle(qint64 id, const QString &zipPath) const
{
    auto b = bundle(id);
    if (!b)
        return std::unexpected(b.error());
    ZipWriter zip;
    QJsonArray items;
    QSet<QString> used;
    for (const FirmwareEntry &item : b->items) {
        auto bytes = d->blobs.read(item.fileSha256);
        if (!bytes)
            return std::unexpected(bytes.error());
        QString member = item.name;
        if (member.isEmpty() || used.contains(member) || member == QLatin1String("bundle.json"))
            member = item.component + QLatin1Char('/') + item.name;
        used.insert(member);
        zip.add(member, *bytes);
        QJsonObject o{
            {QStringLiteral("component"), item.component},
            {QStringLiteral("file"), member},
            {QStringLiteral("kind"), entryKindName(item.kind)},
            {QStringLiteral("format"), item.format},
            {QStringLiteral("version"), item.version},
            {QStringLiteral("size"), item.fileSize},
            {QStringLiteral("sha256"), toHex(item.fileSha256)},
        };
        if (item.kind == EntryKind::Image) {
            o.insert(QStringLiteral("image_sha256"), toHex(item.imageSha256));
            o.insert(QStringLiteral("load_address"), qint64(item.extent().start));
        }
        items.append(o);
    }
    const QJsonObject manifest{
        {QStringLiteral("name"), b->name},
        {QStringLiteral("product"), b->product},
        {QStringLiteral("version"), b->version},
        {QStringLiteral("source"), b->source},
        {QStringLiteral("items"), items},
    };
    zip.add(QStringLiteral("bundle.json"), QJsonDocument(manifest).toJson());
    return zip.writeTo(zipPath);
}

} // namespace otadesk::library
