#include "ui/server/PublishActions.h"

#include "ui/firmware/FirmwarePage.h"
#include "ui/manifest/EnvelopeView.h"
#include "ui/manifest/ManifestDocument.h"
#include "ui/manifest/ManifestPage.h"
#include "ui/server/PublishDialog.h"
#include "ui/server/ServerConnection.h"
#include "ui/shell/DialogRunner.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QTabWidget>
#include <QTableView>

namespace otadesk::ui {

PublishActions::PublishActions(ServerConnection *connection, FirmwarePage *firmware, ManifestPage *manifests,
                               ActivityLog *log, QWidget *dialogParent)
    : QObject(dialogParent), m_connection(connection), m_firmware(firmware), m_manifests(manifests), m_log(log),
      m_dialogParent(dialogParent), m_firmwareAction(new QAction(tr("&Publish to Server…"), this)),
      m_manifestAction(new QAction(tr("&Publish to Server…"), this))
{
    m_firmwareAction->setObjectName(QStringLiteral("actionPublishFirmware"));
    m_manifestAction->setObjectName(QStringLiteral("actionPublishManifest"));
    for (QAction *a : {m_firmwareAction, m_manifestAction}) {
        a->setIcon(QIcon::fromTheme(QStringLiteral("document-send")));
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    connect(m_firmwareAction, &QAction::triggered, this, &PublishActions::publishSelectedFirmware);
    connect(m_manifestAction, &QAction::triggered, this, &PublishActions::publishManifest);
    connect(m_connection, &ServerConnection::stateChanged, this, &PublishActions::updateActions);
    connect(m_firmware->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PublishActions::updateActions);
    updateActions();
}

QByteArray PublishActions::currentEnvelope(QString *source) const
{
    // The Envelope tab on screen publishes what it shows; otherwise the manifest just signed in the editor.
    const QByteArray shown = m_manifests->envelopeView()->envelope();
    const QByteArray signedNow = m_manifests->document()->signedEnvelope();
    const bool envelopeTab = m_manifests->tabs()->currentWidget() == m_manifests->envelopeView();
    if ((envelopeTab || signedNow.isEmpty()) && !shown.isEmpty()) {
        if (source)
            *source = tr("shown on the Envelope tab");
        return shown;
    }
    if (source)
        *source = tr("of “%1”, just signed").arg(m_manifests->documentName());
    return signedNow;
}

void PublishActions::updateActions()
{
    const bool connected = m_connection->isConnected();
    auto tip = [connected, this](QAction *a, const QString &what, const QString &permission) {
        const bool allowed = connected && m_connection->can(permission);
        a->setEnabled(allowed);
        const QString why = !connected ? tr("Connect to a server on the Server page first.")
                            : !allowed ? tr("Your role (%1) on %2 lacks the permission %3.")
                                             .arg(m_connection->identity().account.role, m_connection->name(), permission)
                                       : tr("Sends it to %1.").arg(m_connection->name());
        a->setStatusTip(what + u' ' + why);
        a->setToolTip(what + u'\n' + why);
    };
    tip(m_firmwareAction, tr("Upload the selected firmware to the server as a payload."), QStringLiteral("payloads.write"));
    tip(m_manifestAction, tr("Send the signed SUIT envelope to the server, which checks it against the tenant's keys."),
        QStringLiteral("manifests.write"));
}

void PublishActions::publishSelectedFirmware()
{
    if (!m_connection->isConnected())
        return;
    const QList<library::FirmwareEntry> selected = m_firmware->selectedEntries();
    if (selected.size() != 1) {
        DialogRunner::warn(m_dialogParent, tr("Publish to Server"),
                           selected.isEmpty() ? tr("Select the firmware entry to publish.")
                                              : tr("Select one firmware entry; they are published one at a time."));
        return;
    }
    PublishDialog dialog(m_connection, m_log, m_dialogParent);
    dialog.publishEntry(m_firmware->workspacePath(), selected.first());
    DialogRunner::exec(&dialog);
}

void PublishActions::publishManifest()
{
    if (!m_connection->isConnected())
        return;
    QString source;
    const QByteArray envelope = currentEnvelope(&source);
    if (envelope.isEmpty()) {
        DialogRunner::warn(m_dialogParent, tr("Publish to Server"),
                           tr("There is no signed envelope to publish. Sign the manifest (Manifests › Sign…) or open a "
                              ".suit file first."));
        return;
    }
    PublishDialog dialog(m_connection, m_log, m_dialogParent);
    dialog.publishEnvelope(envelope, source);
    DialogRunner::exec(&dialog);
}

} // namespace otadesk::ui
