#include "ui/server/ConnectionProfiles.h"

#include "ui/server/TokenVault.h"

#include <QDir>
#include <QFileInfo>

namespace otadesk::ui {

namespace {
const QString kGroup = QStringLiteral("ServerProfiles");
const QString kLast = QStringLiteral("Server/lastConnection");
const QString kConnectAtStart = QStringLiteral("Server/connectAtStart");
} // namespace

client::ServerEndpoint ConnectionProfile::endpoint() const
{
    client::ServerEndpoint e;
    auto parsed = client::ServerEndpoint::parseUrl(url);
    e.baseUrl = parsed ? *parsed : QUrl(url);
    e.caCertificateFile = caCertificateFile;
    e.insecureSkipTlsVerify = insecure;
    return e;
}

ConnectionProfiles::ConnectionProfiles(const QString &settingsFile, QObject *parent)
    : QObject(parent), m_vault(new TokenVault(this))
{
    const bool iniFile = settingsFile.endsWith(QLatin1String(".ini"), Qt::CaseInsensitive)
                         || settingsFile.endsWith(QLatin1String(".conf"), Qt::CaseInsensitive);
    m_settings = iniFile ? std::make_unique<QSettings>(settingsFile, QSettings::IniFormat)
                         : std::make_unique<QSettings>();
}

ConnectionProfiles::~ConnectionProfiles() = default;

QString ConnectionProfiles::settingsFile() const { return m_settings->fileName(); }

// Profile names may hold any character; QSettings groups must not contain '/' or '\\'.
QString ConnectionProfiles::groupFor(const QString &name)
{
    return kGroup + QLatin1Char('/') + QString::fromLatin1(name.toUtf8().toHex());
}

QList<ConnectionProfile> ConnectionProfiles::profiles() const
{
    QList<ConnectionProfile> out;
    m_settings->beginGroup(kGroup);
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &g : groups) {
        const QString name = QString::fromUtf8(QByteArray::fromHex(g.toLatin1()));
        if (auto p = profile(name))
            out << *p;
    }
    std::sort(out.begin(), out.end(), [](const ConnectionProfile &a, const ConnectionProfile &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

std::optional<ConnectionProfile> ConnectionProfiles::profile(const QString &name) const
{
    if (name.isEmpty())
        return std::nullopt;
    m_settings->beginGroup(groupFor(name));
    ConnectionProfile p;
    p.name = m_settings->value(QStringLiteral("name")).toString();
    p.url = m_settings->value(QStringLiteral("url")).toString();
    p.caCertificateFile = m_settings->value(QStringLiteral("caCertificate")).toString();
    p.insecure = m_settings->value(QStringLiteral("insecure"), false).toBool();
    p.tokenInSettings = m_settings->value(QStringLiteral("tokenStorage")).toString() == QLatin1String("settings");
    m_settings->endGroup();
    if (p.name != name)
        return std::nullopt;
    return p;
}

QString ConnectionProfiles::lastConnection() const { return m_settings->value(kLast).toString(); }

bool ConnectionProfiles::connectAtStart() const
{
    return m_settings->value(kConnectAtStart, true).toBool();
}

void ConnectionProfiles::setConnectAtStart(bool on)
{
    m_settings->setValue(kConnectAtStart, on);
    m_settings->sync();
}

void ConnectionProfiles::setLastConnection(const QString &name)
{
    m_settings->setValue(kLast, name);
    m_settings->sync();
}

void ConnectionProfiles::writeProfile(const ConnectionProfile &p, const QString &tokenInSettings)
{
    m_settings->beginGroup(groupFor(p.name));
    m_settings->setValue(QStringLiteral("name"), p.name);
    m_settings->setValue(QStringLiteral("url"), p.url);
    m_settings->setValue(QStringLiteral("caCertificate"), p.caCertificateFile);
    m_settings->setValue(QStringLiteral("insecure"), p.insecure);
    m_settings->setValue(QStringLiteral("tokenStorage"),
                         p.tokenInSettings ? QStringLiteral("settings") : QStringLiteral("keychain"));
    if (p.tokenInSettings)
        m_settings->setValue(QStringLiteral("token"), tokenInSettings);
    else
        m_settings->remove(QStringLiteral("token"));
    m_settings->endGroup();
    m_settings->sync();
}

void ConnectionProfiles::removeEntry(const QString &name)
{
    m_settings->remove(groupFor(name));
    m_settings->sync();
}

void ConnectionProfiles::save(const ConnectionProfile &profile, const QString &token, const QString &previousName,
                              Saved done)
{
    if (profile.name.trimmed().isEmpty())
        return done(fail(ErrorCode::InvalidArgument, tr("A profile needs a name.")), {});
    auto url = client::ServerEndpoint::parseUrl(profile.url);
    if (!url)
        return done(std::unexpected(url.error()), {});

    // Renamed: carry the stored token over when no new one was typed.
    const QString oldName = previousName.isEmpty() ? profile.name : previousName;
    auto finish = [this, profile, oldName, done](const QString &tokenToStore) {
        ConnectionProfile p = profile;
        auto storeInSettings = [this, p, oldName, tokenToStore, done](const QString &reason) mutable {
            p.tokenInSettings = true;
            m_fallbackReason = reason;
            if (oldName != p.name)
                removeEntry(oldName);
            writeProfile(p, tokenToStore);
            Q_EMIT changed();
            done({}, tr("The token is stored unencrypted in %1 because %2.")
                         .arg(QDir::toNativeSeparators(settingsFile()), reason));
        };
        if (!TokenVault::isCompiledIn()) {
            m_vault->write(keychainKey(p.name), tokenToStore, [storeInSettings](Status st) mutable {
                storeInSettings(st ? QString() : st.error().message());
            });
            return;
        }
        m_vault->write(keychainKey(p.name), tokenToStore,
                       [this, p, oldName, done, storeInSettings](Status st) mutable {
                           if (!st)
                               return storeInSettings(st.error().message());
                           m_fallbackReason.clear();
                           p.tokenInSettings = false;
                           if (oldName != p.name) {
                               m_vault->remove(keychainKey(oldName));
                               removeEntry(oldName);
                           }
                           writeProfile(p, {});
                           Q_EMIT changed();
                           done({}, {});
                       });
    };
    if (!token.isEmpty())
        return finish(token);
    loadToken(oldName, [finish](Result<QString> stored) { finish(stored ? *stored : QString()); });
}

void ConnectionProfiles::loadToken(const QString &name, std::function<void(Result<QString>)> done)
{
    const std::optional<ConnectionProfile> p = profile(name);
    if (!p)
        return done(fail(ErrorCode::NotFound, tr("There is no connection profile \"%1\".").arg(name)));
    if (p->tokenInSettings)
        return done(m_settings->value(groupFor(name) + QStringLiteral("/token")).toString());
    m_vault->read(keychainKey(name), [done](Result<QString> r) { done(r); });
}

void ConnectionProfiles::remove(const QString &name)
{
    const std::optional<ConnectionProfile> p = profile(name);
    if (!p)
        return;
    if (!p->tokenInSettings)
        m_vault->remove(keychainKey(name));
    removeEntry(name);
    if (lastConnection() == name)
        setLastConnection({});
    Q_EMIT changed();
}

} // namespace otadesk::ui
