#include "core/store/ConnectionSpec.h"

#include <QUrl>
#include <QUrlQuery>

namespace otadesk::store {

bool ConnectionSpec::isValidIdentifier(const QString &name)
{
    if (name.isEmpty() || name.size() > 63 || name.front().isDigit())
        return false;
    for (QChar c : name) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return true;
}

Result<ConnectionSpec> ConnectionSpec::parse(const QString &text)
{
    ConnectionSpec spec;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("No database given: pass a SQLite file path or a "
                                                   "postgresql://user@host:port/dbname URL."));
    if (trimmed.startsWith(QLatin1String("sqlite://"))) {
        spec.path = trimmed.mid(9); // sqlite:///abs/path -> /abs/path, sqlite://rel -> rel
        if (spec.path.isEmpty())
            return fail(ErrorCode::InvalidArgument, tr("The SQLite URL %1 names no file.").arg(trimmed));
        return spec;
    }
    if (trimmed.startsWith(QLatin1String("sqlite:"))) { // sqlite:PATH, the short form
        spec.path = trimmed.mid(7);
        if (spec.path.isEmpty())
            return fail(ErrorCode::InvalidArgument, tr("The SQLite URL %1 names no file.").arg(trimmed));
        return spec;
    }
    if (!trimmed.startsWith(QLatin1String("postgresql://")) &&
        !trimmed.startsWith(QLatin1String("postgres://"))) {
        if (trimmed.contains(QLatin1String("://")))
            return fail(ErrorCode::InvalidArgument,
                        tr("Unknown database URL scheme in %1: use sqlite:// or postgresql://.")
                            .arg(trimmed.section(QLatin1String("://"), 0, 0)));
        spec.path = trimmed;
        return spec;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    spec.dialect = Dialect::Postgres;
    spec.host = url.host();
    spec.port = url.port(5432);
    spec.user = url.userName(QUrl::FullyDecoded);
    spec.password = url.password(QUrl::FullyDecoded);
    spec.database = url.path().mid(1);
    spec.schema = QUrlQuery(url).queryItemValue(QStringLiteral("schema"), QUrl::FullyDecoded);
    if (!url.isValid() || spec.host.isEmpty() || spec.database.isEmpty() || spec.database.contains(u'/'))
        return fail(
            ErrorCode::InvalidArgument,
            tr("Malformed PostgreSQL URL %1: expected postgresql://user[:password]@host[:port]/dbname.")
                .arg(spec.displayName()));
    if (!spec.schema.isEmpty() && !isValidIdentifier(spec.schema))
        return fail(ErrorCode::InvalidArgument,
                    tr("The schema name \"%1\" may only use a-z, 0-9 and _.").arg(spec.schema));
    return spec;
}

QString ConnectionSpec::displayName() const
{
    if (dialect == Dialect::Sqlite)
        return path;
    QString s = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        s += user + u'@';
    s += host + u':' + QString::number(port) + u'/' + database;
    if (!schema.isEmpty())
        s += QStringLiteral("?schema=") + schema;
    return s;
}

} // namespace otadesk::store
