#pragma once
// Paths of the shared test data (../shared/testdata beside the repository) and a scratch workspace.
#include <QDir>
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
} // namespace otadesk::test
