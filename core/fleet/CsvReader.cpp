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
    QByteArray field;
    bool quoted = false;
    bool wasQuoted = false;
    while (m_pos < m_data.size()) {
        const char c = m_data[m_pos++];
        if (quoted) {
            if (c == '"') {
                if (m_pos < m_data.size() && m_data[m_pos] == '"') {
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
        if (c == '"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == m_separator) {
            fields.append(QString::fromUtf8(wasQuoted ? field : field.trimmed()));
            field.clear();
            wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && m_pos < m_data.size() && m_data[m_pos] == '\n')
                ++m_pos;
            ++m_line;
            break;
        } else {
            field += c;
        }
    }
    m_unterminated = quoted;
    fields.append(QString::fromUtf8(wasQuoted ? field : field.trimmed()));
    return true;
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
