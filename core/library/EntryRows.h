#pragma once
// FirmwareEntry / BundleEntry <-> database rows: column lists, value lists, JSON columns, address ranges.
#include "core/library/FirmwareLibrary.h"
#include "core/library/LibraryDatabase.h"

namespace otadesk::library::rows {

// SELECT list for entries aliased "e"; matches entryFromQuery().
QString entryColumns();
FirmwareEntry entryFromQuery(const QSqlQuery &q);
// Inserts the entry row and its ranges; returns the new id.
Result<qint64> insertEntry(LibraryDatabase &db, const FirmwareEntry &entry);
Status loadRanges(const LibraryDatabase &db, FirmwareEntry &entry);

QString bundleColumns();
BundleEntry bundleFromQuery(const QSqlQuery &q);

QString toJson(const QVariantMap &map);
QVariantMap mapFromJson(const QString &json);
QString listToJson(const QStringList &list);
QStringList listFromJson(const QString &json);
QString timestamp(const QDateTime &t);
QDateTime timestampFromText(const QString &text);
EntryKind entryKindFromName(const QString &name);

} // namespace otadesk::library::rows
