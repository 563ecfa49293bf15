#include "core/library/ZipWriter.h"

#include <QSaveFile>
#include <zlib.h>

namespace otadesk::library {

namespace {
void put16(QByteArray &out, quint16 v)
{
    out.append(char(v & 0xFF));
    out.append(char(v >> 8));
}
void put32(QByteArray &out, quint32 v)
{
    put16(out, quint16(v & 0xFFFF));
    put16(out, quint16(v >> 16));
}

QByteArray rawDeflate(QByteArrayView data)
{
    z_stream s{};
    deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&s, uLong(data.size()))), Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}
} // namespace

void ZipWriter::add(const QString &name, QByteArrayView data, Method method, const QDateTime &modified)
{
    Member m;
    m.name = name.toUtf8();
    m.size = quint32(data.size());
    m.crc32 = quint32(crc32_z(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(data.data()),
                              z_size_t(data.size())));
    m.method = quint16(method);
    m.stored = method == Method::Deflate ? rawDeflate(data) : data.toByteArray();
    const QDate d = modified.date();
    const QTime t = modified.time();
    m.dosDate = quint16(((qMax(1980, d.year()) - 1980) << 9) | (d.month() << 5) | d.day());
    m.dosTime = quint16((t.hour() << 11) | (t.minute() << 5) | (t.second() / 2));
    m_members.append(std::move(m));
}

QByteArray ZipWriter::finish() const
{
    QByteArray out;
    QList<quint32> offsets;
    for (const Member &m : m_members) {
        offsets.append(quint32(out.size()));
        put32(out, 0x04034b50);
        put16(out, 20);     // version needed
        put16(out, 0x0800); // UTF-8 names
        put16(out, m.method);
        put16(out, m.dosTime);
        put16(out, m.dosDate);
        put32(out, m.crc32);
        put32(out, quint32(m.stored.size()));
        put32(out, m.size);
        put16(out, quint16(m.name.size()));
        put16(out, 0);
        out.append(m.name);
        out.append(m.stored);
    }
    const quint32 cdStart = quint32(out.size());
    for (qsizetype i = 0; i < m_members.size(); ++i) {
        const Member &m = m_members.at(i);
        put32(out, 0x02014b50);
        put16(out, 0x0314); // made by: Unix, 2.0
        put16(out, 20);
        put16(out, 0x0800);
        put16(out, m.method);
        put16(out, m.dosTime);
        put16(out, m.dosDate);
        put32(out, m.crc32);
        put32(out, quint32(m.stored.size()));
        put32(out, m.size);
        put16(out, quint16(m.name.size()));
        put16(out, 0); // extra
        put16(out, 0); // comment
        put16(out, 0); // disk
        put16(out, 0); // internal attributes
        put32(out, 0100644u << 16); // external attributes: regular file, rw-r--r--
        put32(out, offsets.at(i));
        out.append(m.name);
    }
    const quint32 cdSize = quint32(out.size()) - cdStart;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint16(m_members.size()));
    put16(out, quint16(m_members.size()));
    put32(out, cdSize);
    put32(out, cdStart);
    put16(out, 0);
    return out;
}

Status ZipWriter::writeTo(const QString &path) const
{
    const QByteArray bytes = finish();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace otadesk::library
