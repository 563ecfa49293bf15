#include "core/bench/link/BenchImage.h"
#include "core/crypto/Digest.h"
#include "core/firmware/FormatRegistry.h"

#include <QFile>
#include <QFileInfo>

namespace otadesk::bench {

namespace {
Error notMcuboot(const QString &name, const QString &why)
{
    return Error(ErrorCode::Format,
                 BenchImage::tr("%1 is not an MCUboot image (%2). MCUboot only boots images with an image "
                                "header and a hash TLV: sign the build with imgtool (imgtool sign --header-size "
                                "0x200 --align 8 --version 1.0.0 --slot-size ... --key key.pem app.bin "
                                "app.signed.bin) or use the zephyr.signed.bin/.hex of the build.")
                     .arg(name, why));
}
} // namespace

Result<BenchImage> BenchImage::fromMcubootBytes(QByteArray bytes, const QString &name, const QString &sourceFormat)
{
    if (!firmware::looksLikeMcuboot(bytes))
        return std::unexpected(notMcuboot(name, tr("no MCUboot header magic 3d b8 f3 96 at its start")));
    auto info = firmware::inspectMcuboot(QByteArrayView(bytes));
    if (!info)
        return std::unexpected(notMcuboot(name, info.error().message()));
    if (info->storedHash.isEmpty())
        return std::unexpected(notMcuboot(name, tr("the image has no hash TLV")));
    if (!info->hashValid)
        return fail(ErrorCode::Checksum,
                    tr("%1: the image's hash TLV (%2) does not match its content (%3); the file is damaged or "
                       "was changed after signing. Rebuild or re-sign it.")
                        .arg(name, QString::fromLatin1(info->storedHash.toHex()),
                             QString::fromLatin1(info->computedHash.toHex())));
    if (info->endOfTlvs > bytes.size())
        return std::unexpected(notMcuboot(name, tr("the TLV area ends after the end of the data")));
    BenchImage image;
    image.name = name;
    image.sourceFormat = sourceFormat;
    image.sha256 = crypto::sha256(bytes);
    image.bytes = std::move(bytes);
    image.hash = info->storedHash;
    image.version = info->version();
    image.info = std::move(*info);
    return image;
}

Result<BenchImage> BenchImage::fromData(QByteArrayView content, const QString &name, const QString &formatId)
{
    firmware::ReadOptions options;
    options.fileName = name;
    options.fileDigest = false;
    auto loaded = firmware::loadImageData(content, options, formatId);
    if (!loaded)
        return std::unexpected(loaded.error().withFile(name));
    const QString format = loaded->format ? loaded->format->id() : QString();
    if (format == QStringLiteral("bin"))
        return fromMcubootBytes(content.toByteArray(), name, format);

    // A record or ELF file: the header sits at the lowest address; the image ends with its TLVs (or, for
    // images padded to the slot with a trailer, at the end of the data).
    const firmware::MemoryImage &memory = loaded->result.image;
    if (memory.isEmpty())
        return std::unexpected(notMcuboot(name, tr("the file holds no data")));
    auto info = firmware::inspectMcuboot(memory);
    if (!info)
        return std::unexpected(notMcuboot(name, info.error().message()));
    const firmware::AddressRange extent = memory.extent();
    firmware::AddressRange range{extent.start, extent.start + quint64(info->endOfTlvs)};
    if (info->trailerPresent || range.end > extent.end)
        range.end = std::max(range.end, extent.end);
    auto flat = memory.flatten(range, 0xFF);
    if (!flat)
        return std::unexpected(flat.error().withFile(name));
    return fromMcubootBytes(std::move(*flat), name, format);
}

Result<BenchImage> BenchImage::fromFile(const QString &path, const QString &formatId)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray content = file.readAll();
    return fromData(content, QFileInfo(path).fileName(), formatId);
}

} // namespace otadesk::bench
