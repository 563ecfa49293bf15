#include "core/common/Workspace.h"

#include <QStandardPaths>

namespace otadesk {

Workspace::Workspace(QString path) : m_path(QDir::cleanPath(QDir(path).absolutePath())) {}

QString Workspace::defaultPath()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/otadesk/workspace");
}

QString Workspace::resolvePath(const QString &explicitPath, const QString &fallback)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString env = qEnvironmentVariable("OTADESK_WORKSPACE");
    if (!env.isEmpty())
        return env;
    if (!fallback.isEmpty())
        return fallback;
    return defaultPath();
}

Status Workspace::ensureExists() const
{
    QDir dir;
    for (const QString &p : {m_path, blobsPath()}) {
        if (!dir.mkpath(p))
            return fail(ErrorCode::Io,
                        Error::tr("Cannot create the workspace folder %1. Check that the parent folder exists "
                                  "and is writable, or choose another workspace with --workspace.")
                            .arg(p));
    }
    return {};
}

} // namespace otadesk
