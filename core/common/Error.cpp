#include "core/common/Error.h"

namespace otadesk {

namespace {
QString locationPrefix(const SourceLocation &w)
{
    QString s = w.file;
    if (w.line >= 0)
        s += (s.isEmpty() ? QString() : QStringLiteral(":")) + Error::tr("line %1").arg(w.line);
    if (w.record >= 0)
        s += (s.isEmpty() ? QString() : QStringLiteral(", ")) + Error::tr("record %1").arg(w.record);
    if (w.offset >= 0)
        s += (s.isEmpty() ? QString() : QStringLiteral(", ")) +
             Error::tr("offset 0x%1").arg(w.offset, 0, 16);
    return s;
}
} // namespace

QString Error::toString() const
{
    const QString where = locationPrefix(m_where);
    return where.isEmpty() ? m_message : where + QStringLiteral(": ") + m_message;
}

QString Error::codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Io: return QStringLiteral("io");
    case ErrorCode::Format: return QStringLiteral("format");
    case ErrorCode::UnknownFormat: return QStringLiteral("unknown-format");
    case ErrorCode::Checksum: return QStringLiteral("checksum");
    case ErrorCode::Overlap: return QStringLiteral("overlap");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::InvalidArgument: return QStringLiteral("invalid-argument");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::Database: return QStringLiteral("database");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Diagnostic::toString() const
{
    const QString where = locationPrefix(this->where);
    const QString kind = severity == Severity::Warning ? Error::tr("warning") : Error::tr("note");
    return (where.isEmpty() ? QString() : where + QStringLiteral(": ")) + kind + QStringLiteral(": ") + message;
}

} // namespace otadesk
