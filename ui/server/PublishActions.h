#pragma once
// "Publish to Server" for the Firmware page (the selected library entry as a payload) and the Manifests page
// (the signed SUIT envelope: the one just signed, or the .suit file on the Envelope tab). Enabled only while
// connected with the needed permission (payloads.write / manifests.write); runs a PublishDialog.
#include "core/common/ActivityLog.h"

#include <QObject>

class QAction;
class QWidget;

namespace otadesk::ui {

class FirmwarePage;
class ManifestPage;
class ServerConnection;

class PublishActions : public QObject
{
    Q_OBJECT
public:
    PublishActions(ServerConnection *connection, FirmwarePage *firmware, ManifestPage *manifests, ActivityLog *log,
                   QWidget *dialogParent);

    QAction *firmwareAction() const { return m_firmwareAction; }
    QAction *manifestAction() const { return m_manifestAction; }

    // The envelope the Manifests page would publish and where it comes from (empty if there is none).
    QByteArray currentEnvelope(QString *source = nullptr) const;

public Q_SLOTS:
    void publishSelectedFirmware();
    void publishManifest();
    void updateActions();

private:
    ServerConnection *m_connection;
    FirmwarePage *m_firmware;
    ManifestPage *m_manifests;
    ActivityLog *m_log;
    QWidget *m_dialogParent;
    QAction *m_firmwareAction;
    QAction *m_manifestAction;
};

} // namespace otadesk::ui
