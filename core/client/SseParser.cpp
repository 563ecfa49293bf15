#include "core/client/SseParser.h"

#include <QJsonDocument>

namespace otadesk::client {

QJsonObject ServerEvent::json() const
{
    return QJsonDocument::fromJson(data).object();
}

void SseParser::reset()
{
    m_buffer.clear();
    m_data.clear();
    m_type.clear();
    m_hasData = false;
    m_skipLf = false;
}

QList<ServerEvent> SseParser::feed(const QByteArray &bytes)
{
    QList<ServerEvent> out;
    m_buffer += bytes;
    qsizetype start = 0;
    if (m_skipLf && !m_buffer.isEmpty()) {
        if (m_buffer.at(0) == '\n')
            start = 1;
        m_skipLf = false;
    }
    for (qsizetype i = start; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (c != '\n' && c != '\r')
            continue;
        line(m_buffer.mid(start, i - start), out);
        if (c == '\r') {
            if (i + 1 < m_buffer.size()) {
                if (m_buffer.at(i + 1) == '\n')
                    ++i;
            } else {
                m_skipLf = true;
            }
        }
        start = i + 1;
    }
    m_buffer.remove(0, start);
    return out;
}

void SseParser::line(const QByteArray &text, QList<ServerEvent> &out)
{
    if (text.isEmpty()) { // dispatch
        if (m_hasData) {
            ServerEvent e;
            e.id = m_lastId;
            e.type = m_type.isEmpty() ? QStringLiteral("message") : m_type;
            e.data = m_data;
            if (e.data.endsWith('\n'))
                e.data.chop(1);
            out.append(e);
        }
        m_data.clear();
        m_type.clear();
        m_hasData = false;
        return;
    }
    if (text.startsWith(':')) {
        ++m_comments;
        return;
    }
    QByteArray field = text;
    QByteArray value;
    const qsizetype colon = text.indexOf(':');
    if (colon >= 0) {
        field = text.left(colon);
        value = text.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
    }
    if (field.startsWith("\xEF\xBB\xBF")) // a BOM at the very start of the stream
        field.remove(0, 3);
    if (field == "data") {
        m_data += value + '\n';
        m_hasData = true;
    } else if (field == "event") {
        m_type = QString::fromUtf8(value);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastId = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (ok && ms >= 0)
            m_retryMs = ms;
    }
}

} // namespace otadesk::client
