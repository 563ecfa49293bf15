#pragma once
// A small zip writer (stored and deflate members, UTF-8 names, no zip64): used to export bundles and by tests.
#include "core/common/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace otadesk::library {

class ZipWriter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::ZipWriter)
public:
    enum class Method { Stored = 0, Deflate = 8 };

    // Members are kept in memory until finish(); names must be relative with '/' separators.
    void add(const QString &name, QByteArrayView data, Method method = Method::Deflate,
             const QDateTime &modified = QDateTime(QDate(2024, 1, 1), QTime(0, 0)));
    QByteArray finish() const;
    Status writeTo(const QString &path) const; // atomically

private:
    struct Member
    {
        QByteArray name;
        QByteArray stored; // bytes as they appear in the archive
        quint32 crc32 = 0;
        quint32 size = 0;
        quint16 method = 0;
        quint16 dosTime = 0;
        quint16 dosDate = 0;
    };
    QList<Member> m_members;
};

} // namespace otadesk::library
