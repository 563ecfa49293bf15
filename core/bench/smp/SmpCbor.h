#pragma once
// Small helpers for SMP's CBOR maps with text keys (internal to core/bench/smp).
#include "core/bench/smp/SmpPacket.h"

#include <QCoreApplication>
#include <optional>

namespace otadesk::bench::smpcbor {

inline QString tr(const char *text) { return QCoreApplication::translate("otadesk::bench::SmpCommands", text); }
inline CborValue key(const char *k) { return CborValue::fromText(QString::fromLatin1(k)); }
inline CborMapEntry entry(const char *k, CborValue value) { return {key(k), std::move(value)}; }
inline const CborValue *field(const CborValue &map, const char *k)
{
    return map.isMap() ? map.find(QString::fromLatin1(k)) : nullptr;
}

inline std::unexpected<Error> missing(const char *k, const char *what)
{
    return fail(ErrorCode::Format, tr("The SMP %1 has no valid \"%2\" field.")
                                       .arg(QString::fromLatin1(what), QString::fromLatin1(k)));
}

// A non-negative integer field; nullopt if absent; error if present with another type.
inline Result<std::optional<qint64>> optUnsigned(const CborValue &map, const char *k, const char *what)
{
    const CborValue *v = field(map, k);
    if (!v)
        return std::optional<qint64>();
    if (v->type() != CborValue::Type::Unsigned || v->rawInteger() > quint64(std::numeric_limits<qint64>::max()))
        return missing(k, what);
    return std::optional<qint64>(qint64(v->rawInteger()));
}

inline Result<qint64> reqUnsigned(const CborValue &map, const char *k, const char *what)
{
    auto v = optUnsigned(map, k, what);
    if (!v)
        return std::unexpected(v.error());
    if (!*v)
        return missing(k, what);
    return **v;
}

inline Result<std::optional<bool>> optBool(const CborValue &map, const char *k, const char *what)
{
    const CborValue *v = field(map, k);
    if (!v)
        return std::optional<bool>();
    if (!v->isBool())
        return missing(k, what);
    return std::optional<bool>(v->toBool());
}

inline Result<QString> reqText(const CborValue &map, const char *k, const char *what)
{
    const CborValue *v = field(map, k);
    if (!v || !v->isText())
        return missing(k, what);
    return v->text();
}

inline int toIntClamped(qint64 v) { return int(qMin<qint64>(v, std::numeric_limits<int>::max())); }

} // namespace otadesk::bench::smpcbor
