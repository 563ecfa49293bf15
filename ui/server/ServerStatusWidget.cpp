#include "ui/server/ServerStatusWidget.h"

#include "ui/server/ServerConnection.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>

namespace otadesk::ui {

ServerStatusWidget::ServerStatusWidget(ServerConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_label(new QLabel), m_insecure(new QLabel)
{
    setObjectName(QStringLiteral("serverStatus"));
    m_label->setObjectName(QStringLiteral("serverStatusLabel"));
    m_insecure->setObjectName(QStringLiteral("serverStatusInsecure"));
    m_insecure->setText(tr("TLS not verified"));
    m_insecure->setStyleSheet(QStringLiteral("QLabel { color: white; background: #c01c28; padding: 0 4px; "
                                             "border-radius: 3px; }"));
    m_insecure->setToolTip(tr("The server's TLS certificate is not checked for this connection (insecure "
                              "opt-out in its profile). Anybody on the network path could read or change the "
                              "traffic."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_insecure);
    layout->addWidget(m_label);
    setCursor(Qt::PointingHandCursor);
    connect(m_connection, &ServerConnection::stateChanged, this, &ServerStatusWidget::update);
    update();
}

QString ServerStatusWidget::text() const { return m_label->text(); }

bool ServerStatusWidget::isShowingInsecureMark() const { return !m_insecure->isHidden(); }

void ServerStatusWidget::update()
{
    switch (m_connection->state()) {
    case ServerConnection::State::Connected:
        m_label->setText(m_connection->summary());
        m_label->setToolTip(tr("Connected to %1 as %2 (%3), server version %4")
                                .arg(m_connection->endpoint().displayName(), m_connection->identity().account.name,
                                     m_connection->identity().account.role, m_connection->serverVersion()));
        break;
    case ServerConnection::State::Connecting:
        m_label->setText(tr("Connecting to %1…").arg(m_connection->name()));
        m_label->setToolTip({});
        break;
    case ServerConnection::State::Disconnected:
        m_label->setText(tr("Not connected"));
        m_label->setToolTip(tr("Connect to a server on the Server page"));
        break;
    }
    m_insecure->setVisible(m_connection->state() != ServerConnection::State::Disconnected
                           && m_connection->isInsecure());
}

void ServerStatusWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

} // namespace otadesk::ui
