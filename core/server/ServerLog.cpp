#include "core/server/ServerLog.h"

#include "core/common/IsoTime.h"
#include "core/common/Logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>
#include <QVariant>
#include <QMutex>
#include <atomic>
#include <cstdio>

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
void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    out += '"';
    qsizetype run = 0; // start of the bytes not yet copied
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.sliced(run, i - run));
        run = i + 1;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
            continue;
        }
        // The escapes QJsonDocument writes.
        const char *named = c == '\b' ? "\\b" : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : nullptr;
        if (named) {
            out += named;
            continue;
        }
        static const char hex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 15]};
        out.append(escaped, sizeof escaped);
    }
    out.append(utf8.sliced(run));
    out += '"';
}

void appendTextValue(QByteArray &out, QByteArrayView utf8)
{
    if (utf8.isEmpty() || utf8.contains(' ') || utf8.contains('"')) {
        out += '"';
        for (const char c : utf8) {
            if (c == '"')
                out += '\\';
            out += c;
        }
        out += '"';
    } else {
        out += utf8;
    }
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
}

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
    line.reserve(256 + path.size());
    if (format == LogFormat::Json) {
        // Keys in QJsonObject's (sorted) order, so a line reads the same as one from formatLogLine.
        line.append("{\"bytes_in\":").append(QByteArray::number(r.bytesIn));
        line.append(",\"bytes_out\":").append(QByteArray::number(r.bytesOut));
        line.append(",\"category\":");
        appendJsonString(line, category);
        line.append(",\"duration_ms\":").append(number(r.durationMs));
        line.append(warning ? ",\"level\":\"warning\",\"method\":" : ",\"level\":\"info\",\"method\":");
        appendJsonString(line, r.method);
        line.append(",\"msg\":\"request\",\"path\":");
        appendJsonString(line, path);
        line.append(",\"remote\":");
        appendJsonString(line, remote);
        line.append(",\"request_id\":");
        appendJsonString(line, r.requestId);
        line.append(",\"status\":").append(QByteArray::number(r.status));
        line.append(",\"ts\":\"").append(ts).append("\"}");
    } else {
        line += ts + ' ' + QByteArray(warning ? "WARNING" : "INFO").leftJustified(8);
        line.append(category).append(": request");
        line += " bytes_in=" + QByteArray::number(r.bytesIn) + " bytes_out=" + QByteArray::number(r.bytesOut) +
                " duration_ms=" + number(r.durationMs) + " method=";
        appendTextValue(line, r.method);
        line += " path=";
        appendTextValue(line, path);
        line += " remote=";
        appendTextValue(line, remote);
        line += " request_id=";
        appendTextValue(line, r.requestId);
        line += " status=" + QByteArray::number(r.status);
    }
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
