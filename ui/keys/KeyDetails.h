#pragma once
// The details pane of the selected key: name, type, the full key id, the products it signs for by default,
// where the private key is stored, and the public key PEM (read-only, monospace) with a Copy button.
#include "core/crypto/KeyStore.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace otadesk::ui {

class KeyDetails : public QWidget
{
    Q_OBJECT
public:
    explicit KeyDetails(QWidget *parent = nullptr);

    // key null: nothing selected. pem: the public key (empty if it cannot be read; error says why).
    void setKey(const crypto::KeyInfo *key, const QByteArray &pem = {}, const QString &error = {});
    QString value(const QString &field) const; // text of a form field by its objectName suffix (tests)
    QPlainTextEdit *pemView() const { return m_pem; }
    QPushButton *copyButton() const { return m_copy; }

private:
    QLabel *addField(const QString &name, const QString &label);

    QLabel *m_title;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_fields;
    QPlainTextEdit *m_pem;
    QPushButton *m_copy;
};

} // namespace otadesk::ui
