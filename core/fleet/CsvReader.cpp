#include "core/fleet/CsvReader.h"

namespace otadesk::fleet {

CsvReader::CsvReader(QByteArrayView data) : m_data(data)
{
    if (m_data.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
    // The separator of the header line: whichever of ',' and ';' occurs more often outside quotes.
    int commas = 0, semicolons = 0;
    bool quoted = false;
    for (qsizetype i = m_pos; i < m_data.size() && (quoted || (m_data[i] != '\n' && m_data[i] != '\r')); ++i) {
        const char c = m_data[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
    }
    m_separator = semicolons > commas ? ';' : ',';
}

bool CsvReader::next(QStringList &fields)
{
    fields.clear();
    // Skip blank lines between records.
    while (m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) {
        if (m_data[m_pos] == '\n')
            ++m_line;
        ++m_pos;
    }
    if (m_pos >= m_data.size())
        return false;
    m_recordLine = m_line;
    m_unterminated = false;
    const char *data = m_data.data();
    const qsizetype size = m_data.size();
    while (true) {
        // A field that does not start with a quote runs to the next separator or line end (a quote inside it is
        // an ordinary character): taken straight from the data, trimmed.
        if (m_pos >= size || data[m_pos] != '"') {
            qsizetype end = m_pos;
            while (end < size && data[end] != m_separator && data[end] != '\n' && data[end] != '\r')
                ++end;
            fields.append(QString::fromUtf8(QByteArrayView(data + m_pos, end - m_pos).trimmed()));
            m_pos = end;
        } else {
            // Quoted: "" is a quote, separators and line breaks are data; whatever follows the closing quote up
            // to the separator is kept as it is (not trimmed).
            QByteArray field;
            bool quoted = true;
            ++m_pos;
            while (m_pos < size) {
                const char c = data[m_pos];
                if (quoted) {
                    ++m_pos;
                    if (c == '"') {
                        if (m_pos < size && data[m_pos] == '"') {
                            field += '"';
                            ++m_pos;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n')
                            ++m_line;
                        field += c;
                    }
                    continue;
                }
                if (c == m_separator || c == '\n' || c == '\r')
                    break;
                field += c;
                ++m_pos;
            }
            m_unterminated = quoted;
            fields.append(QString::fromUtf8(field));
        }
        if (m_pos >= size)
            return true;
        const char c = data[m_pos++];
        if (c == m_separator)
            continue;
        if (c == '\r' && m_pos < size && data[m_pos] == '\n')
            ++m_pos;
        ++m_line;
        return true;
    }
}

QByteArray CsvReader::quote(const QString &field, char separator)
{
    QByteArray utf8 = field.toUtf8();
    if (!utf8.contains('"') && !utf8.contains(separator) && !utf8.contains('\n') && !utf8.contains('\r') &&
        utf8.trimmed().size() == utf8.size())
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

} // namespace otadesk::fleet
