#pragma once
// Schema versions of library.sqlite, applied in order by LibraryDatabase::open().
#include <QList>
#include <QStringList>

namespace otadesk::library {

struct Migration
{
    int version = 0;
    QStringList statements;
};

const QList<Migration> &migrations();

} // namespace otadesk::library
