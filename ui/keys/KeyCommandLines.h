#pragma once
// The `otactl key …` command line equivalent to each action of the Keys page, shown in tooltips and status
// tips. Scripts give passphrases through $OTADESK_PASSPHRASE or --passphrase-file, never on the command line.
#include "core/crypto/Key.h"

#include <QString>

namespace otadesk::ui::keycommands {

QString list();
QString show(const QString &reference);
QString generate(const QString &name, crypto::KeyType type, const QString &defaultFor = {});
QString importFile(const QString &path, const QString &name);
QString exportPublic(const QString &reference, const QString &path);
QString changePassphrase(const QString &reference);
QString setDefault(const QString &reference, const QString &product);
QString rename(const QString &reference, const QString &newName); // empty: no otactl equivalent yet
QString remove(const QString &reference);
// One sentence for tooltips of actions that need a passphrase.
QString passphraseNote();
QString importPassphraseNote();
QString changePassphraseNote();

} // namespace otadesk::ui::keycommands
