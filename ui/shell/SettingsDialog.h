#pragma once
// Preferences over core/common/Settings: workspace folder, language, erased byte, bytes per record, strict
// overlaps, log rules. Validates before it accepts; Restore defaults resets the fields (not yet the settings).
#include "core/common/Settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QDialogButtonBox;

namespace otadesk::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Settings &settings, QWidget *parent = nullptr);

    // Empty if the fields are valid, otherwise a sentence for the user.
    QString validationError() const;
    // Writes the fields to the settings (called on accept).
    void apply();
    void restoreDefaults();

    // "otadesk.firmware.debug=true;..." syntax check, shared with --log-rules.
    static bool isValidLogRules(const QString &rules, QString *problem = nullptr);

    void accept() override;

private:
    void load();
    void browseWorkspace();
    void revalidate();

    Settings &m_settings;
    QLineEdit *m_workspace;
    QComboBox *m_language;
    QSpinBox *m_erasedByte;
    QSpinBox *m_bytesPerRecord;
    QCheckBox *m_strictOverlaps;
    QLineEdit *m_logRules;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace otadesk::ui
