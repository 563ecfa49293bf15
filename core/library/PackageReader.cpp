#include "core/library/PackageReader.h"

#include "core/firmware/FormatRegistry.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace otadesk::library {

namespace {
const QString kPybricksMetadata = QStringLiteral("firmware.metadata.json");
const QString kPybricksBase = QStringLiteral("firmware-base.bin");
const QString kNordicManifest = QStringLiteral("manifest.json");

QString baseName(const QString &member) { return member.section(QLatin1Char('/'), -1); }
QString folderOf(const QString &member) { return member.section(QLatin1Char('/'), -2, -2); }

const ZipEntryInfo *findByBaseName(const ZipArchive &zip, const QString &name)
{
    for (const ZipEntryInfo &z : zip.entries()) {
        if (!z.isDirectory() && baseName(z.name) == name)
            return &z;
    }
    return nullptr;
}

Result<QJsonObject> readJsonObject(const ZipArchive &zip, const ZipEntryInfo &z)
{
    auto bytes = zip.read(z);
    if (!bytes)
        return std::unexpected(bytes.error());
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        SourceLocation where;
        where.file = z.name;
        where.offset = err.offset;
        return fail(ErrorCode::Format,
                    PackageReader::tr("%1 is not a valid JSON object: %2").arg(z.name, err.errorString()), where);
    }
    return doc.object();
}

// LEGO hub device ids as written in Pybricks firmware.metadata.json.
QString pybricksHubName(int deviceId)
{
    switch (deviceId) {
    case 0x40: return QStringLiteral("movehub");
    case 0x41: return QStringLiteral("cityhub");
    case 0x80: return QStringLiteral("technichub");
    case 0x81: return QStringLiteral("primehub");
    case 0x83: return QStringLiteral("essentialhub");
    default: return {};
    }
}

QString jsonText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return {};
}

// Auxiliary items for every member not already planned.
void addRemainingAsAuxiliary(const ZipArchive &zip, PackagePlan &plan, QList<Error> &errors)
{
    for (const ZipEntryInfo &z : zip.entries()) {
        if (z.isDirectory())
            continue;
        bool planned = false;
        for (const PackageItem &i : plan.items)
            planned = planned || i.memberName == z.name;
        if (planned)
            continue;
        auto data = zip.read(z);
        if (!data) {
            errors.append(data.error());
            continue;
        }
        PackageItem item;
        item.memberName = z.name;
        item.data = *data;
        item.kind = EntryKind::Auxiliary;
        item.component = baseName(z.name);
        plan.items.append(item);
    }
}

bool looksLikeFirmware(const QString &member, QByteArrayView data)
{
    const auto &reg = firmware::FormatRegistry::instance();
    const firmware::ImageFormat *byContent = reg.detect(data, member);
    if (byContent && byContent->id() != QLatin1String("bin"))
        return true; // Intel HEX, S-record, ELF recognised by content
    // MCUboot image magic at the start of a raw binary.
    if (data.size() >= 4 && quint8(data[0]) == 0x3d && quint8(data[1]) == 0xb8 && quint8(data[2]) == 0xf3 &&
        quint8(data[3]) == 0x96)
        return true;
    const firmware::ImageFormat *byName = reg.byExtension(member);
    return byName != nullptr;
}
} // namespace

Result<PackagePlan> PackageReader::plan(const ZipArchive &zip, const QString &zipName)
{
    Result<PackagePlan> out = [&]() -> Result<PackagePlan> {
        if (findByBaseName(zip, kPybricksMetadata) && findByBaseName(zip, kPybricksBase))
            return planPybricks(zip, zipName);
        if (zip.find(kNordicManifest))
            return planNordic(zip, zipName);
        return planGeneric(zip, zipName);
    }();
    if (out && out->items.isEmpty())
        return fail(ErrorCode::Format, tr("The zip archive %1 holds no files.").arg(zipName));
    return out;
}

Result<PackagePlan> PackageReader::planPybricks(const ZipArchive &zip, const QString &zipName)
{
    const ZipEntryInfo *meta = findByBaseName(zip, kPybricksMetadata);
    const ZipEntryInfo *base = findByBaseName(zip, kPybricksBase);
    auto json = readJsonObject(zip, *meta);
    if (!json)
        return std::unexpected(json.error());
    auto firmware = zip.read(*base);
    if (!firmware)
        return std::unexpected(firmware.error());
    PackagePlan plan;
    plan.source = QStringLiteral("pybricks-zip");
    plan.name = QFileInfo(zipName).completeBaseName();
    plan.metadata = json->toVariantMap();
    plan.version = jsonText(json->value(QStringLiteral("firmware-version")));
    plan.product = pybricksHubName(json->value(QStringLiteral("device-id")).toInt(-1));
    if (plan.product.isEmpty())
        plan.product = folderOf(base->name);
    if (plan.product.isEmpty())
        plan.product = plan.name.section(QLatin1Char('-'), 0, 0); // "primehub-firmware.zip"
    if (plan.version.isEmpty())
        plan.warnings.append({Diagnostic::Severity::Warning,
                              tr("%1 has no \"firmware-version\"; give the version with --version.").arg(meta->name),
                              {}});
    PackageItem item;
    item.memberName = base->name;
    item.data = *firmware;
    item.component = QStringLiteral("firmware");
    item.formatId = QStringLiteral("bin");
    item.metadata.insert(QStringLiteral("pybricks"), plan.metadata);
    plan.items.append(item);
    PackageItem metaItem;
    metaItem.memberName = meta->name;
    metaItem.kind = EntryKind::Auxiliary;
    metaItem.component = QStringLiteral("metadata");
    auto metaBytes = zip.read(*meta);
    if (!metaBytes)
        return std::unexpected(metaBytes.error());
    metaItem.data = *metaBytes;
    plan.items.append(metaItem);
    QList<Error> errors;
    addRemainingAsAuxiliary(zip, plan, errors);
    if (!errors.isEmpty())
        return std::unexpected(errors.first());
    return plan;
}

Result<PackagePlan> PackageReader::planNordic(const ZipArchive &zip, const QString &zipName)
{
    const ZipEntryInfo *manifestEntry = zip.find(kNordicManifest);
    auto manifest = readJsonObject(zip, *manifestEntry);
    if (!manifest)
        return std::unexpected(manifest.error());
    const QJsonArray files = manifest->value(QStringLiteral("files")).toArray();
    if (files.isEmpty())
        return fail(ErrorCode::Format, tr("%1 in %2 lists no files (\"files\" is missing or empty).")
                                           .arg(kNordicManifest, zipName));
    PackagePlan plan;
    plan.source = QStringLiteral("nrf-dfu-zip");
    plan.name = manifest->value(QStringLiteral("name")).toString(QFileInfo(zipName).completeBaseName());
    plan.metadata = manifest->toVariantMap();
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonObject f = files.at(i).toObject();
        const QString file = f.value(QStringLiteral("file")).toString();
        auto where = [&](const QString &why) {
            return fail(ErrorCode::Format, tr("%1, files[%2]: %3").arg(kNordicManifest).arg(i).arg(why),
                        SourceLocation{kNordicManifest, -1, i + 1, -1});
        };
        if (file.isEmpty())
            return where(tr("no \"file\" is given."));
        const ZipEntryInfo *z = zip.find(file);
        if (!z)
            return where(tr("the listed file \"%1\" is not in the archive.").arg(file));
        auto data = zip.read(*z);
        if (!data)
            return std::unexpected(data.error());
        if (f.contains(QStringLiteral("size")) && qint64(f.value(QStringLiteral("size")).toDouble()) != data->size())
            return where(tr("\"%1\" is %2 bytes but the manifest lists %3.")
                             .arg(file)
                             .arg(data->size())
                             .arg(qint64(f.value(QStringLiteral("size")).toDouble())));
        const QString type = f.value(QStringLiteral("type")).toString(QStringLiteral("image"));
        const QString index = jsonText(f.value(QStringLiteral("image_index")));
        PackageItem item;
        item.memberName = file;
        item.data = *data;
        item.component = index.isEmpty() || index == QLatin1String("0") ? type : type + QLatin1Char('-') + index;
        item.version = jsonText(f.value(QStringLiteral("version_MCUBOOT")));
        if (item.version.isEmpty())
            item.version = jsonText(f.value(QStringLiteral("version")));
        if (f.contains(QStringLiteral("load_address")))
            item.baseAddress = quint64(f.value(QStringLiteral("load_address")).toDouble());
        item.metadata.insert(QStringLiteral("nrf"), f.toVariantMap());
        if (plan.product.isEmpty())
            plan.product = f.value(QStringLiteral("board")).toString();
        if (plan.version.isEmpty())
            plan.version = item.version;
        for (const PackageItem &other : plan.items) {
            if (other.component == item.component)
                item.component += QLatin1Char('-') + QString::number(i);
        }
        plan.items.append(item);
    }
    QList<Error> errors;
    addRemainingAsAuxiliary(zip, plan, errors);
    if (!errors.isEmpty())
        return std::unexpected(errors.first());
    return plan;
}

Result<PackagePlan> PackageReader::planGeneric(const ZipArchive &zip, const QString &zipName)
{
    PackagePlan plan;
    plan.source = QStringLiteral("zip");
    plan.name = QFileInfo(zipName).completeBaseName();
    for (const ZipEntryInfo &z : zip.entries()) {
        if (z.isDirectory())
            continue;
        auto data = zip.read(z);
        if (!data)
            return std::unexpected(data.error());
        PackageItem item;
        item.memberName = z.name;
        item.data = *data;
        item.kind = looksLikeFirmware(z.name, *data) ? EntryKind::Image : EntryKind::Auxiliary;
        item.component = item.kind == EntryKind::Image ? QFileInfo(baseName(z.name)).completeBaseName()
                                                       : baseName(z.name);
        for (const PackageItem &other : plan.items) {
            if (other.component == item.component)
                item.component = z.name; // same base name in two folders: the path tells them apart
        }
        plan.items.append(item);
    }
    return plan;
}

} // namespace otadesk::library
