#pragma once
// Options for an import: product, version, component, format override and base address for raw binaries.
#include "ui/firmware/ImportJob.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QDialogButtonBox;

namespace otadesk::ui {

class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(const QStringList &files, QWidget *parent = nullptr);

    ImportOptions options() const;
    void setOptions(const ImportOptions &options);
    QStringList files() const { return m_files; }
    // The otactl command line doing the same.
    QString commandLine() const;

private:
    void update();

    QStringList m_files;
    QListWidget *m_list;
    QLineEdit *m_product;
    QLineEdit *m_version;
    QLineEdit *m_component;
    QComboBox *m_format;
    QLineEdit *m_base;
    QLabel *m_cli;
    QDialogButtonBox *m_buttons;
};

// "0x08000000", "08000000h", "134217728" → value; nullopt if not a number.
std::optional<quint64> parseAddress(const QString &text);

} // namespace otadesk::ui
