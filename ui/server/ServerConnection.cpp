#include "ui/server/ServerConnection.h"

#include "core/common/Logging.h"

namespace otadesk::ui {

ServerConnection::ServerConnection(QObject *parent) : QObject(parent), m_client(new client::ApiClient({}, this)) {}

ServerConnection::~ServerConnection()
{
    ++m_attempt; // answers of calls still running are ignored
    blockSignals(true);
    m_client->abortAll();
}

QString ServerConnection::summary() const
{
    if (!isConnected())
        return tr("Not connected");
    return tr("%1 · %2 · %3").arg(m_name, m_identity.tenant.name, m_identity.account.role);
}

void ServerConnection::setState(State state)
{
    if (m_state == state)
        return;
    const State was = m_state;
    m_state = state;
    Q_EMIT stateChanged(state);
    if (state == State::Connected)
        Q_EMIT connected();
    else if (was == State::Connected)
        Q_EMIT disconnected();
}

void ServerConnection::connectTo(const QString &name, const client::ServerEndpoint &endpoint, bool local)
{
    m_client->abortAll();
    const int attempt = ++m_attempt;
    m_name = name;
    m_local = local;
    m_identity = {};
    m_version.clear();
    m_lastError.clear();
    if (m_state == State::Connected)
        setState(State::Disconnected);
    if (Status valid = endpoint.validate(); !valid)
        return failConnect(valid.error().message());
    m_client->setEndpoint(endpoint);
    if (!m_client->configurationError().isEmpty())
        return failConnect(m_client->configurationError());
    setState(State::Connecting);
    qCInfo(lcUi) << "connecting to" << endpoint.displayName();
    m_client->version()->then(this, [this, attempt](const client::ApiCall &call) {
        if (attempt != m_attempt)
            return;
        if (call.failed())
            return failConnect(call.error().toString());
        m_version = call.object().value(QLatin1String("version")).toString();
        m_client->whoami()->then(this, [this, attempt](const client::ApiCall &who) {
            if (attempt != m_attempt)
                return;
            if (who.failed())
                return failConnect(who.error().toString());
            m_identity = client::WhoAmI::fromJson(who.object());
            if (m_identity.tenant.name.isEmpty() && m_identity.account.role.isEmpty())
                return failConnect(tr("The server at %1 answered /whoami without a tenant or role.")
                                       .arg(m_client->endpoint().displayName()));
            qCInfo(lcUi) << "connected to" << m_client->endpoint().displayName() << "as"
                         << m_identity.account.name << m_identity.account.role;
            setState(State::Connected);
        });
    });
}

void ServerConnection::failConnect(const QString &message)
{
    m_lastError = message;
    qCWarning(lcUi) << "connection failed:" << message;
    setState(State::Disconnected);
    Q_EMIT error(message);
}

void ServerConnection::disconnectFromServer()
{
    ++m_attempt;
    m_client->abortAll();
    m_identity = {};
    m_lastError.clear();
    setState(State::Disconnected);
}

} // namespace otadesk::ui
