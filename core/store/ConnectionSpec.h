#pragma once
// Where the server's database lives, parsed from a URL-ish spec:
//   /path/to/server.sqlite   or   sqlite:///path/to/server.sqlite   or   sqlite:path/to/server.sqlite
//   postgresql://user[:password]@host[:port]/dbname[?schema=name]
// The optional schema (PostgreSQL only) is created if missing and put first on the search_path; the tests
// use it to give every test case its own namespace in one database.
#include "core/common/Error.h"

#include <QString>

namespace otadesk::store {

enum class Dialect
{
    Sqlite,
    Postgres
};

struct ConnectionSpec
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::ConnectionSpec)
public:
    Dialect dialect = Dialect::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString schema;

    static Result<ConnectionSpec> parse(const QString &spec);
    // The spec for messages and logs: never contains the password.
    QString displayName() const;
    static bool isValidIdentifier(const QString &name);
};

} // namespace otadesk::store
