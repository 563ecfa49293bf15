#pragma once
// Chooses one firmware library entry for a manifest component: the library table with a search field;
// double-click or OK picks the entry.
#include "core/library/FirmwareLibrary.h"

#include <optional>
#include <QDialog>

class QLineEdit;
class QTableView;

namespace otadesk::ui {

class FirmwareFilterModel;
class FirmwareTableModel;

class FirmwarePickerDialog : public QDialog
{
    Q_OBJECT
public:
    FirmwarePickerDialog(const QList<library::FirmwareEntry> &entries, const QString &component,
                         QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *search() const { return m_search; }
    // Selects the entry with this id (for callers and tests); false if there is none.
    bool selectId(qint64 id);
    std::optional<library::FirmwareEntry> selectedEntry() const;

private:
    FirmwareTableModel *m_model;
    FirmwareFilterModel *m_filter;
    QLineEdit *m_search;
    QTableView *m_table;
};

} // namespace otadesk::ui
