#pragma once
// The details pane of the Devices view: the selected device as the server holds it (GET /devices/{serial}):
// identity and production data, installed components, reported attributes and operator metadata, tags (add /
// remove with devices.write), accept / reject for a self-registered device, and its history (enrolment,
// acceptance, check-ins that changed something), newest first.
#include "core/client/FleetClient.h"

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace otadesk::ui {

class ServerConnection;

class DeviceDetails : public QWidget
{
    Q_OBJECT
public:
    explicit DeviceDetails(ServerConnection *connection, QWidget *parent = nullptr);

    // Loads the device (empty: shows "No device selected").
    void showDevice(const QString &serial);
    QString serial() const { return m_serial; }
    bool isLoading() const { return bool(m_call); }
    const client::DeviceDetails &details() const { return m_details; }

    QLabel *title() const { return m_title; }
    QLabel *message() const { return m_message; }
    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *components() const { return m_components; }
    QTableWidget *properties() const { return m_properties; }
    QTreeWidget *history() const { return m_history; }
    QListWidget *tags() const { return m_tags; }
    QLineEdit *tagField() const { return m_tagField; }
    QPushButton *addTagButton() const { return m_addTag; }
    QPushButton *removeTagButton() const { return m_removeTag; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *rejectButton() const { return m_reject; }
    QString identityValue(const QString &field) const; // "model", "batch", ... as shown

Q_SIGNALS:
    void loaded();
    // The device changed on the server (tags, status): the table should show it again.
    void deviceChanged(const QString &serial);

private:
    void fill();
    void edit(const QJsonObject &changes);
    void updateButtons();

    ServerConnection *m_connection;
    QString m_serial;
    client::DeviceDetails m_details;
    QPointer<client::ApiCall> m_call;
    QLabel *m_title;
    QLabel *m_message;
    QTabWidget *m_tabs;
    QFormLayout *m_identity;
    QMap<QString, QLabel *> m_values;
    QTableWidget *m_components;
    QTableWidget *m_properties;
    QTreeWidget *m_history;
    QListWidget *m_tags;
    QLineEdit *m_tagField;
    QPushButton *m_addTag;
    QPushButton *m_removeTag;
    QPushButton *m_accept;
    QPushButton *m_reject;
};

} // namespace otadesk::ui
