#pragma once
// The details pane of the selected library entry: a form (digests, size, extent, entry point) and a tree of
// segments, overlaps, warnings and format metadata (MCUboot header and TLVs, ELF sections and symbols).
#include "core/library/FirmwareLibrary.h"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;
class QFormLayout;

namespace otadesk::ui {

class EntryDetails : public QWidget
{
    Q_OBJECT
public:
    explicit EntryDetails(QWidget *parent = nullptr);

    void setEntry(const library::FirmwareEntry *entry);
    QString value(const QString &field) const; // text of a form field by its objectName suffix (tests)
    QTreeWidget *tree() const { return m_tree; }

private:
    QLabel *addField(const QString &name, const QString &label);
    static void addVariant(QTreeWidgetItem *parent, const QString &key, const QVariant &value);

    QLabel *m_title;
    QFormLayout *m_form;
    QTreeWidget *m_tree;
    QHash<QString, QLabel *> m_fields;
};

} // namespace otadesk::ui
