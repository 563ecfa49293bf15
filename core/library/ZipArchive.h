#pragma once
// A small, strict zip reader for firmware packages: finds the end-of-central-directory record, reads the
// central directory, cross-checks every local header, and extracts stored (0) and deflated (8) members with
// their CRC-32 checked. Encrypted members, zip64 and multi-disk archives are rejected with clear errors, as are
// names that could escape a folder (absolute, "..", backslashes, drive letters). Limits on the number of members,
// the total uncompressed size and the compression ratio stop zip bombs before anything is inflated.
#include "core/common/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace otadesk::library {

struct ZipLimits
{
    int maxEntries = 10000;
    qint64 maxEntrySize = qint64(1) << 30;       // uncompressed bytes of one member
    qint64 maxTotalSize = qint64(2) << 30;       // uncompressed bytes of all members
    qint64 maxRatio = 200;                       // uncompressed / compressed, for members over ratioFloor
    qint64 ratioFloor = qint64(1) << 20;         // small members may compress better (zeros, text)
    qint64 maxArchiveSize = qint64(2) << 30;     // bytes of the zip file itself
};

struct ZipEntryInfo
{
    QString name;
    quint16 method = 0;
    quint16 flags = 0;
    quint32 crc32 = 0;
    qint64 compressedSize = 0;
    qint64 uncompressedSize = 0;
    qint64 localHeaderOffset = 0;
    qint64 dataOffset = 0;
    QDateTime modified;
    bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
};

class ZipArchive
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::ZipArchive)
public:
    static bool looksLikeZip(QByteArrayView head); // "PK\3\4" or the empty-archive "PK\5\6"

    static Result<ZipArchive> fromData(QByteArray data, const ZipLimits &limits = {});
    static Result<ZipArchive> fromFile(const QString &path, const ZipLimits &limits = {});

    const QList<ZipEntryInfo> &entries() const { return m_entries; }
    const ZipEntryInfo *find(const QString &name) const;
    // Member names (directories excluded), in archive order.
    QStringList fileNames() const;
    // Uncompressed content of a member, CRC-32 checked.
    Result<QByteArray> read(const ZipEntryInfo &entry) const;
    Result<QByteArray> read(const QString &name) const;
    const QByteArray &archiveData() const { return m_data; }

private:
    Status parse();
    Result<qint64> findEndOfCentralDirectory() const;
    Result<ZipEntryInfo> parseCentralRecord(qint64 &pos, qint64 cdEnd, int index) const;
    Status checkLocalHeader(ZipEntryInfo &entry, qint64 cdStart) const;
    QByteArray m_data;
    ZipLimits m_limits;
    QList<ZipEntryInfo> m_entries;
};

// Rejects names that could escape the extraction folder; returns the reason or an empty string.
QString unsafeZipNameReason(const QString &name);

} // namespace otadesk::library
