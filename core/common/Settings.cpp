#include "core/common/Settings.h"

#include "core/common/Workspace.h"

#include <QByteArray>
#include <array>

namespace otadesk {

namespace {
struct KeyInfo
{
    const char *name;
    QVariant (*defaultValue)();
};

const std::array<KeyInfo, Settings::KeyCount> &keyTable()
{
    static const std::array<KeyInfo, Settings::KeyCount> table = {{
        {"workspace/path", [] { return QVariant(Workspace::defaultPath()); }},
        {"ui/language", [] { return QVariant(QString()); }},
        {"firmware/erasedByte", [] { return QVariant(0xFF); }},
        {"firmware/bytesPerRecord", [] { return QVariant(32); }},
        {"firmware/strictOverlaps", [] { return QVariant(false); }},
        {"log/rules", [] { return QVariant(QString()); }},
        {"ui/mainWindowGeometry", [] { return QVariant(QByteArray()); }},
        {"ui/mainWindowState", [] { return QVariant(QByteArray()); }},
        {"ui/lastImportFolder", [] { return QVariant(QString()); }},
    }};
    return table;
}

// Keys renamed between versions: old name -> new name. Applied once on load.
struct Rename
{
    const char *from;
    const char *to;
};
constexpr Rename kRenames[] = {
    {"General/workspace", "workspace/path"},
};
} // namespace

Settings::Settings(const QString &fileName)
    : m_settings(fileName.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
    migrate();
}

Settings::~Settings() = default;

QString Settings::keyName(Key key) { return QString::fromLatin1(keyTable().at(key).name); }

QVariant Settings::defaultValue(Key key) { return keyTable().at(key).defaultValue(); }

QVariant Settings::value(Key key) const { return m_settings->value(keyName(key), defaultValue(key)); }

void Settings::setValue(Key key, const QVariant &value)
{
    if (value == defaultValue(key))
        m_settings->remove(keyName(key));
    else
        m_settings->setValue(keyName(key), value);
}

void Settings::reset(Key key) { m_settings->remove(keyName(key)); }

void Settings::sync() { m_settings->sync(); }

QString Settings::fileName() const { return m_settings->fileName(); }

void Settings::migrate()
{
    for (const Rename &r : kRenames) {
        const QString from = QString::fromLatin1(r.from);
        if (m_settings->contains(from)) {
            const QString to = QString::fromLatin1(r.to);
            if (!m_settings->contains(to))
                m_settings->setValue(to, m_settings->value(from));
            m_settings->remove(from);
        }
    }
}

} // namespace otadesk
