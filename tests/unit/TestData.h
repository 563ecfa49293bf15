#pragma once
// Paths of the shared test data (../shared/testdata beside the repository) and whole-file reads/writes.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

namespace otadesk::test {
inline QString testData(const QString &relative)
{
    return QDir(QStringLiteral(OTADESK_TESTDATA)).filePath(relative);
}
inline QString binaryDir(const QString &relative = {})
{
    return QDir(QStringLiteral(OTADESK_BINARY_DIR)).filePath(relative);
}
// The file's bytes, or empty if it cannot be read.
inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}
} // namespace otadesk::test
