#pragma once
// Export of one library entry: format, file, bytes per record, fill byte and an optional address range.
#include "core/library/FirmwareLibrary.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QDialogButtonBox;

namespace otadesk::ui {

struct ExportOptions
{
    QString path;
    QString formatId;
    int bytesPerRecord = 32;
    quint8 fill = 0xFF;
    std::optional<firmware::AddressRange> range;
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const library::FirmwareEntry &entry, int bytesPerRecord, quint8 fill, const QString &folder,
                 QWidget *parent = nullptr);

    ExportOptions options() const;
    QString validationError() const;
    void setPath(const QString &path);
    void setFormat(const QString &formatId);

private:
    void update();
    void browse();
    QString suggestedPath(const QString &formatId) const;

    library::FirmwareEntry m_entry;
    QString m_folder;
    QComboBox *m_format;
    QLineEdit *m_path;
    QSpinBox *m_bytesPerRecord;
    QSpinBox *m_fill;
    QCheckBox *m_useRange;
    QLineEdit *m_start;
    QLineEdit *m_end;
    QLabel *m_problem;
    QLabel *m_cli;
    QDialogButtonBox *m_buttons;
};

} // namespace otadesk::ui
