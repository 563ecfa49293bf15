#include "ui/bench/BenchSession.h"

#include "core/bench/smp/SmpCommands.h"

#include <QTime>
#include <QTimer>

namespace otadesk::ui {

using namespace otadesk::bench;

BenchSession::BenchSession(const BenchTarget &target, qint32 baudRate, QObject *parent)
    : QObject(parent), m_target(target), m_transport(target.makeTransport(baudRate))
{
    connect(m_transport.get(), &SmpTransport::consoleText, this, &BenchSession::consoleText);
}

BenchSession::~BenchSession()
{
    // Children (flasher, client, probe) go before the transport they point to.
    delete m_probe;
    delete m_flasher;
    delete m_client;
    if (m_transport)
        m_transport->close();
}

QString BenchSession::formatPacket(SmpClient::Direction direction, const QByteArray &packet,
                                   const QString &summary)
{
    constexpr int MaxHexBytes = 64;
    QString hex = QString::fromLatin1(packet.left(MaxHexBytes).toHex(' '));
    if (packet.size() > MaxHexBytes)
        hex += tr(" … (%n bytes)", nullptr, int(packet.size()));
    return QStringLiteral("%1 %2 %3\n    %4")
        .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")),
             direction == SmpClient::Direction::Sent ? QStringLiteral("→") : QStringLiteral("←"), summary, hex);
}

void BenchSession::attachClient(SmpClient *client)
{
    connect(client, &SmpClient::packetLogged, this,
            [this](SmpClient::Direction d, const QByteArray &p, const QString &s) {
                Q_EMIT smpLog(formatPacket(d, p, s));
            });
}

bool BenchSession::openLink()
{
    m_busy = true;
    if (auto opened = m_transport->open(); !opened) {
        const QString message = opened.error().message();
        QTimer::singleShot(0, this, [this, message] { done(false, message); });
        return false;
    }
    if (!m_client) {
        m_client = new SmpClient(m_transport.get());
        attachClient(m_client);
    }
    return true;
}

void BenchSession::probe()
{
    if (m_busy || !openLink())
        return;
    Q_EMIT phaseChanged(tr("Reading %1…").arg(m_transport->name()));
    m_probe = new DeviceProbe(m_client);
    connect(m_probe, &DeviceProbe::finished, this, [this](bool ok, const Error &error) {
        DeviceProbe *probe = std::exchange(m_probe, nullptr);
        probe->deleteLater();
        if (!ok)
            return done(false, error.message());
        Q_EMIT deviceInfoRead(probe->info());
        Q_EMIT slotsRead(probe->info().slots);
        done(true, tr("Read %n slot(s) from %1.", nullptr, int(probe->info().slots.size()))
                       .arg(m_target.displayName()));
    });
    m_probe->start();
}

void BenchSession::flash(const BenchImage &image, const FlashOptions &options)
{
    if (m_busy)
        return;
    m_busy = true;
    m_flasher = new BenchFlasher(m_transport.get());
    attachClient(m_flasher->client());
    m_flasher->setImage(image);
    m_flasher->setOptions(options);
    connect(m_flasher, &BenchFlasher::phaseChanged, this,
            [this](BenchPhase, const QString &text) { Q_EMIT phaseChanged(text); });
    connect(m_flasher, &BenchFlasher::progress, this, &BenchSession::progress);
    connect(m_flasher, &BenchFlasher::message, this, [this](const QString &text) { Q_EMIT smpLog(text); });
    connect(m_flasher, &BenchFlasher::deviceInfoRead, this, [this](const DeviceInfo &info) {
        Q_EMIT deviceInfoRead(info);
    });
    connect(m_flasher, &BenchFlasher::finished, this, [this](const BenchOutcome &outcome) {
        m_outcome = outcome;
        QString summary = outcome.summary;
        if (!outcome.ok) {
            const QString why = outcome.error.message();
            summary = tr("Failed (%1): %2").arg(failureName(outcome.failure), why.isEmpty() ? summary : why);
        }
        // The flasher may finish inside start(): report from the event loop.
        QTimer::singleShot(0, this, [this, ok = outcome.ok, summary] { done(ok, summary); });
    });
    m_flasher->start();
}

void BenchSession::runAction(Action action, const QByteArray &hash)
{
    if (m_busy || !openLink())
        return;
    SmpRequest request;
    QString what;
    switch (action) {
    case Action::Test:
        request = {SmpOp::Write, SmpGroup::Image, ImageCommand::State, SmpCommands::stateWrite(hash, false)};
        what = tr("marking the image in slot 1 for test");
        break;
    case Action::Confirm:
        request = {SmpOp::Write, SmpGroup::Image, ImageCommand::State, SmpCommands::stateWrite({}, true)};
        what = tr("confirming the running image");
        break;
    case Action::Reset:
        request = {SmpOp::Write, SmpGroup::Os, OsCommand::Reset, SmpCommands::reset(false)};
        what = tr("resetting");
        break;
    case Action::Erase:
        request = {SmpOp::Write, SmpGroup::Image, ImageCommand::Erase, SmpCommands::erase(1)};
        request.timeoutMs = 30000;
        what = tr("erasing slot 1");
        break;
    }
    Q_EMIT phaseChanged(what);
    m_client->send(request, [this, action, what](Result<SmpResponse> r) {
        if (!r)
            return done(false, tr("Failed while %1: %2").arg(what, r.error().message()));
        if (auto checked = r->check(); !checked)
            return done(false, checked.error().message());
        if (action == Action::Test || action == Action::Confirm) {
            if (auto slots = SmpCommands::parseState(r->body))
                Q_EMIT slotsRead(*slots);
        }
        done(true, tr("Done: %1.").arg(what));
    });
}

void BenchSession::cancel()
{
    if (!m_busy)
        return;
    if (m_flasher)
        return m_flasher->cancel();
    if (m_probe)
        m_probe->cancel();
    if (m_client)
        m_client->cancelAll(tr("Cancelled."));
}

void BenchSession::done(bool ok, const QString &summary)
{
    if (!m_busy)
        return;
    m_busy = false;
    Q_EMIT finished(ok, summary);
}

} // namespace otadesk::ui
