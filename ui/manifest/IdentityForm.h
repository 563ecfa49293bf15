#pragma once
// The manifest-wide fields of the Manifest editor: product, vendor domain and model (with the vendor-id and
// class-id UUIDs they give, live), sequence number with "Next" from the workspace's SequenceRegistry, release
// version, description, vendor name and what to sever. Every change is an undoable edit of the document.
#include "core/manifest/ManifestSpec.h"

#include <functional>
#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace otadesk::ui {

class ManifestDocument;

class IdentityForm : public QGroupBox
{
    Q_OBJECT
public:
    explicit IdentityForm(ManifestDocument *document, QWidget *parent = nullptr);

    void setWorkspace(const QString &path) { m_workspacePath = path; }
    void setProducts(const QStringList &products);
    // The widget that edits a spec field ("product", "sequenceNumber", …), or nullptr.
    QWidget *fieldWidget(const QString &field) const;

    QComboBox *product() const { return m_product; }
    QLineEdit *vendorDomain() const { return m_vendorDomain; }
    QLineEdit *modelName() const { return m_model; }
    QSpinBox *sequenceNumber() const { return m_sequence; }
    QToolButton *nextSequenceButton() const { return m_next; }
    QLineEdit *version() const { return m_version; }
    QLineEdit *description() const { return m_description; }
    QLineEdit *vendorName() const { return m_vendorName; }
    QLabel *vendorIdLabel() const { return m_vendorId; }
    QLabel *classIdLabel() const { return m_classId; }
    QCheckBox *severText() const { return m_severText; }
    QCheckBox *severInstall() const { return m_severInstall; }

public Q_SLOTS:
    void useNextSequenceNumber();

private:
    void refresh();
    QLineEdit *textField(const QString &objectName, const QString &field, const QString &undoText,
                         QString manifest::ManifestSpec::*member);

    ManifestDocument *m_document;
    QString m_workspacePath;
    QComboBox *m_product;
    QLineEdit *m_vendorDomain;
    QLineEdit *m_model;
    QLabel *m_vendorId;
    QLabel *m_classId;
    QSpinBox *m_sequence;
    QToolButton *m_next;
    QLineEdit *m_version;
    QLineEdit *m_description;
    QLineEdit *m_vendorName;
    QCheckBox *m_severText;
    QCheckBox *m_severInstall;
    QLabel *m_template;
    QList<std::pair<QLineEdit *, QString manifest::ManifestSpec::*>> m_texts;
};

} // namespace otadesk::ui
