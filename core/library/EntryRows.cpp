#include "core/library/EntryRows.h"

#include "core/library/BlobStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace otadesk::library {

QString entryKindName(EntryKind kind)
{
    return kind == EntryKind::Auxiliary ? QStringLiteral("auxiliary") : QStringLiteral("image");
}

namespace rows {

namespace {
enum RangeKind { SegmentRange = 0, OverlapRange = 1 };

// Addresses are unsigned 64-bit; SQLite integers are signed 64-bit: stored bit for bit.
qint64 toDb(quint64 v) { return qint64(v); }
quint64 fromDb(const QVariant &v) { return quint64(v.toLongLong()); }
} // namespace

QString timestamp(const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); }
QDateTime timestampFromText(const QString &text) { return QDateTime::fromString(text, Qt::ISODateWithMs); }

EntryKind entryKindFromName(const QString &name)
{
    return name == QLatin1String("auxiliary") ? EntryKind::Auxiliary : EntryKind::Image;
}

QString toJson(const QVariantMap &map)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

QVariantMap mapFromJson(const QString &json) { return QJsonDocument::fromJson(json.toUtf8()).object().toVariantMap(); }

QString listToJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList listFromJson(const QString &json)
{
    QStringList out;
    const QJsonArray a = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : a)
        out.append(v.toString());
    return out;
}

QString entryColumns()
{
    return QStringLiteral("e.id, e.name, e.product, e.version, e.component, e.kind, e.format, e.file_sha256, "
                          "e.file_size, e.image_sha256, e.image_crc32, e.data_size, e.entry_point, e.warnings, "
                          "e.metadata, e.imported_at, "
                          "(SELECT MIN(bi.bundle_id) FROM bundle_items bi WHERE bi.entry_id = e.id)");
}

FirmwareEntry entryFromQuery(const QSqlQuery &q)
{
    FirmwareEntry e;
    e.id = q.value(0).toLongLong();
    e.name = q.value(1).toString();
    e.product = q.value(2).toString();
    e.version = q.value(3).toString();
    e.component = q.value(4).toString();
    e.kind = entryKindFromName(q.value(5).toString());
    e.format = q.value(6).toString();
    e.fileSha256 = QByteArray::fromHex(q.value(7).toString().toLatin1());
    e.fileSize = q.value(8).toLongLong();
    e.imageSha256 = QByteArray::fromHex(q.value(9).toString().toLatin1());
    e.imageCrc32 = quint32(q.value(10).toLongLong());
    e.dataSize = fromDb(q.value(11));
    if (!q.value(12).isNull())
        e.entryPoint = fromDb(q.value(12));
    e.warnings = listFromJson(q.value(13).toString());
    e.metadata = mapFromJson(q.value(14).toString());
    e.importedAt = timestampFromText(q.value(15).toString());
    e.bundleId = q.value(16).isNull() ? 0 : q.value(16).toLongLong();
    return e;
}

Result<qint64> insertEntry(LibraryDatabase &db, const FirmwareEntry &e)
{
    auto q = db.exec(
        QStringLiteral("INSERT INTO entries(name, product, version, component, kind, format, file_sha256, "
                       "file_size, image_sha256, image_crc32, data_size, entry_point, warnings, metadata, "
                       "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {e.name, e.product, e.version, e.component, entryKindName(e.kind), e.format, toHex(e.fileSha256),
         e.fileSize, toHex(e.imageSha256), qint64(e.imageCrc32), toDb(e.dataSize),
         e.entryPoint ? QVariant(toDb(*e.entryPoint)) : QVariant(QMetaType::fromType<qint64>()),
         listToJson(e.warnings), toJson(e.metadata), timestamp(e.importedAt)});
    if (!q)
        return std::unexpected(q.error());
    const qint64 id = q->lastInsertId().toLongLong();
    const QString sql = QStringLiteral("INSERT INTO entry_ranges(entry_id, kind, position, start_address, "
                                       "end_address) VALUES (?, ?, ?, ?, ?)");
    for (int kind : {SegmentRange, OverlapRange}) {
        const auto &ranges = kind == SegmentRange ? e.segments : e.overlaps;
        for (qsizetype i = 0; i < ranges.size(); ++i) {
            if (auto r = db.exec(sql, {id, kind, qint64(i), toDb(ranges[i].start), toDb(ranges[i].end)}); !r)
                return std::unexpected(r.error());
        }
    }
    return id;
}

Status loadRanges(const LibraryDatabase &db, FirmwareEntry &entry)
{
    auto q = db.exec(QStringLiteral("SELECT kind, start_address, end_address FROM entry_ranges WHERE entry_id = ? "
                                    "ORDER BY kind, position"),
                     {entry.id});
    if (!q)
        return std::unexpected(q.error());
    entry.segments.clear();
    entry.overlaps.clear();
    while (q->next()) {
        const firmware::AddressRange r{fromDb(q->value(1)), fromDb(q->value(2))};
        (q->value(0).toInt() == SegmentRange ? entry.segments : entry.overlaps).append(r);
    }
    return {};
}

QString bundleColumns()
{
    return QStringLiteral("b.id, b.name, b.product, b.version, b.source, b.metadata, b.created_at");
}

BundleEntry bundleFromQuery(const QSqlQuery &q)
{
    BundleEntry b;
    b.id = q.value(0).toLongLong();
    b.name = q.value(1).toString();
    b.product = q.value(2).toString();
    b.version = q.value(3).toString();
    b.source = q.value(4).toString();
    b.metadata = mapFromJson(q.value(5).toString());
    b.createdAt = timestampFromText(q.value(6).toString());
    return b;
}

} // namespace rows
} // namespace otadesk::library
