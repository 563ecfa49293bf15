#include "core/server/ServerLog.h"

#include "core/common/IsoTime.h"
#include "core/common/Logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>
#include <QVariant>
#include <QMutex>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace otadesk::server {

namespace {
std::atomic<int> g_format{int(LogFormat::Text)};
std::atomic<bool> g_installed{false};
QMutex g_writeMutex;
thread_local QJsonObject t_fields;

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return QStringLiteral("debug");
    case QtInfoMsg: return QStringLiteral("info");
    case QtWarningMsg: return QStringLiteral("warning");
    case QtCriticalMsg: return QStringLiteral("error");
    case QtFatalMsg: return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

QString textValue(const QJsonValue &v)
{
    QString s = v.isString() ? v.toString() : v.toVariant().toString();
    if (s.isEmpty() || s.contains(QLatin1Char(' ')) || s.contains(QLatin1Char('"')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\\\"")) + QLatin1Char('"');
    return s;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString line = formatLogLine(LogFormat(g_format.load()), type, context.category, message, t_fields,
                                       QDateTime::currentDateTimeUtc());
    const QByteArray bytes = line.toUtf8() + '\n';
    {
        QMutexLocker lock(&g_writeMutex);
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        // Per-request lines (the hot path) wait in stdio's buffer for flushServerLog() (every 100 ms) or the next
        // other line; everything else is written at once.
        if (!(type == QtInfoMsg && message == QLatin1String("request")))
            std::fflush(stderr);
    }
    if (type == QtFatalMsg)
        std::abort();
}
} // namespace

std::optional<LogFormat> logFormatFromName(const QString &name)
{
    if (name == QLatin1String("text"))
        return LogFormat::Text;
    if (name == QLatin1String("json"))
        return LogFormat::Json;
    return std::nullopt;
}

QString logFormatName(LogFormat format)
{
    return format == LogFormat::Json ? QStringLiteral("json") : QStringLiteral("text");
}

void installServerLogHandler(LogFormat format)
{
    g_format.store(int(format));
    g_installed.store(true);
    static char buffer[1 << 16];
    std::setvbuf(stderr, buffer, _IOFBF, sizeof buffer); // flushed by the handler and flushServerLog()
    qInstallMessageHandler(handler);
}

void flushServerLog()
{
    QMutexLocker lock(&g_writeMutex);
    std::fflush(stderr);
}

QString formatLogLine(LogFormat format, QtMsgType type, const char *category, const QString &message,
                      const QJsonObject &fields, const QDateTime &timestamp)
{
    const QString ts = timestamp.toUTC().toString(Qt::ISODateWithMs);
    const QString cat = QString::fromUtf8(category ? category : "default");
    if (format == LogFormat::Json) {
        QJsonObject o = fields;
        o.insert(QStringLiteral("ts"), ts);
        o.insert(QStringLiteral("level"), levelName(type));
        o.insert(QStringLiteral("category"), cat);
        o.insert(QStringLiteral("msg"), message);
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    QString line = ts + QLatin1Char(' ') + levelName(type).toUpper().leftJustified(8) + cat + QStringLiteral(": ")
                   + message;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        line += QLatin1Char(' ') + it.key() + QLatin1Char('=') + textValue(it.value());
    return line;
}

LogFields::LogFields(const QJsonObject &fields) : m_previous(t_fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it)
        t_fields.insert(it.key(), it.value());
}

LogFields::~LogFields()
{
    t_fields = m_previous;
}

namespace {
// Writes a log line into a buffer sized for the worst case up front (no reallocation, no temporaries).
class LineWriter
{
public:
    explicit LineWriter(QByteArray &buffer, qsizetype capacity)
    {
        buffer.resize(capacity);
        m_begin = m_p = buffer.data();
    }
    qsizetype size() const { return m_p - m_begin; }
    LineWriter &raw(QByteArrayView v)
    {
        std::memcpy(m_p, v.data(), size_t(v.size()));
        m_p += v.size();
        return *this;
    }
    LineWriter &number(qint64 n)
    {
        m_p = std::to_chars(m_p, m_p + 24, n).ptr;
        return *this;
    }
    LineWriter &shortest(double v) // as QJsonDocument and QVariant print a double
    {
        return raw(QByteArray::number(v, 'g', QLocale::FloatingPointShortest));
    }
    // A JSON string with QJsonDocument's escapes.
    LineWriter &json(QByteArrayView utf8)
    {
        *m_p++ = '"';
        for (const char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x20 && c != '"' && c != '\\') {
                *m_p++ = c;
                continue;
            }
            *m_p++ = '\\';
            switch (c) {
            case '"': *m_p++ = '"'; break;
            case '\\': *m_p++ = '\\'; break;
            case '\b': *m_p++ = 'b'; break;
            case '\f': *m_p++ = 'f'; break;
            case '\n': *m_p++ = 'n'; break;
            case '\r': *m_p++ = 'r'; break;
            case '\t': *m_p++ = 't'; break;
            default: {
                static const char hex[] = "0123456789abcdef";
                *m_p++ = 'u';
                *m_p++ = '0';
                *m_p++ = '0';
                *m_p++ = hex[u >> 4];
                *m_p++ = hex[u & 15];
            }
            }
        }
        *m_p++ = '"';
        return *this;
    }
    // A text-format value: quoted (inner quotes escaped) when empty or holding a space or a quote.
    LineWriter &text(QByteArrayView utf8)
    {
        if (!utf8.isEmpty() && !utf8.contains(' ') && !utf8.contains('"'))
            return raw(utf8);
        *m_p++ = '"';
        for (const char c : utf8) {
            if (c == '"')
                *m_p++ = '\\';
            *m_p++ = c;
        }
        *m_p++ = '"';
        return *this;
    }

private:
    char *m_begin = nullptr;
    char *m_p = nullptr;
};

void logRequestSlow(const RequestLogLine &r)
{
    const LogFields fields(QJsonObject{{QStringLiteral("request_id"), QString::fromLatin1(r.requestId)},
                                       {QStringLiteral("method"), QString::fromLatin1(r.method)},
                                       {QStringLiteral("path"), r.path},
                                       {QStringLiteral("status"), r.status},
                                       {QStringLiteral("duration_ms"), r.durationMs},
                                       {QStringLiteral("remote"), r.remote},
                                       {QStringLiteral("bytes_in"), double(r.bytesIn)},
                                       {QStringLiteral("bytes_out"), double(r.bytesOut)}});
    if (r.status >= 500)
        qCWarning(lcServer, "request");
    else
        qCInfo(lcServer, "request");
}
} // namespace

QByteArray formatRequestLine(LogFormat format, const RequestLogLine &r, qint64 nowMs)
{
    const bool warning = r.status >= 500;
    const QByteArray ts = isoUtcMs(nowMs);
    const QByteArray path = r.path.toUtf8();
    const QByteArray remote = r.remote.toLatin1();
    const QByteArrayView category(lcServer().categoryName());
    QByteArray line;
    // Worst case: every byte of a free-text field escaped as \u00XX (6 bytes), plus the fixed text.
    LineWriter w(line, 320 + ts.size() + 6 * (path.size() + remote.size() + r.method.size() + r.requestId.size() +
                                              category.size()));
    if (format == LogFormat::Json) {
        // Keys in QJsonObject's (sorted) order, so a line reads the same as one from formatLogLine.
        w.raw("{\"bytes_in\":").number(r.bytesIn).raw(",\"bytes_out\":").number(r.bytesOut).raw(",\"category\":");
        w.json(category).raw(",\"duration_ms\":").shortest(r.durationMs);
        w.raw(warning ? ",\"level\":\"warning\",\"method\":" : ",\"level\":\"info\",\"method\":").json(r.method);
        w.raw(",\"msg\":\"request\",\"path\":").json(path).raw(",\"remote\":").json(remote);
        w.raw(",\"request_id\":").json(r.requestId).raw(",\"status\":").number(r.status);
        w.raw(",\"ts\":\"").raw(ts).raw("\"}");
    } else {
        w.raw(ts).raw(warning ? " WARNING " : " INFO    ").raw(category).raw(": request");
        w.raw(" bytes_in=").number(r.bytesIn).raw(" bytes_out=").number(r.bytesOut);
        w.raw(" duration_ms=").shortest(r.durationMs).raw(" method=").text(r.method);
        w.raw(" path=").text(path).raw(" remote=").text(remote).raw(" request_id=").text(r.requestId);
        w.raw(" status=").number(r.status);
    }
    line.truncate(w.size());
    return line;
}

void logRequest(const RequestLogLine &r)
{
    const bool warning = r.status >= 500;
    if (warning ? !lcServer().isWarningEnabled() : !lcServer().isInfoEnabled())
        return;
    if (!g_installed.load() || !t_fields.isEmpty())
        return logRequestSlow(r);
    const QByteArray line =
        formatRequestLine(LogFormat(g_format.load()), r, QDateTime::currentMSecsSinceEpoch()) + '\n';
    QMutexLocker lock(&g_writeMutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    if (warning)
        std::fflush(stderr);
}

} // namespace otadesk::server
