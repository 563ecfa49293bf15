#pragma once
// Structured logs of otadesk-server: one line per event on stderr, JSON or human text. Code logs through the
// usual categories (qCInfo(lcServer) ...); a Qt message handler formats the line. Extra fields (request id,
// method, status, ...) are attached with a LogFields scope on the logging thread.
#include <QJsonObject>
#include <QString>
#include <optional>

class QDateTime;

namespace otadesk::server {

enum class LogFormat { Text, Json };

std::optional<LogFormat> logFormatFromName(const QString &name);
QString logFormatName(LogFormat format);

// Installs the message handler for the whole process (idempotent; the format can be changed later).
void installServerLogHandler(LogFormat format);
// Writes out buffered per-request log lines (HttpService calls it every 100 ms; exit flushes too).
void flushServerLog();

// One formatted line without the trailing newline. JSON lines are objects with ts, level, category, msg and the
// fields; text lines are "TS LEVEL CATEGORY: MSG key=value ...".
QString formatLogLine(LogFormat format, QtMsgType type, const char *category, const QString &message,
                      const QJsonObject &fields, const QDateTime &timestamp);

// The access-log line of one request ("request", with these fields). With the server's handler installed it is
// formatted directly (the hot path: no QJsonObject, no QDateTime); otherwise it goes through qCInfo/qCWarning
// with LogFields like any other line. Status >= 500 logs as a warning.
struct RequestLogLine
{
    QByteArrayView requestId;
    QByteArrayView method;
    QString path;
    int status = 0;
    double durationMs = 0;
    QString remote;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
};
void logRequest(const RequestLogLine &line);
// The line logRequest writes (without the newline): the same text formatLogLine makes for message "request"
// with these fields.
QByteArray formatRequestLine(LogFormat format, const RequestLogLine &line, qint64 nowMs);

// Fields added to every message logged on this thread while the object lives (scopes nest).
class LogFields
{
public:
    explicit LogFields(const QJsonObject &fields);
    ~LogFields();
    LogFields(const LogFields &) = delete;
    LogFields &operator=(const LogFields &) = delete;

private:
    QJsonObject m_previous;
};

} // namespace otadesk::server
