#include "app/otactl/Output.h"

#include "core/library/ImageFacts.h"

#include <QCoreApplication>

namespace otadesk::cli {

using firmware::formatAddress;
using firmware::formatRange;

QString hex(const QByteArray &raw) { return QString::fromLatin1(raw.toHex()); }

QString humanSize(qint64 bytes)
{
    if (bytes < 10 * 1024)
        return QCoreApplication::translate("otactl", "%1 B").arg(bytes);
    if (bytes < 10 * 1024 * 1024)
        return QCoreApplication::translate("otactl", "%1 KiB").arg(bytes / 1024);
    return QCoreApplication::translate("otactl", "%1 MiB").arg(bytes / (1024 * 1024));
}

QJsonObject rangeToJson(const firmware::AddressRange &r)
{
    return {{QStringLiteral("start"), formatAddress(r.start)},
            {QStringLiteral("end"), formatAddress(r.end)},
            {QStringLiteral("size"), qint64(r.size())}};
}

namespace {
QJsonArray rangesToJson(const QList<firmware::AddressRange> &ranges)
{
    QJsonArray a;
    for (const auto &r : ranges)
        a.append(rangeToJson(r));
    return a;
}

QList<firmware::AddressRange> gapsOf(const QList<firmware::AddressRange> &segments)
{
    QList<firmware::AddressRange> out;
    for (qsizetype i = 1; i < segments.size(); ++i)
        out.append({segments.at(i - 1).end, segments.at(i).start});
    return out;
}
} // namespace

QJsonArray diagnosticsToJson(const Diagnostics &d)
{
    QJsonArray a;
    for (const Diagnostic &w : d) {
        QJsonObject o{{QStringLiteral("message"), w.message}, {QStringLiteral("text"), w.toString()}};
        if (!w.where.file.isEmpty())
            o.insert(QStringLiteral("file"), w.where.file);
        if (w.where.line >= 0)
            o.insert(QStringLiteral("line"), w.where.line);
        if (w.where.record >= 0)
            o.insert(QStringLiteral("record"), w.where.record);
        if (w.where.offset >= 0)
            o.insert(QStringLiteral("offset"), w.where.offset);
        a.append(o);
    }
    return a;
}

QJsonObject entryToJson(const library::FirmwareEntry &e)
{
    QJsonObject o{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("name"), e.name},
        {QStringLiteral("product"), e.product},
        {QStringLiteral("version"), e.version},
        {QStringLiteral("component"), e.component},
        {QStringLiteral("kind"), library::entryKindName(e.kind)},
        {QStringLiteral("format"), e.format},
        {QStringLiteral("fileSha256"), hex(e.fileSha256)},
        {QStringLiteral("fileSize"), e.fileSize},
        {QStringLiteral("importedAt"), e.importedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(e.warnings)},
        {QStringLiteral("metadata"), QJsonObject::fromVariantMap(e.metadata)},
    };
    if (e.bundleId)
        o.insert(QStringLiteral("bundleId"), e.bundleId);
    if (e.kind == library::EntryKind::Image) {
        o.insert(QStringLiteral("imageSha256"), hex(e.imageSha256));
        o.insert(QStringLiteral("imageCrc32"), QStringLiteral("%1").arg(e.imageCrc32, 8, 16, QLatin1Char('0')));
        o.insert(QStringLiteral("dataSize"), qint64(e.dataSize));
        o.insert(QStringLiteral("extent"), rangeToJson(e.extent()));
        o.insert(QStringLiteral("segments"), rangesToJson(e.segments));
        o.insert(QStringLiteral("gaps"), rangesToJson(gapsOf(e.segments)));
        o.insert(QStringLiteral("overlaps"), rangesToJson(e.overlaps));
        o.insert(QStringLiteral("entryPoint"), e.entryPoint ? QJsonValue(formatAddress(*e.entryPoint)) : QJsonValue());
    }
    return o;
}

QJsonObject bundleToJson(const library::BundleEntry &b, bool withItems)
{
    QJsonObject o{
        {QStringLiteral("id"), b.id},
        {QStringLiteral("name"), b.name},
        {QStringLiteral("product"), b.product},
        {QStringLiteral("version"), b.version},
        {QStringLiteral("source"), b.source},
        {QStringLiteral("createdAt"), b.createdAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("itemCount"), qint64(b.items.size())},
        {QStringLiteral("metadata"), QJsonObject::fromVariantMap(b.metadata)},
    };
    if (withItems) {
        QJsonArray items;
        for (const auto &e : b.items)
            items.append(entryToJson(e));
        o.insert(QStringLiteral("items"), items);
    }
    return o;
}

QJsonObject loadedImageToJson(const firmware::LoadedImage &img, const QString &path)
{
    library::FirmwareEntry e = library::entryFromLoadedImage(img, path);
    QJsonObject o = entryToJson(e);
    for (const char *key : {"id", "product", "version", "component", "importedAt"})
        o.remove(QString::fromLatin1(key));
    o.insert(QStringLiteral("warnings"), diagnosticsToJson(img.result.warnings));
    return o;
}

void printSegments(QTextStream &out, const QList<firmware::AddressRange> &segments,
                   const QList<firmware::AddressRange> &overlaps)
{
    out << QCoreApplication::translate("otactl", "Memory map (%n segment(s)):", nullptr, int(segments.size()))
        << '\n';
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0) {
            const firmware::AddressRange gap{segments.at(i - 1).end, segments.at(i).start};
            out << "    " << QCoreApplication::translate("otactl", "gap      %1  (%2 bytes)")
                                 .arg(formatRange(gap))
                                 .arg(gap.size())
                << '\n';
        }
        out << "  " << QCoreApplication::translate("otactl", "segment  %1  (%2 bytes)")
                           .arg(formatRange(segments.at(i)))
                           .arg(segments.at(i).size())
            << '\n';
    }
    for (const auto &r : overlaps)
        out << "  " << QCoreApplication::translate("otactl", "overlap  %1  (written more than once)").arg(formatRange(r))
            << '\n';
}

void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows)
{
    // Each column as wide as its widest cell (capped so one long name cannot push the rest off screen);
    // cells over the cap end in "…" so truncation is visible.
    constexpr qsizetype kMaxWidth = 40;
    QList<qsizetype> widths;
    for (const QString &h : header)
        widths.append(h.size());
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = qMin(kMaxWidth, qMax(widths[c], row.at(c).size()));
    }
    const auto printRow = [&](const QStringList &cells) {
        QString line;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            QString cell = cells.at(c);
            if (cell.size() > widths.value(c))
                cell = cell.left(widths.value(c) - 1) + QStringLiteral("…");
            line += c + 1 < cells.size() ? cell.leftJustified(widths.value(c) + 2) : cell;
        }
        out << line << '\n';
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
}

void printEntryTable(QTextStream &out, const QList<library::FirmwareEntry> &entries)
{
    QList<QStringList> rows;
    for (const auto &e : entries) {
        rows.append({QString::number(e.id), e.name, e.product, e.version, e.component,
                     e.kind == library::EntryKind::Auxiliary ? QStringLiteral("aux") : e.format,
                     QString::number(e.fileSize), hex(e.fileSha256).left(16)});
    }
    printTable(out,
               {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PRODUCT"), QStringLiteral("VERSION"),
                QStringLiteral("COMPONENT"), QStringLiteral("FORMAT"), QStringLiteral("SIZE"),
                QStringLiteral("SHA-256")},
               rows);
}

void printEntryDetails(QTextStream &out, const library::FirmwareEntry &e)
{
    auto line = [&](const char *label, const QString &value) {
        out << qSetFieldWidth(16) << Qt::left << QCoreApplication::translate("otactl", label) + QLatin1Char(':')
            << qSetFieldWidth(0) << value << '\n';
    };
    line("Entry", QString::number(e.id));
    line("Name", e.name);
    line("Product", e.product);
    line("Version", e.version);
    line("Component", e.component);
    line("Kind", library::entryKindName(e.kind));
    line("Format", e.format);
    line("File size", QString::number(e.fileSize));
    line("File SHA-256", hex(e.fileSha256));
    if (e.bundleId)
        line("Bundle", QString::number(e.bundleId));
    line("Imported", e.importedAt.toLocalTime().toString(Qt::ISODate));
    if (e.kind == library::EntryKind::Image) {
        line("Image SHA-256", hex(e.imageSha256));
        line("Image CRC-32", QStringLiteral("%1").arg(e.imageCrc32, 8, 16, QLatin1Char('0')));
        line("Data bytes", QString::number(e.dataSize));
        line("Extent", formatRange(e.extent()));
        line("Entry point", e.entryPoint ? formatAddress(*e.entryPoint) : QCoreApplication::translate("otactl", "none"));
        printSegments(out, e.segments, e.overlaps);
    }
    const QVariantMap mcuboot = e.metadata.value(QStringLiteral("mcuboot")).toMap();
    if (!mcuboot.isEmpty()) {
        out << QCoreApplication::translate("otactl", "MCUboot image:") << '\n';
        for (auto it = mcuboot.cbegin(); it != mcuboot.cend(); ++it) {
            if (it.value().canConvert<QString>() && !it.value().toString().isEmpty())
                out << "  " << it.key() << ": " << it.value().toString() << '\n';
        }
    }
    if (!e.warnings.isEmpty()) {
        out << QCoreApplication::translate("otactl", "Warnings at import:") << '\n';
        for (const QString &w : e.warnings)
            out << "  " << w << '\n';
    }
    out.flush();
}

} // namespace otadesk::cli
