#pragma once
// The device characteristics a device reports before it gets its payload (OTA Desk's characteristic
// extension): a checklist of the standard names plus component-version:<name> for each component, and the
// resource-request URI the device reports them to.
#include <QGroupBox>

class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace otadesk::ui {

class ManifestDocument;

class CharacteristicsEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit CharacteristicsEditor(ManifestDocument *document, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QLineEdit *resourceUri() const { return m_uri; }
    // Checks or unchecks one characteristic as the user would; false if it is not in the list.
    bool setChecked(const QString &name, bool checked);

private:
    void refresh();
    void onItemChanged(QListWidgetItem *item);

    ManifestDocument *m_document;
    QListWidget *m_list;
    QLineEdit *m_uri;
};

} // namespace otadesk::ui
