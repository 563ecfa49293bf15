#pragma once
// A workspace is one folder holding everything OTA Desk keeps for a user or a project: the firmware library
// (library.sqlite + blobs/), later keys and the bundled server's database. Resolution order for the folder:
// explicit --workspace argument, $OTADESK_WORKSPACE, the settings value, the platform data location.
#include "core/common/Error.h"

#include <QDir>
#include <QString>

namespace otadesk {

class Workspace
{
public:
    explicit Workspace(QString path);

    static QString defaultPath();
    // explicitPath wins, then $OTADESK_WORKSPACE, then fallback (usually the settings value), then defaultPath().
    static QString resolvePath(const QString &explicitPath, const QString &fallback = {});

    // Creates the folder (and its subfolders) if missing. Fails with a clear message if it cannot.
    Status ensureExists() const;

    const QString &path() const { return m_path; }
    QString filePath(const QString &relative) const { return QDir(m_path).filePath(relative); }
    QString libraryDatabasePath() const { return filePath(QStringLiteral("library.sqlite")); }
    QString blobsPath() const { return filePath(QStringLiteral("blobs")); }

private:
    QString m_path;
};

} // namespace otadesk
