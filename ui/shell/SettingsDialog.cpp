#include "ui/shell/SettingsDialog.h"

#include "ui/shell/DialogRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

SettingsDialog::SettingsDialog(Settings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_workspace(new QLineEdit), m_language(new QComboBox),
      m_erasedByte(new QSpinBox), m_bytesPerRecord(new QSpinBox), m_strictOverlaps(new QCheckBox),
      m_logRules(new QLineEdit), m_problem(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                     QDialogButtonBox::RestoreDefaults))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    m_workspace->setObjectName(QStringLiteral("workspaceEdit"));
    m_workspace->setToolTip(tr("Folder holding the firmware library (library.sqlite and blobs/)"));
    m_workspace->setMinimumWidth(360);
    auto *browse = new QToolButton;
    browse->setObjectName(QStringLiteral("workspaceBrowse"));
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, &SettingsDialog::browseWorkspace);
    auto *workspaceRow = new QHBoxLayout;
    workspaceRow->addWidget(m_workspace);
    workspaceRow->addWidget(browse);

    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));

    m_erasedByte->setObjectName(QStringLiteral("erasedByteSpin"));
    m_erasedByte->setRange(0, 255);
    m_erasedByte->setDisplayIntegerBase(16);
    m_erasedByte->setPrefix(QStringLiteral("0x"));
    m_erasedByte->setToolTip(tr("Value of erased flash; fills gaps when an image is flattened or exported as "
                                "binary"));

    m_bytesPerRecord->setObjectName(QStringLiteral("bytesPerRecordSpin"));
    m_bytesPerRecord->setRange(1, 255);
    m_bytesPerRecord->setToolTip(tr("Data bytes per record when writing Intel HEX or S-record files"));

    m_strictOverlaps->setObjectName(QStringLiteral("strictOverlapsCheck"));
    m_strictOverlaps->setText(tr("Reject files whose records overwrite each other with different bytes"));

    m_logRules->setObjectName(QStringLiteral("logRulesEdit"));
    m_logRules->setPlaceholderText(QStringLiteral("otadesk.firmware.debug=true;otadesk.ui.info=false"));
    m_logRules->setToolTip(tr("Developer logging rules, separated by semicolons (same as --log-rules)"));

    m_problem->setObjectName(QStringLiteral("settingsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Workspace folder:"), workspaceRow);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Erased byte value:"), m_erasedByte);
    form->addRow(tr("&Bytes per record:"), m_bytesPerRecord);
    form->addRow(tr("Overlaps:"), m_strictOverlaps);
    form->addRow(tr("Log &rules:"), m_logRules);
    auto *languageNote = new QLabel(tr("A new language applies after a restart."));
    languageNote->setEnabled(false);
    form->addRow(QString(), languageNote);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);

    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOk"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("settingsCancel"));
    m_buttons->button(QDialogButtonBox::RestoreDefaults)->setObjectName(QStringLiteral("settingsDefaults"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);
    connect(m_workspace, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    connect(m_logRules, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);

    load();
    revalidate();
}

void SettingsDialog::load()
{
    m_workspace->setText(QDir::toNativeSeparators(m_settings.workspacePath()));
    const int language = m_language->findData(m_settings.value(Settings::Language).toString());
    m_language->setCurrentIndex(qMax(0, language));
    m_erasedByte->setValue(m_settings.erasedByte());
    m_bytesPerRecord->setValue(m_settings.hexBytesPerRecord());
    m_strictOverlaps->setChecked(m_settings.strictOverlaps());
    m_logRules->setText(m_settings.value(Settings::LogRules).toString());
}

void SettingsDialog::restoreDefaults()
{
    m_workspace->setText(QDir::toNativeSeparators(Settings::defaultValue(Settings::WorkspacePath).toString()));
    m_language->setCurrentIndex(qMax(0, m_language->findData(Settings::defaultValue(Settings::Language))));
    m_erasedByte->setValue(Settings::defaultValue(Settings::ErasedByte).toInt());
    m_bytesPerRecord->setValue(Settings::defaultValue(Settings::HexBytesPerRecord).toInt());
    m_strictOverlaps->setChecked(Settings::defaultValue(Settings::StrictOverlaps).toBool());
    m_logRules->setText(Settings::defaultValue(Settings::LogRules).toString());
}

bool SettingsDialog::isValidLogRules(const QString &rules, QString *problem)
{
    static const QRegularExpression rule(
        QStringLiteral(R"(^\s*[A-Za-z0-9_.*-]+(\.(debug|info|warning|critical))?\s*=\s*(true|false)\s*$)"));
    const QStringList parts = rules.split(QRegularExpression(QStringLiteral("[;\n]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.trimmed().isEmpty())
            continue;
        if (!rule.match(part).hasMatch()) {
            if (problem)
                *problem = tr("The log rule “%1” is not of the form category.level=true|false, e.g. "
                              "otadesk.firmware.debug=true.")
                               .arg(part.trimmed());
            return false;
        }
    }
    return true;
}

QString SettingsDialog::validationError() const
{
    const QString path = m_workspace->text().trimmed();
    if (path.isEmpty())
        return tr("Choose a workspace folder.");
    const QFileInfo info(QDir::fromNativeSeparators(path));
    if (!info.isAbsolute())
        return tr("The workspace folder must be an absolute path.");
    if (info.exists() && !info.isDir())
        return tr("The workspace path %1 is a file, not a folder.").arg(path);
    QString problem;
    if (!isValidLogRules(m_logRules->text(), &problem))
        return problem;
    return {};
}

void SettingsDialog::revalidate()
{
    const QString problem = validationError();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void SettingsDialog::browseWorkspace()
{
    QFileDialog dialog(this, tr("Choose the workspace folder"), QDir::fromNativeSeparators(m_workspace->text()));
    dialog.setObjectName(QStringLiteral("workspaceDialog"));
    dialog.setFileMode(QFileDialog::Directory);
    dialog.setOption(QFileDialog::ShowDirsOnly);
    if (DialogRunner::exec(&dialog) == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        m_workspace->setText(QDir::toNativeSeparators(dialog.selectedFiles().first()));
}

void SettingsDialog::apply()
{
    m_settings.setValue(Settings::WorkspacePath,
                        QDir::cleanPath(QDir::fromNativeSeparators(m_workspace->text().trimmed())));
    m_settings.setValue(Settings::Language, m_language->currentData().toString());
    m_settings.setValue(Settings::ErasedByte, m_erasedByte->value());
    m_settings.setValue(Settings::HexBytesPerRecord, m_bytesPerRecord->value());
    m_settings.setValue(Settings::StrictOverlaps, m_strictOverlaps->isChecked());
    m_settings.setValue(Settings::LogRules, m_logRules->text().trimmed());
    m_settings.sync();
}

void SettingsDialog::accept()
{
    if (!validationError().isEmpty()) {
        revalidate();
        return;
    }
    apply();
    QDialog::accept();
}

} // namespace otadesk::ui
