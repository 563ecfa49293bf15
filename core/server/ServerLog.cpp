#include "core/server/ServerLog.h"

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

} // namespace otadesk::server
