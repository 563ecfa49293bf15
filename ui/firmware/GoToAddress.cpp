#include "ui/firmware/GoToAddress.h"

#include "ui/shell/DialogRunner.h"

#include <QInputDialog>

namespace otadesk::ui {

std::optional<quint64> GoToAddress::parse(const QString &text)
{
    QString t = text.trimmed().remove(u'_').remove(u' ');
    int base = 10;
    if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        t = t.mid(2);
        base = 16;
    } else if (t.endsWith(u'h', Qt::CaseInsensitive)) {
        t.chop(1);
        base = 16;
    }
    if (t.isEmpty())
        return std::nullopt;
    bool ok = false;
    const quint64 value = t.toULongLong(&ok, base);
    return ok ? std::optional<quint64>(value) : std::nullopt;
}

std::optional<quint64> GoToAddress::ask(QWidget *parent, const QString &initial)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("goToAddressDialog"));
    dialog.setWindowTitle(tr("Go to Address"));
    dialog.setLabelText(tr("Address (0x… for hex, otherwise decimal):"));
    dialog.setInputMode(QInputDialog::TextInput);
    dialog.setTextValue(initial);
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return std::nullopt;
    const auto address = parse(dialog.textValue());
    if (!address)
        DialogRunner::warn(parent, tr("Go to Address"),
                           tr("“%1” is not an address. Use 0x08001000 (hex) or 134221824 (decimal).")
                               .arg(dialog.textValue()));
    return address;
}

} // namespace otadesk::ui
