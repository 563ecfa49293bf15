#pragma once
// Edit › Go to Address… (Ctrl+G): asks for an address ("0x08001000", "08001000h", "134221824") and jumps the
// hex view there.
#include <QCoreApplication>
#include <QString>
#include <optional>

class QWidget;

namespace otadesk::ui {

class GoToAddress
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::ui::GoToAddress)
public:
    // Hex with 0x prefix or h suffix, otherwise decimal; underscores and spaces are ignored.
    static std::optional<quint64> parse(const QString &text);
    // Runs the dialog (through DialogRunner); nullopt if cancelled or not a valid address (after a warning).
    static std::optional<quint64> ask(QWidget *parent, const QString &initial = {});
};

} // namespace otadesk::ui
