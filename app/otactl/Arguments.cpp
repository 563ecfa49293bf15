#include "app/otactl/Arguments.h"

#include "core/firmware/FormatRegistry.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }
} // namespace

Result<quint64> parseAddress(const QString &text, const QString &option)
{
    QString t = text.trimmed().toLower();
    t.remove(QLatin1Char('_'));
    bool ok = false;
    const quint64 v = t.startsWith(QLatin1String("0x")) ? t.mid(2).toULongLong(&ok, 16) : t.toULongLong(&ok, 10);
    if (!ok)
        return fail(ErrorCode::InvalidArgument,
                    tr("--%1: \"%2\" is not an address (use decimal or 0x-prefixed hex).").arg(option, text));
    return v;
}

Result<firmware::AddressRange> parseRange(const QString &text)
{
    const qsizetype plus = text.indexOf(QLatin1Char('+'));
    const qsizetype dash = text.indexOf(QLatin1Char('-'));
    const qsizetype sep = plus >= 0 ? plus : dash;
    if (sep <= 0)
        return fail(ErrorCode::InvalidArgument,
                    tr("--range: \"%1\" is not a range; write START-END (END exclusive) or START+SIZE.").arg(text));
    auto start = parseAddress(text.left(sep), QStringLiteral("range"));
    if (!start)
        return std::unexpected(start.error());
    auto second = parseAddress(text.mid(sep + 1), QStringLiteral("range"));
    if (!second)
        return std::unexpected(second.error());
    const quint64 end = plus >= 0 ? *start + *second : *second;
    if (end <= *start)
        return fail(ErrorCode::InvalidArgument, tr("--range: \"%1\" is empty or reversed.").arg(text));
    return firmware::AddressRange{*start, end};
}

Result<quint8> parseByte(const QString &text, const QString &option)
{
    QString t = text.trimmed().toLower();
    if (t.startsWith(QLatin1String("0x")))
        t = t.mid(2);
    bool ok = false;
    const uint v = t.toUInt(&ok, 16);
    if (!ok || v > 0xFF)
        return fail(ErrorCode::InvalidArgument, tr("--%1: \"%2\" is not a byte in hex (00..FF).").arg(option, text));
    return quint8(v);
}

Result<int> parseInt(const QString &text, const QString &option, int min, int max)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max)
        return fail(ErrorCode::InvalidArgument,
                    tr("--%1: \"%2\" is not a number from %3 to %4.").arg(option, text).arg(min).arg(max));
    return v;
}

Result<QString> formatIdFor(const QString &nameOrAlias)
{
    const QString n = nameOrAlias.trimmed().toLower();
    if (n.isEmpty())
        return QString();
    const auto &reg = firmware::FormatRegistry::instance();
    if (reg.byId(n))
        return reg.byId(n)->id();
    static const QList<std::pair<QString, QString>> aliases = {
        {QStringLiteral("hex"), QStringLiteral("ihex")},     {QStringLiteral("intelhex"), QStringLiteral("ihex")},
        {QStringLiteral("s19"), QStringLiteral("srec")},     {QStringLiteral("s28"), QStringLiteral("srec")},
        {QStringLiteral("s37"), QStringLiteral("srec")},     {QStringLiteral("mot"), QStringLiteral("srec")},
        {QStringLiteral("binary"), QStringLiteral("bin")},   {QStringLiteral("raw"), QStringLiteral("bin")},
    };
    for (const auto &[alias, id] : aliases) {
        if (alias == n && reg.byId(id))
            return id;
    }
    if (const auto *f = reg.byExtension(QStringLiteral("x.") + n))
        return f->id();
    return fail(ErrorCode::InvalidArgument, tr("Unknown format \"%1\". Known formats: %2 (aliases: hex, s19, mot).")
                                                .arg(nameOrAlias, reg.ids().join(QStringLiteral(", "))));
}

Result<QString> formatIdFromFileName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix(); // last suffix only: "app.v1.2.hex" -> "hex"
    if (suffix.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    tr("Cannot tell the output format from \"%1\" (no extension); give --format or --to.")
                        .arg(fileName));
    auto id = formatIdFor(suffix);
    if (!id)
        return fail(ErrorCode::InvalidArgument,
                    tr("Cannot tell the output format from the extension \".%1\"; give --format or --to.").arg(suffix));
    return id;
}

Result<firmware::ReadOptions> readOptionsFrom(const QCommandLineParser &parser)
{
    firmware::ReadOptions options;
    if (parser.isSet(QStringLiteral("base-address"))) {
        auto a = parseAddress(parser.value(QStringLiteral("base-address")), QStringLiteral("base-address"));
        if (!a)
            return std::unexpected(a.error());
        options.baseAddress = *a;
    }
    options.overlaps =
        parser.isSet(QStringLiteral("strict")) ? firmware::OverlapPolicy::Reject : firmware::OverlapPolicy::LastWins;
    return options;
}

} // namespace otadesk::cli
