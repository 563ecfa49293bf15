#include "ui/keys/KeyCommandLines.h"

#include "ui/firmware/CommandLines.h"

#include <QCoreApplication>

namespace otadesk::ui::keycommands {

namespace {
// A placeholder in capitals when the value is not known yet (no selection, nothing typed).
QString arg(const QString &value, const char *placeholder)
{
    return value.isEmpty() ? QString::fromLatin1(placeholder) : commands::quoted(value);
}
} // namespace

QString list() { return QStringLiteral("otactl key list"); }

QString show(const QString &reference) { return QStringLiteral("otactl key show ") + arg(reference, "KEY"); }

QString generate(const QString &name, crypto::KeyType type, const QString &defaultFor)
{
    QString line = QStringLiteral("otactl key generate %1 --type %2").arg(arg(name, "NAME"), crypto::keyTypeName(type));
    if (!defaultFor.isEmpty())
        line += QStringLiteral(" --default-for ") + commands::quoted(defaultFor);
    return line;
}

QString importFile(const QString &path, const QString &name)
{
    return QStringLiteral("otactl key import %1 %2").arg(arg(name, "NAME"), arg(path, "FILE.pem"));
}

QString exportPublic(const QString &reference, const QString &path)
{
    return QStringLiteral("otactl key export %1 --public --out %2").arg(arg(reference, "KEY"), arg(path, "OUT.pem"));
}

QString changePassphrase(const QString &reference)
{
    return QStringLiteral("otactl key passphrase ") + arg(reference, "KEY");
}

QString setDefault(const QString &reference, const QString &product)
{
    return QStringLiteral("otactl key default %1 %2").arg(arg(reference, "KEY"), arg(product, "PRODUCT"));
}

QString rename(const QString &reference, const QString &newName)
{
    Q_UNUSED(reference);
    Q_UNUSED(newName);
    return {}; // otactl has no rename yet
}

QString remove(const QString &reference) { return QStringLiteral("otactl key remove ") + arg(reference, "KEY"); }

QString passphraseNote()
{
    return QCoreApplication::translate("otadesk::ui::keycommands",
                                       "In scripts the passphrase comes from $OTADESK_PASSPHRASE or "
                                       "--passphrase-file FILE.");
}

QString importPassphraseNote()
{
    return QCoreApplication::translate("otadesk::ui::keycommands",
                                       "In scripts the new passphrase comes from $OTADESK_PASSPHRASE or "
                                       "--passphrase-file FILE, an encrypted file's own from "
                                       "$OTADESK_SOURCE_PASSPHRASE or --source-passphrase-file FILE.");
}

QString changePassphraseNote()
{
    return QCoreApplication::translate("otadesk::ui::keycommands",
                                       "In scripts the current passphrase comes from $OTADESK_PASSPHRASE or "
                                       "--passphrase-file FILE, the new one from $OTADESK_NEW_PASSPHRASE or "
                                       "--new-passphrase-file FILE.");
}

} // namespace otadesk::ui::keycommands
