#pragma once
// The details pane of the selected library entry: a warning banner (import warnings, ranges written twice, an
// MCUboot hash mismatch), a form (bundle, MCUboot version / hash check / signature / key / security counter,
// digests, size, extent, entry point) and a tree of the MCUboot header, warnings, overlaps, segments and other
// format metadata (ELF sections and symbols, built lazily — see MetadataTree).
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

    // bundle: the bundle the entry belongs to, if any (its items list the other components).
    void setEntry(const library::FirmwareEntry *entry, const library::BundleEntry *bundle = nullptr);
    QString value(const QString &field) const; // text of a form field by its objectName suffix (tests)
    QTreeWidget *tree() const { return m_tree; }
    QLabel *banner() const { return m_banner; }
    // A line under the title when several entries are selected (cleared by setEntry).
    void setComparison(const QString &text);
    QString comparison() const;
    bool isFieldVisible(const QString &field) const;

private:
    QLabel *addField(const QString &name, const QString &label);
    void setFieldVisible(const QString &field, bool visible);
    void showMcuboot(const QVariantMap &mcuboot);
    void showBundle(const library::FirmwareEntry &entry, const library::BundleEntry *bundle);

    QLabel *m_title;
    QLabel *m_banner;
    QLabel *m_comparison;
    QFormLayout *m_form;
    QTreeWidget *m_tree;
    QHash<QString, QLabel *> m_fields;
};

} // namespace otadesk::ui
