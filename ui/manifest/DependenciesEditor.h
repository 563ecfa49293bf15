#pragma once
// Other manifests this one depends on (trust-domains dependencies): manifest digest (hex) and URI per row.
#include <QGroupBox>

class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace otadesk::ui {

class ManifestDocument;

class DependenciesEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit DependenciesEditor(ManifestDocument *document, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    bool focusField(const QString &field);

private:
    void refresh();
    void onItemChanged(QTableWidgetItem *item);

    ManifestDocument *m_document;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace otadesk::ui
