#include "core/bench/sim/SimSerialHost.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace otadesk::bench {

SimSerialHost::SimSerialHost(SimulatedDevice *device, QObject *parent)
    : QObject(parent), m_device(device), m_timer(new QTimer(this)), m_random(device->options().seed)
{
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(1);
    connect(m_timer, &QTimer::timeout, this, &SimSerialHost::pump);
    m_clock.start();
}

SimSerialHost::~SimSerialHost()
{
    if (!m_linkPath.isEmpty() && QFileInfo(m_linkPath).isSymLink())
        QFile::remove(m_linkPath);
    if (m_slave >= 0)
        ::close(m_slave);
    if (m_master >= 0)
        ::close(m_master);
}

Result<QString> SimSerialHost::open(const QString &linkPath)
{
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (m_master < 0 || ::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0)
        return fail(ErrorCode::Io, tr("Cannot create a pseudo-terminal: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    const char *name = ::ptsname(m_master);
    if (!name)
        return fail(ErrorCode::Io, tr("Cannot name the pseudo-terminal: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    m_slavePath = QString::fromLocal8Bit(name);
    // Keep the slave open (so the master never sees a hang-up between clients) and raw: no echo, no line
    // editing, no CR/LF translation, whatever the client does.
    m_slave = ::open(name, O_RDWR | O_NOCTTY);
    termios tio{};
    if (m_slave < 0 || ::tcgetattr(m_slave, &tio) != 0)
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(m_slavePath, QString::fromLocal8Bit(strerror(errno))));
    ::cfmakeraw(&tio);
    ::cfsetspeed(&tio, B115200);
    ::tcsetattr(m_slave, TCSANOW, &tio);
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    if (!linkPath.isEmpty()) {
        if (QFileInfo(linkPath).isSymLink())
            QFile::remove(linkPath);
        if (!QFile::link(m_slavePath, linkPath))
            return fail(ErrorCode::Io, tr("Cannot create the link %1 to %2; remove the file there or choose "
                                          "another path.").arg(linkPath, m_slavePath));
        m_linkPath = linkPath;
    }
    m_readNotifier = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &SimSerialHost::onReadable);
    QTimer::singleShot(0, this, &SimSerialHost::flushLog); // the boot banner
    return m_slavePath;
}

qint64 SimSerialHost::byteNs() const
{
    const int baud = m_device->options().baud;
    return baud > 0 ? qint64(10'000'000'000LL / baud) : 0;
}

void SimSerialHost::enqueue(Lane &lane, QByteArrayView bytes)
{
    if (lane.queue.isEmpty())
        lane.lineFreeNs = qMax(lane.lineFreeNs, m_clock.nsecsElapsed()); // an idle line starts now
    lane.queue.append(bytes.data(), bytes.size());
    if (!m_timer->isActive())
        m_timer->start();
}

void SimSerialHost::onReadable()
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_master, buffer, sizeof buffer);
        if (n <= 0)
            break;
        if (byteNs() == 0)
            deliver(QByteArrayView(buffer, n));
        else
            enqueue(m_rx, QByteArrayView(buffer, n));
    }
}

void SimSerialHost::pump()
{
    const qint64 per = byteNs();
    const qint64 now = m_clock.nsecsElapsed();
    // Receive: release what the line has carried by now.
    if (!m_rx.queue.isEmpty()) {
        const qint64 n = per > 0 ? qMin<qint64>(m_rx.queue.size(), (now - m_rx.lineFreeNs) / per) : m_rx.queue.size();
        if (n > 0) {
            const QByteArray bytes = m_rx.queue.left(n);
            m_rx.queue.remove(0, n);
            m_rx.lineFreeNs += n * per;
            deliver(bytes);
        }
    }
    // Send: write what the line can have carried by now.
    if (!m_tx.queue.isEmpty()) {
        const qint64 allowed =
            per > 0 ? qMin<qint64>(m_tx.queue.size(), (now - m_tx.lineFreeNs) / per) : m_tx.queue.size();
        if (allowed > 0) {
            const ssize_t written = ::write(m_master, m_tx.queue.constData(), size_t(allowed));
            if (written > 0) {
                m_tx.queue.remove(0, written);
                m_tx.lineFreeNs += written * per;
                m_txWritten += written;
            }
            if (written < allowed)
                m_tx.lineFreeNs = qMax(m_tx.lineFreeNs, now); // the client is not reading: the line stalls
        }
    }
    if (m_rx.queue.isEmpty() && m_tx.queue.isEmpty())
        m_timer->stop();
}

void SimSerialHost::deliver(QByteArrayView bytes)
{
    m_rxDelivered += bytes.size();
    if (m_rebooting)
        return; // nobody listens while the device reboots
    m_deframer.feed(bytes);
    (void)m_deframer.takeConsoleText(); // what a user types on the shell is not simulated
    const SimOptions &o = m_device->options();
    while (auto packet = m_deframer.takePacket()) {
        if (o.loss > 0 && m_random.generateDouble() < o.loss)
            continue;
        for (const QByteArray &response : m_device->handle(*packet)) {
            if (o.loss > 0 && m_random.generateDouble() < o.loss)
                continue;
            const QByteArray framed = SmpSerial::frame(response);
            if (o.latencyMs > 0)
                QTimer::singleShot(o.latencyMs, this, [this, framed] { queueTx(framed); });
            else
                queueTx(framed);
        }
        afterHandle();
        if (m_rebooting)
            break;
    }
}

void SimSerialHost::queueTx(const QByteArray &bytes)
{
    if (byteNs() == 0) {
        m_tx.lineFreeNs = m_clock.nsecsElapsed();
    }
    enqueue(m_tx, bytes);
    if (byteNs() == 0)
        pump();
}

void SimSerialHost::afterHandle()
{
    flushLog();
    if (!m_device->takeRebootRequest())
        return;
    m_rebooting = true;
    const int delay = qMax(0, m_device->options().latencyMs) + qMax(0, m_device->options().rebootMs);
    QTimer::singleShot(delay, this, [this] {
        m_deframer.reset();
        m_device->reboot();
        m_rebooting = false;
        flushLog();
    });
}

void SimSerialHost::flushLog()
{
    const QStringList lines = m_device->takeLog();
    if (lines.isEmpty())
        return;
    const qint64 ms = m_clock.elapsed();
    QByteArray text;
    for (const QString &line : lines) {
        Q_EMIT logLine(line);
        text += line.startsWith(QLatin1Char('*'))
                    ? line.toUtf8() + '\n'
                    : QStringLiteral("[%1:%2:%3,000] %4\n")
                          .arg(ms / 3600000 % 100, 2, 10, QLatin1Char('0'))
                          .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
                          .arg(QStringLiteral("%1.%2").arg(ms / 1000 % 60, 2, 10, QLatin1Char('0')).arg(ms % 1000, 3, 10, QLatin1Char('0')))
                          .arg(line)
                          .toUtf8();
    }
    queueTx(text);
}

} // namespace otadesk::bench
