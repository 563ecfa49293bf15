// libFuzzer target: the device filter language (text typed by users and sent to the server API). Whatever the
// input: no crash, no hang; a filter that parses prints a canonical text that parses to the same text; its
// SQL has exactly one bound value per '?' on both dialects; evaluation and group expansion (with cycles)
// finish.
#include "core/fleet/filter/Filter.h"

#include <cstdlib>

using namespace otadesk::fleet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto filter = Filter::parse(text);
    if (!filter) {
        const auto &where = filter.error().where();
        if (where.offset < 0 || where.offset > text.size() || filter.error().message().isEmpty())
            std::abort();
        return 0;
    }
    const QString canonical = filter->text();
    const auto again = Filter::parse(canonical);
    if (!again || again->text() != canonical)
        std::abort();
    FilterContext ctx;
    ctx.nowMs = 1'700'000'000'000;
    ctx.staticGroup = [](const QString &g) -> std::optional<QList<qint64>> {
        return g == QLatin1String("a") ? std::optional<QList<qint64>>(QList<qint64>{1}) : std::nullopt;
    };
    for (SqlDialect d : {SqlDialect::Sqlite, SqlDialect::Postgres}) {
        const SqlCondition c = filter->toSql(d, ctx);
        // Values never reach the SQL text, so the only '?' are placeholders (the SQL has no quoted user
        // text).
        if (c.sql.count(u'?') != c.values.size())
            std::abort();
    }
    Device device;
    device.id = 1;
    device.serial = QStringLiteral("SN-10000");
    device.model = QStringLiteral("GW-200");
    device.components = {{QStringLiteral("main"), QStringLiteral("2.3.0"), QByteArray("\xab\x12", 2), 0}};
    device.tags = {QStringLiteral("beta")};
    device.attributes = {{QStringLiteral("region"), QStringLiteral("eu-west")}};
    const bool match = filter->matches(device, ctx);
    const auto expanded = filter->expandGroups([](const QString &g) -> std::optional<QString> {
        if (g == QLatin1String("b"))
            return QStringLiteral("model==GW*;group==c");
        if (g == QLatin1String("c"))
            return QStringLiteral("tag==beta");
        if (g == QLatin1String("loop"))
            return QStringLiteral("group==loop");
        return std::nullopt;
    });
    if (expanded && !Filter::parse(expanded->text()))
        std::abort();
    // Field names are case-insensitive: "gRoup==b" is a group reference too (its expansion may match).
    if (expanded && !text.contains(QLatin1String("group"), Qt::CaseInsensitive) && expanded->matches(device, ctx) != match)
        std::abort();
    return 0;
}
