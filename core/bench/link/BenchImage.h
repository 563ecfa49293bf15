#pragma once
// BenchImage: the exact bytes that go to a device's upload slot, prepared from any firmware file.
//
//   auto image = BenchImage::fromFile(path);          // .bin as is; Intel HEX / S-record / ELF flattened
//   if (!image) show(image.error().message());        // "not an MCUboot image ... sign it with imgtool"
//   image->bytes / image->hash / image->version
//
// The result is always a valid MCUboot image: header magic, TLV areas and a hash TLV that matches the
// recomputed hash (STANDARDS.md §3.1). `hash` is what the device reports in the slot table ("hash" of image
// state read); `sha256` is the digest of the whole uploaded byte string (the upload's "sha" field).
#include "core/common/Error.h"
#include "core/firmware/McubootImage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace otadesk::bench {

struct BenchImage
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::bench::BenchImage)
public:
    QString name;          // file or library entry name, for messages
    QString sourceFormat;  // "bin", "ihex", "srec", "elf"
    QByteArray bytes;      // what is uploaded
    QByteArray hash;       // the image's hash TLV (what the device reports in the slot table)
    QByteArray sha256;     // SHA-256 of `bytes` (the upload request's "sha")
    QString version;       // "1.2.3+4"
    firmware::McubootInfo info;

    // Reads a file (format detected by content unless formatId is given) and prepares it.
    static Result<BenchImage> fromFile(const QString &path, const QString &formatId = {});
    // Content already in memory (a library blob); `name` is used in messages and to hint the format.
    static Result<BenchImage> fromData(QByteArrayView content, const QString &name, const QString &formatId = {});
    // Checks a finished byte string: MCUboot header, TLVs, hash TLV present and equal to the recomputed hash.
    static Result<BenchImage> fromMcubootBytes(QByteArray bytes, const QString &name, const QString &sourceFormat);
};

} // namespace otadesk::bench
