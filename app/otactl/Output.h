#pragma once
// How otactl shows library entries and bundles: JSON objects (--json) and human-readable text.
#include "core/firmware/FormatRegistry.h"
#include "core/library/FirmwareLibrary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

namespace otadesk::cli {

QString hex(const QByteArray &raw);
QJsonObject rangeToJson(const firmware::AddressRange &r);
QJsonObject entryToJson(const library::FirmwareEntry &e);
QJsonObject bundleToJson(const library::BundleEntry &b, bool withItems);
QJsonArray diagnosticsToJson(const Diagnostics &d);
// The memory map and facts of a parsed image (inspect / convert without the library).
QJsonObject loadedImageToJson(const firmware::LoadedImage &img, const QString &path);

// A plain-text table whose columns fit their content.
void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows);
void printEntryTable(QTextStream &out, const QList<library::FirmwareEntry> &entries);
void printEntryDetails(QTextStream &out, const library::FirmwareEntry &e);
void printSegments(QTextStream &out, const QList<firmware::AddressRange> &segments,
                   const QList<firmware::AddressRange> &overlaps);
QString humanSize(qint64 bytes);

} // namespace otadesk::cli
