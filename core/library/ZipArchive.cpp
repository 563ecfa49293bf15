#include "core/library/ZipArchive.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <zlib.h>

namespace otadesk::library {

namespace {
constexpr quint32 kLocalSig = 0x04034b50;
constexpr quint32 kCentralSig = 0x02014b50;
constexpr quint32 kEndSig = 0x06054b50;
constexpr quint32 kZip64LocatorSig = 0x07064b50;
constexpr qint64 kEndSize = 22;
constexpr qint64 kCentralSize = 46;
constexpr qint64 kLocalSize = 30;

quint16 u16(const QByteArray &d, qint64 at)
{
    const auto *p = reinterpret_cast<const uchar *>(d.constData() + at);
    return quint16(p[0] | (p[1] << 8));
}
quint32 u32(const QByteArray &d, qint64 at)
{
    const auto *p = reinterpret_cast<const uchar *>(d.constData() + at);
    return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24);
}

QDateTime dosDateTime(quint16 time, quint16 date)
{
    const QDate d(1980 + (date >> 9), (date >> 5) & 0x0F, date & 0x1F);
    const QTime t((time >> 11) & 0x1F, (time >> 5) & 0x3F, (time & 0x1F) * 2);
    return QDateTime(d, t.isValid() ? t : QTime(0, 0));
}

QString hexOffset(qint64 offset) { return QStringLiteral("0x%1").arg(offset, 0, 16); }

Error zipError(ErrorCode code, const QString &message, qint64 offset, int index = -1)
{
    SourceLocation where;
    where.offset = offset;
    if (index >= 0)
        where.record = index + 1;
    return Error(code, message, where);
}
} // namespace

QString unsafeZipNameReason(const QString &name)
{
    if (name.isEmpty())
        return ZipArchive::tr("the name is empty");
    if (name.contains(QChar(0)))
        return ZipArchive::tr("the name contains a NUL character");
    if (name.contains(QLatin1Char('\\')))
        return ZipArchive::tr("the name contains a backslash");
    if (name.startsWith(QLatin1Char('/')))
        return ZipArchive::tr("the name is an absolute path");
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':'))
        return ZipArchive::tr("the name starts with a drive letter");
    const QStringList parts = name.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part == QLatin1String(".."))
            return ZipArchive::tr("the name climbs out of the archive with \"..\"");
    }
    return {};
}

bool ZipArchive::looksLikeZip(QByteArrayView head)
{
    return head.startsWith(QByteArrayView("PK\x03\x04", 4)) || head.startsWith(QByteArrayView("PK\x05\x06", 4));
}

Result<ZipArchive> ZipArchive::fromData(QByteArray data, const ZipLimits &limits)
{
    ZipArchive zip;
    zip.m_limits = limits;
    if (data.size() > limits.maxArchiveSize)
        return fail(ErrorCode::Unsupported, tr("The archive is %1 bytes, more than the %2 bytes allowed.")
                                                .arg(data.size())
                                                .arg(limits.maxArchiveSize));
    zip.m_data = std::move(data);
    if (auto st = zip.parse(); !st)
        return std::unexpected(st.error());
    return zip;
}

Result<ZipArchive> ZipArchive::fromFile(const QString &path, const ZipLimits &limits)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(path, f.errorString()));
    if (f.size() > limits.maxArchiveSize)
        return fail(ErrorCode::Unsupported,
                    tr("The archive %1 is %2 bytes, more than the %3 bytes allowed.")
                        .arg(path)
                        .arg(f.size())
                        .arg(limits.maxArchiveSize));
    QByteArray all = f.readAll();
    if (all.size() != f.size())
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    auto zip = fromData(std::move(all), limits);
    if (!zip)
        return std::unexpected(zip.error().withFile(QFileInfo(path).fileName()));
    return zip;
}

Result<qint64> ZipArchive::findEndOfCentralDirectory() const
{
    const qint64 size = m_data.size();
    if (size < kEndSize)
        return std::unexpected(zipError(ErrorCode::Format,
                                         tr("The file is too short (%1 bytes) to be a zip archive.").arg(size), 0));
    const qint64 lowest = qMax<qint64>(0, size - kEndSize - 0xFFFF);
    for (qint64 pos = size - kEndSize; pos >= lowest; --pos) {
        if (u32(m_data, pos) == kEndSig && pos + kEndSize + u16(m_data, pos + 20) == size)
            return pos;
    }
    return std::unexpected(zipError(ErrorCode::Format,
                                    tr("No end-of-central-directory record: the zip archive is truncated or not a "
                                       "zip archive."),
                                    size));
}

Status ZipArchive::parse()
{
    auto endPos = findEndOfCentralDirectory();
    if (!endPos)
        return std::unexpected(endPos.error());
    const qint64 e = *endPos;
    if (e >= 20 && u32(m_data, e - 20) == kZip64LocatorSig)
        return std::unexpected(zipError(ErrorCode::Unsupported,
                                        tr("The archive uses zip64 extensions, which are not supported. Repack it "
                                           "as a plain zip (members under 4 GiB)."),
                                        e - 20));
    const quint16 disk = u16(m_data, e + 4);
    const quint16 cdDisk = u16(m_data, e + 6);
    const quint16 diskEntries = u16(m_data, e + 8);
    const quint16 count = u16(m_data, e + 10);
    const quint32 cdSize = u32(m_data, e + 12);
    const quint32 cdOffset = u32(m_data, e + 16);
    if (count == 0xFFFF || cdSize == 0xFFFFFFFFu || cdOffset == 0xFFFFFFFFu)
        return std::unexpected(zipError(ErrorCode::Unsupported,
                                        tr("The archive uses zip64 extensions, which are not supported."), e));
    if (disk != 0 || cdDisk != 0 || diskEntries != count)
        return std::unexpected(zipError(ErrorCode::Unsupported,
                                        tr("Multi-volume (split) zip archives are not supported."), e));
    if (count > m_limits.maxEntries)
        return std::unexpected(zipError(ErrorCode::Unsupported,
                                        tr("The archive has %1 members, more than the %2 allowed.")
                                            .arg(count)
                                            .arg(m_limits.maxEntries),
                                        e));
    if (qint64(cdOffset) + qint64(cdSize) > e)
        return std::unexpected(zipError(ErrorCode::Format,
                                        tr("The central directory (offset %1, %2 bytes) runs past the end record "
                                           "at %3: the archive is truncated or damaged.")
                                            .arg(hexOffset(cdOffset))
                                            .arg(cdSize)
                                            .arg(hexOffset(e)),
                                        e));
    qint64 pos = cdOffset;
    const qint64 cdEnd = qint64(cdOffset) + cdSize;
    qint64 total = 0;
    for (int i = 0; i < count; ++i) {
        auto entry = parseCentralRecord(pos, cdEnd, i);
        if (!entry)
            return std::unexpected(entry.error());
        if (auto st = checkLocalHeader(*entry, cdOffset); !st)
            return st;
        total += entry->uncompressedSize;
        if (total > m_limits.maxTotalSize)
            return std::unexpected(zipError(ErrorCode::Unsupported,
                                            tr("The members of the archive expand to more than %1 bytes; refusing "
                                               "to unpack it (zip bomb?).")
                                                .arg(m_limits.maxTotalSize),
                                            entry->localHeaderOffset, i));
        m_entries.append(*entry);
    }
    if (pos != cdEnd)
        return std::unexpected(zipError(ErrorCode::Format,
                                        tr("The central directory holds %1 bytes more than its %2 records.")
                                            .arg(cdEnd - pos)
                                            .arg(count),
                                        pos));
    // Members must not share bytes: overlapping members are how some zip bombs multiply their size.
    QList<const ZipEntryInfo *> byOffset;
    for (const ZipEntryInfo &z : m_entries)
        byOffset.append(&z);
    std::sort(byOffset.begin(), byOffset.end(),
              [](auto *a, auto *b) { return a->localHeaderOffset < b->localHeaderOffset; });
    for (qsizetype i = 1; i < byOffset.size(); ++i) {
        const ZipEntryInfo *prev = byOffset.at(i - 1);
        if (prev->dataOffset + prev->compressedSize > byOffset.at(i)->localHeaderOffset)
            return std::unexpected(zipError(ErrorCode::Format,
                                            tr("Members \"%1\" and \"%2\" overlap in the archive.")
                                                .arg(prev->name, byOffset.at(i)->name),
                                            byOffset.at(i)->localHeaderOffset));
    }
    return {};
}

Result<ZipEntryInfo> ZipArchive::parseCentralRecord(qint64 &pos, qint64 cdEnd, int index) const
{
    if (pos + kCentralSize > cdEnd || u32(m_data, pos) != kCentralSig)
        return std::unexpected(zipError(ErrorCode::Format,
                                        tr("Central directory record %1 at offset %2 is missing or damaged.")
                                            .arg(index + 1)
                                            .arg(hexOffset(pos)),
                                        pos, index));
    ZipEntryInfo z;
    z.flags = u16(m_data, pos + 8);
    z.method = u16(m_data, pos + 10);
    z.modified = dosDateTime(u16(m_data, pos + 12), u16(m_data, pos + 14));
    z.crc32 = u32(m_data, pos + 16);
    const quint32 csize = u32(m_data, pos + 20);
    const quint32 usize = u32(m_data, pos + 24);
    const quint16 nameLen = u16(m_data, pos + 28);
    const quint16 extraLen = u16(m_data, pos + 30);
    const quint16 commentLen = u16(m_data, pos + 32);
    const quint32 lho = u32(m_data, pos + 42);
    const qint64 recordEnd = pos + kCentralSize + nameLen + extraLen + commentLen;
    if (recordEnd > cdEnd)
        return std::unexpected(zipError(ErrorCode::Format,
                                        tr("Central directory record %1 at offset %2 runs past the directory.")
                                            .arg(index + 1)
                                            .arg(hexOffset(pos)),
                                        pos, index));
    const QByteArray rawName = m_data.mid(pos + kCentralSize, nameLen);
    z.name = (z.flags & 0x0800) ? QString::fromUtf8(rawName) : QString::fromLatin1(rawName);
    const qint64 at = pos;
    pos = recordEnd;
    auto err = [&](ErrorCode code, const QString &why) {
        return std::unexpected(zipError(code, tr("Member \"%1\" (central record at offset %2): %3")
                                                  .arg(z.name, hexOffset(at), why),
                                        at, index));
    };
    if (csize == 0xFFFFFFFFu || usize == 0xFFFFFFFFu || lho == 0xFFFFFFFFu)
        return err(ErrorCode::Unsupported, tr("zip64 members are not supported."));
    z.compressedSize = csize;
    z.uncompressedSize = usize;
    z.localHeaderOffset = lho;
    if (const QString why = unsafeZipNameReason(z.name); !why.isEmpty())
        return err(ErrorCode::Format, tr("unsafe member name: %1.").arg(why));
    if (z.flags & 0x0041)
        return err(ErrorCode::Unsupported, tr("the member is encrypted; decrypt the archive first."));
    if (z.method != 0 && z.method != 8)
        return err(ErrorCode::Unsupported,
                   tr("compression method %1 is not supported (only stored and deflate).").arg(z.method));
    if (z.method == 0 && z.compressedSize != z.uncompressedSize)
        return err(ErrorCode::Format, tr("a stored member with %1 compressed but %2 uncompressed bytes.")
                                          .arg(z.compressedSize)
                                          .arg(z.uncompressedSize));
    if (z.uncompressedSize > m_limits.maxEntrySize)
        return err(ErrorCode::Unsupported, tr("it expands to %1 bytes, more than the %2 allowed.")
                                               .arg(z.uncompressedSize)
                                               .arg(m_limits.maxEntrySize));
    if (z.uncompressedSize > m_limits.ratioFloor &&
        z.uncompressedSize / qMax<qint64>(1, z.compressedSize) > m_limits.maxRatio)
        return err(ErrorCode::Unsupported,
                   tr("it expands %1 compressed bytes to %2 bytes, a ratio above %3:1 (zip bomb?).")
                       .arg(z.compressedSize)
                       .arg(z.uncompressedSize)
                       .arg(m_limits.maxRatio));
    return z;
}

Status ZipArchive::checkLocalHeader(ZipEntryInfo &z, qint64 cdStart) const
{
    const qint64 at = z.localHeaderOffset;
    auto err = [&](const QString &why) {
        return std::unexpected(zipError(ErrorCode::Format,
                                        tr("Member \"%1\" (local header at offset %2): %3").arg(z.name, hexOffset(at), why),
                                        at));
    };
    if (at + kLocalSize > cdStart || u32(m_data, at) != kLocalSig)
        return err(tr("the local header is missing or damaged."));
    const quint16 flags = u16(m_data, at + 6);
    const quint16 method = u16(m_data, at + 8);
    const quint16 nameLen = u16(m_data, at + 26);
    const quint16 extraLen = u16(m_data, at + 28);
    if (method != z.method)
        return err(tr("the local header says compression method %1, the central directory %2.").arg(method).arg(z.method));
    if ((flags & 0x0041) != (z.flags & 0x0041))
        return err(tr("the local header and the central directory disagree about encryption."));
    if (at + kLocalSize + nameLen > cdStart || m_data.mid(at + kLocalSize, nameLen) !=
                                                     ((z.flags & 0x0800) ? z.name.toUtf8() : z.name.toLatin1()))
        return err(tr("the local header names another file than the central directory."));
    if (!(flags & 0x0008)) { // without a data descriptor the local sizes must agree
        if (u32(m_data, at + 14) != z.crc32 || u32(m_data, at + 18) != quint32(z.compressedSize) ||
            u32(m_data, at + 22) != quint32(z.uncompressedSize))
            return err(tr("the local header's CRC or sizes differ from the central directory."));
    }
    z.dataOffset = at + kLocalSize + nameLen + extraLen;
    if (z.dataOffset + z.compressedSize > cdStart)
        return err(tr("its %1 bytes of data run past the start of the central directory (truncated archive?).")
                       .arg(z.compressedSize));
    return {};
}

const ZipEntryInfo *ZipArchive::find(const QString &name) const
{
    for (const ZipEntryInfo &z : m_entries) {
        if (z.name == name)
            return &z;
    }
    return nullptr;
}

QStringList ZipArchive::fileNames() const
{
    QStringList out;
    for (const ZipEntryInfo &z : m_entries) {
        if (!z.isDirectory())
            out.append(z.name);
    }
    return out;
}

Result<QByteArray> ZipArchive::read(const QString &name) const
{
    const ZipEntryInfo *z = find(name);
    if (!z)
        return fail(ErrorCode::NotFound, tr("The archive has no member \"%1\".").arg(name));
    return read(*z);
}

Result<QByteArray> ZipArchive::read(const ZipEntryInfo &z) const
{
    const char *src = m_data.constData() + z.dataOffset;
    QByteArray out;
    auto err = [&](const QString &why) {
        return std::unexpected(zipError(ErrorCode::Format,
                                        tr("Member \"%1\" (data at offset %2): %3").arg(z.name, hexOffset(z.dataOffset), why),
                                        z.dataOffset));
    };
    if (z.method == 0) {
        out = QByteArray(src, qsizetype(z.compressedSize));
    } else {
        out = QByteArray(qsizetype(z.uncompressedSize), Qt::Uninitialized);
        z_stream s{};
        if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
            return fail(ErrorCode::Internal, tr("zlib could not be initialised."));
        s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(src));
        s.avail_in = uInt(z.compressedSize);
        // One spare byte of output space reveals a member that inflates to more than it declared.
        QByteArray spare(1, '\0');
        s.next_out = reinterpret_cast<Bytef *>(out.data());
        s.avail_out = uInt(out.size());
        int rc = inflate(&s, Z_FINISH);
        if (rc != Z_STREAM_END && s.avail_out == 0) {
            s.next_out = reinterpret_cast<Bytef *>(spare.data());
            s.avail_out = 1;
            rc = inflate(&s, Z_FINISH);
            if (s.avail_out == 0) {
                inflateEnd(&s);
                return err(tr("it inflates to more than the %1 bytes it declares.").arg(z.uncompressedSize));
            }
        }
        const uLong produced = s.total_out;
        const char *zmsg = s.msg;
        inflateEnd(&s);
        if (rc != Z_STREAM_END)
            return err(zmsg ? tr("the deflate data is damaged (%1).").arg(QString::fromLatin1(zmsg))
                            : tr("the deflate data is damaged or truncated."));
        if (qint64(produced) != z.uncompressedSize)
            return err(tr("it inflates to %1 bytes but declares %2.").arg(produced).arg(z.uncompressedSize));
    }
    const quint32 crc = quint32(crc32_z(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(out.constData()),
                                        z_size_t(out.size())));
    if (crc != z.crc32)
        return err(tr("CRC-32 mismatch: the data has %1, the archive says %2.")
                       .arg(crc, 8, 16, QLatin1Char('0'))
                       .arg(z.crc32, 8, 16, QLatin1Char('0')));
    return out;
}

} // namespace otadesk::library
