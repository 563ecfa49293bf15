#include "app/otactl/ManifestFirmware.h"

#include "core/firmware/FormatRegistry.h"

#include <QFile>
#include <QFileInfo>

namespace otadesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

// Stored bytes for binaries and unparsed content, the flattened image for the record / ELF formats.
Result<QByteArray> installedBytes(const QByteArray &stored, const firmware::LoadedImage *loaded, QString *how)
{
    if (!loaded || !loaded->format || loaded->format->id() == QLatin1String("bin")) {
        *how = tr("as stored");
        return stored;
    }
    *how = tr("%1, flattened").arg(loaded->format->id());
    return loaded->result.image.flatten(0xFF);
}

Result<library::FirmwareEntry> findEntry(library::FirmwareLibrary &lib, const QString &ref)
{
    auto byRef = lib.find(ref);
    // Not an id / prefix (InvalidArgument) or no such entry (NotFound): try it as a file name.
    if (byRef ||
        (byRef.error().code() != ErrorCode::NotFound && byRef.error().code() != ErrorCode::InvalidArgument))
        return byRef;
    library::ListQuery q;
    q.text = ref;
    auto candidates = lib.list(q);
    if (!candidates)
        return std::unexpected(candidates.error());
    QList<library::FirmwareEntry> named;
    for (const library::FirmwareEntry &e : *candidates) {
        if (e.name == ref)
            named.append(e);
    }
    if (named.size() == 1)
        return named.first();
    if (named.isEmpty())
        return fail(ErrorCode::NotFound,
                    tr("No firmware \"%1\" in the library (give an entry id, a SHA-256 prefix, a "
                       "file name, or file:PATH).")
                        .arg(ref));
    QStringList ids;
    for (const library::FirmwareEntry &e : std::as_const(named))
        ids << QString::number(e.id);
    return fail(ErrorCode::InvalidArgument,
                tr("Several library entries are named \"%1\" (ids %2); give the id.")
                    .arg(ref, ids.join(QStringLiteral(", "))));
}
} // namespace

Result<ComponentImage> resolveComponentImage(Context &ctx, const QString &firmware)
{
    ComponentImage out;
    QString how;
    if (firmware.startsWith(QLatin1String("file:"))) {
        const QString path = firmware.mid(5);
        QFile f(path);
        if (!f.exists())
            return fail(ErrorCode::NotFound, tr("%1 does not exist.").arg(path));
        if (!f.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
        const QByteArray stored = f.readAll();
        firmware::ReadOptions options;
        options.fileDigest = false;
        auto loaded = firmware::loadImageData(stored, options);
        auto bytes = installedBytes(stored, loaded ? &*loaded : nullptr, &how);
        if (!bytes)
            return std::unexpected(bytes.error().withFile(path));
        out.bytes = *bytes;
        if (out.bytes == stored)
            out.payloadFile = QFileInfo(path).absoluteFilePath();
        out.description = tr("%1 (%2)").arg(path, how);
        return out;
    }
    auto lib = ctx.library();
    if (!lib)
        return std::unexpected(lib.error());
    auto e = findEntry(**lib, firmware);
    if (!e)
        return std::unexpected(e.error());
    auto stored = (*lib)->fileContent(*e);
    if (!stored)
        return std::unexpected(stored.error());
    Result<QByteArray> bytes = *stored;
    if (e->kind == library::EntryKind::Auxiliary || e->format == QLatin1String("bin")) {
        how = tr("as stored");
    } else {
        auto loaded = (*lib)->loadImage(*e);
        if (!loaded)
            return std::unexpected(loaded.error());
        bytes = installedBytes(*stored, &*loaded, &how);
    }
    if (!bytes)
        return std::unexpected(bytes.error());
    out.bytes = *bytes;
    out.firmwareId = QString::number(e->id);
    out.version = e->version;
    if (out.bytes == *stored)
        out.payloadFile = (*lib)->blobPath(e->fileSha256);
    out.description = tr("entry %1 %2 (%3)").arg(e->id).arg(e->name, how);
    return out;
}

} // namespace otadesk::cli
