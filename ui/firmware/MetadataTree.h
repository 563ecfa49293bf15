#pragma once
// Fills a QTreeWidget with format metadata, lazily: a map or list gets its children only when it is expanded,
// and a list shows at most kShownRows children and a "… N more" row, so an ELF file with thousands of
// symbols costs nothing until someone opens them. Known keys get readable labels (MetadataLabels).
#include <QCoreApplication>
#include <QVariant>

class QTreeWidget;
class QTreeWidgetItem;

namespace otadesk::ui {

class MetadataTree
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::ui::MetadataTree)
public:
    static constexpr int kShownRows = 500;
    static constexpr int KeyRole = Qt::UserRole + 1;     // the raw key of an item (tests, copy)
    static constexpr int PendingRole = Qt::UserRole + 2; // the value whose children are not built yet

    // Adds one key/value under parent (the invisible root for top level); returns the new item.
    static QTreeWidgetItem *add(QTreeWidgetItem *parent, const QString &key, const QVariant &value);
    // Builds the children of an item added with a map or list value (call on itemExpanded; idempotent).
    static void populate(QTreeWidgetItem *item);
    // Connects tree expansion to populate().
    static void install(QTreeWidget *tree);
    // The value column text of a scalar.
    static QString valueText(const QString &key, const QVariant &value);
};

} // namespace otadesk::ui
