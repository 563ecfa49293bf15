#pragma once
// Incremental parser of a text/event-stream (Server-Sent Events, WHATWG HTML §9.2): feed it bytes as they
// arrive; it returns the complete events (id/event/data fields, multi-line data joined with "\n", comments
// and unknown fields ignored, "retry" remembered).
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace otadesk::client {

struct ServerEvent
{
    QString id;               // "id:" of the event (the last one seen if the event had none)
    QString type;             // "event:", "message" when absent
    QByteArray data;          // "data:" lines joined with '\n'
    QJsonObject json() const; // data parsed as a JSON object (empty if it is not one)
};

class SseParser
{
public:
    QList<ServerEvent> feed(const QByteArray &bytes);
    void reset(); // a new connection: drops a partial event, keeps lastEventId
    const QString &lastEventId() const { return m_lastId; }
    void setLastEventId(const QString &id) { m_lastId = id; }
    int retryMs() const { return m_retryMs; } // -1 if the server did not say
    qint64 commentsSeen() const { return m_comments; }

private:
    void line(const QByteArray &text, QList<ServerEvent> &out);

    QByteArray m_buffer;
    QByteArray m_data;
    QString m_type;
    QString m_lastId;
    bool m_hasData = false;
    bool m_skipLf = false;
    int m_retryMs = -1;
    qint64 m_comments = 0;
};

} // namespace otadesk::client

Q_DECLARE_METATYPE(otadesk::client::ServerEvent)
