// Shared helpers of the otactl bench commands: device options, opening a transport, blocking calls with
// Ctrl+C, exit codes and the slot table output.
#include "app/otactl/BenchCommands.h"
#include "app/otactl/Arguments.h"
#include "app/otactl/Output.h"
#include "core/bench/link/SerialTransport.h"
#include "core/bench/link/UdpTransport.h"

#include <QEventLoop>
#include <QTimer>

namespace otadesk::cli::bench {

QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

void addDeviceOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("serial"), tr("Device on serial port PORT (/dev/ttyACM0, COM3; "
                                                   "'otactl bench list' shows them)."), tr("PORT")});
    parser.addOption({QStringLiteral("baud"), tr("Baud rate of the serial port (default 115200)."), tr("N")});
    parser.addOption({QStringLiteral("udp"), tr("Device on the network: HOST or HOST:PORT (default port 1337)."),
                      tr("HOST[:PORT]")});
    parser.addOption({QStringLiteral("timeout"), tr("Milliseconds to wait for each answer (default 3000)."),
                      tr("MS")});
}

Result<Connection> openDevice(const QCommandLineParser &parser)
{
    const bool serial = parser.isSet(QStringLiteral("serial"));
    const bool udp = parser.isSet(QStringLiteral("udp"));
    if (serial == udp)
        return fail(ErrorCode::InvalidArgument,
                    tr("Say how to reach the device: --serial PORT [--baud N] or --udp HOST[:PORT]."));
    Connection c;
    if (serial) {
        qint32 baud = 115200;
        if (parser.isSet(QStringLiteral("baud"))) {
            auto b = parseInt(parser.value(QStringLiteral("baud")), QStringLiteral("--baud"), 50, 20000000);
            if (!b)
                return std::unexpected(b.error());
            baud = *b;
        }
        c.transport = std::make_unique<SerialTransport>(parser.value(QStringLiteral("serial")), baud);
    } else {
        auto hp = UdpTransport::parseHostPort(parser.value(QStringLiteral("udp")));
        if (!hp)
            return std::unexpected(hp.error());
        c.transport = std::make_unique<UdpTransport>(hp->first, hp->second);
    }
    if (auto opened = c.transport->open(); !opened)
        return std::unexpected(opened.error());
    c.client = std::make_unique<SmpClient>(c.transport.get());
    if (parser.isSet(QStringLiteral("timeout"))) {
        auto t = parseInt(parser.value(QStringLiteral("timeout")), QStringLiteral("--timeout"), 10, 600000);
        if (!t)
            return std::unexpected(t.error());
        c.client->setDefaultTimeout(*t);
    }
    return c;
}

void waitUntil(const std::function<bool()> &done, const std::function<void()> &cancel)
{
    QEventLoop loop;
    QTimer poll;
    bool cancelled = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            return loop.quit();
        if (!cancelled && Context::interrupted().load()) {
            cancelled = true;
            cancel();
        }
    });
    poll.start(20);
    if (!done())
        loop.exec();
}

Result<SmpResponse> call(SmpClient &client, const SmpRequest &request)
{
    std::optional<Result<SmpResponse>> out;
    client.send(request, [&out](Result<SmpResponse> r) { out = std::move(r); });
    waitUntil([&out] { return out.has_value(); }, [&client] { client.cancelAll(); });
    return std::move(*out);
}

int exitCodeForFailure(BenchFailure failure)
{
    switch (failure) {
    case BenchFailure::None: return ExitOk;
    case BenchFailure::Unreachable: return ExitUnreachable;
    case BenchFailure::DeviceRefused: return ExitRefused;
    case BenchFailure::BadImage: return ExitInput;
    case BenchFailure::Verification:
    case BenchFailure::Reverted: return ExitVerificationFailed;
    case BenchFailure::Cancelled: return ExitCancelled;
    }
    return ExitInternal;
}

int failWith(Context &ctx, BenchFailure failure, const Error &error)
{
    ctx.fail(error);
    return exitCodeForFailure(failure);
}

int failRequest(Context &ctx, const Error &error)
{
    switch (error.code()) {
    case ErrorCode::Io: return failWith(ctx, BenchFailure::Unreachable, error);
    case ErrorCode::Cancelled: return failWith(ctx, BenchFailure::Cancelled, error);
    case ErrorCode::InvalidArgument: return ctx.usage(error.message());
    default: return failWith(ctx, BenchFailure::DeviceRefused, error);
    }
}

QJsonObject slotToJson(const ImageSlotState &s)
{
    return QJsonObject{{QStringLiteral("image"), s.image},
                       {QStringLiteral("slot"), s.slot},
                       {QStringLiteral("version"), s.version},
                       {QStringLiteral("hash"), QString::fromLatin1(s.hash.toHex())},
                       {QStringLiteral("bootable"), s.bootable},
                       {QStringLiteral("pending"), s.pending},
                       {QStringLiteral("confirmed"), s.confirmed},
                       {QStringLiteral("active"), s.active},
                       {QStringLiteral("permanent"), s.permanent}};
}

QJsonArray slotsToJson(const QList<ImageSlotState> &slots)
{
    QJsonArray a;
    for (const auto &s : slots)
        a.append(slotToJson(s));
    return a;
}

void printSlots(QTextStream &out, const QList<ImageSlotState> &slots)
{
    QList<QStringList> rows;
    for (const auto &s : slots) {
        QStringList flags;
        if (s.active)
            flags << tr("active");
        if (s.confirmed)
            flags << tr("confirmed");
        if (s.pending)
            flags << tr("pending");
        if (s.permanent)
            flags << tr("permanent");
        if (s.bootable)
            flags << tr("bootable");
        rows.append({QString::number(s.image), QString::number(s.slot), s.version,
                     QString::fromLatin1(s.hash.toHex()), flags.join(QLatin1Char(' '))});
    }
    printTable(out, {tr("IMAGE"), tr("SLOT"), tr("VERSION"), tr("HASH"), tr("FLAGS")}, rows);
}

Result<QByteArray> parseHash(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QByteArray();
    const QByteArray raw = QByteArray::fromHex(t.toLatin1());
    if (raw.size() != 32 || raw.toHex() != t.toLower().toLatin1())
        return fail(ErrorCode::InvalidArgument,
                    tr("'%1' is not an image hash: give the 64 hex digits shown by 'otactl bench info'.").arg(text));
    return raw;
}

} // namespace otadesk::cli::bench
