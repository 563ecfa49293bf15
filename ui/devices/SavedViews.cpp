#include "ui/devices/SavedViews.h"

#include "core/common/Logging.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace otadesk::ui {

SavedViews::SavedViews(QObject *parent) : QObject(parent) {}

void SavedViews::setWorkspace(const QString &path)
{
    m_views.clear();
    m_file = path.isEmpty() ? QString() : QDir(path).filePath(QStringLiteral("device-views.json"));
    QFile f(m_file);
    if (!m_file.isEmpty() && f.open(QIODevice::ReadOnly)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            qCWarning(lcUi) << "ignoring unreadable" << m_file << error.errorString();
        for (const QJsonValue &v : doc.object().value(QStringLiteral("views")).toArray()) {
            const QJsonObject o = v.toObject();
            SavedView view{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("filter")).toString(),
                           o.value(QStringLiteral("sort")).toString(QStringLiteral("serial")),
                           o.value(QStringLiteral("order")).toString() == QLatin1String("desc")};
            if (!view.name.isEmpty())
                m_views.append(view);
        }
    }
    Q_EMIT changed();
}

const SavedView *SavedViews::find(const QString &name) const
{
    for (const SavedView &v : m_views)
        if (v.name == name)
            return &v;
    return nullptr;
}

QString SavedViews::save(const SavedView &view)
{
    bool replaced = false;
    for (SavedView &v : m_views) {
        if (v.name == view.name) {
            v = view;
            replaced = true;
        }
    }
    if (!replaced)
        m_views.append(view);
    const QString error = write();
    Q_EMIT changed();
    return error;
}

QString SavedViews::remove(const QString &name)
{
    m_views.removeIf([&](const SavedView &v) { return v.name == name; });
    const QString error = write();
    Q_EMIT changed();
    return error;
}

QString SavedViews::write()
{
    if (m_file.isEmpty())
        return tr("No workspace is open: the view is kept until OTA Desk closes.");
    QJsonArray views;
    for (const SavedView &v : std::as_const(m_views))
        views.append(QJsonObject{{QStringLiteral("name"), v.name},
                                 {QStringLiteral("filter"), v.filter},
                                 {QStringLiteral("sort"), v.sort},
                                 {QStringLiteral("order"), v.descending ? QStringLiteral("desc") : QStringLiteral("asc")}});
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("views"), views}}).toJson()) < 0 || !f.commit())
        return tr("Cannot save the views to %1: %2").arg(QDir::toNativeSeparators(m_file), f.errorString());
    return {};
}

} // namespace otadesk::ui
