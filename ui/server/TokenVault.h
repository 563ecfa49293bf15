#pragma once
// API tokens of remote connection profiles in the OS keychain (QtKeychain: Secret Service, KWallet, macOS
// Keychain, Windows Credential Manager). Asynchronous; every job is bounded by a timeout so that a keychain
// daemon that never answers cannot hang the GUI. When QtKeychain was not found at build time, when
// $OTADESK_KEYCHAIN is "off", or when the keychain is unavailable at run time, the callers fall back to the
// settings file and say so (ConnectionProfiles).
#include "core/common/Error.h"

#include <QObject>
#include <functional>

namespace otadesk::ui {

class TokenVault : public QObject
{
    Q_OBJECT
public:
    explicit TokenVault(QObject *parent = nullptr);

    // Built with QtKeychain and not switched off by $OTADESK_KEYCHAIN=off.
    static bool isCompiledIn();
    static QString serviceName() { return QStringLiteral("OTA Desk server tokens"); }

    using Done = std::function<void(Status)>;
    using Read = std::function<void(Result<QString>)>;
    // Error codes: Unsupported when the keychain cannot be used (message says why), NotFound for no entry.
    void read(const QString &key, Read done);
    void write(const QString &key, const QString &token, Done done);
    void remove(const QString &key, Done done = {});
    // Checks that a keychain answers (reads an entry that normally does not exist): ok or Unsupported.
    void probe(Done done);

    void setTimeout(int msecs) { m_timeoutMs = msecs; }

private:
    int m_timeoutMs = 8000;
};

} // namespace otadesk::ui
