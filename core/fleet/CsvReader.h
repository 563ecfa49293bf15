#pragma once
// RFC 4180 CSV reading for provisioning files: quoted fields with "" escapes and line breaks, CRLF or LF, a
// UTF-8 byte-order mark, ',' or ';' as separator (detected from the header line). Works on the raw bytes of a
// whole file or of a chunk of whole lines.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace otadesk::fleet {

class CsvReader
{
public:
    explicit CsvReader(QByteArrayView data);

    // The next record's fields; false at the end. line() is the 1-based line where that record started.
    bool next(QStringList &fields);
    qint64 line() const { return m_recordLine; }
    // Byte offset just after the last record returned (where the next one starts).
    qsizetype position() const { return m_pos; }
    char separator() const { return m_separator; }
    // Set when a quoted field was still open at the end of the data.
    bool unterminatedQuote() const { return m_unterminated; }

    static QByteArray quote(const QString &field, char separator = ','); // for writing CSV

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    char m_separator = ',';
    bool m_unterminated = false;
};

} // namespace otadesk::fleet
