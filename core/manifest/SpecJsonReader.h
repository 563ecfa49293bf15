#pragma once
// Internal to ManifestSpecJson.cpp: typed reads of one JSON object that name the bad field precisely
// ("manifest spec field components[1].digest: expected hexadecimal digits ...").
#include "core/manifest/ManifestSpec.h"

#include <QJsonArray>
#include <QJsonObject>

namespace otadesk::manifest::specjson {

inline constexpr double MaxExactDouble = 9007199254740992.0; // 2^53

// Reads typed fields from one JSON object and names the first bad field precisely.
class Reader
{
public:
    Reader(const QJsonObject &o, QString path) : m_o(o), m_path(std::move(path)) {}

    QString field(const QString &key) const
    {
        return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
    }

    std::unexpected<Error> bad(const QString &key, const QString &message) const
    {
        return fail(ErrorCode::Format,
                    ManifestSpec::tr("manifest spec field %1: %2").arg(field(key), message));
    }

    Status allowOnly(const QStringList &keys) const
    {
        for (auto it = m_o.begin(); it != m_o.end(); ++it) {
            if (!keys.contains(it.key()))
                return bad(
                    it.key(),
                    ManifestSpec::tr("unknown field (known: %1)").arg(keys.join(QStringLiteral(", "))));
        }
        return {};
    }

    Result<QString> text(const QString &key) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return QString();
        if (!v.isString())
            return bad(key, ManifestSpec::tr("expected a string"));
        return v.toString();
    }

    Result<bool> boolean(const QString &key, bool fallback) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            return bad(key, ManifestSpec::tr("expected true or false"));
        return v.toBool();
    }

    Result<std::optional<quint64>> optionalUint(const QString &key) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::optional<quint64>();
        if (v.isString()) {
            bool ok = false;
            const quint64 n = v.toString().toULongLong(&ok);
            if (!ok)
                return bad(
                    key, ManifestSpec::tr("expected a non-negative integer, found \"%1\"").arg(v.toString()));
            return std::optional<quint64>(n);
        }
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > MaxExactDouble || d != double(quint64(d)))
            return bad(key, ManifestSpec::tr("expected a non-negative integer"));
        return std::optional<quint64>(quint64(d));
    }

    Result<quint64> uint(const QString &key) const
    {
        auto v = optionalUint(key);
        if (!v)
            return std::unexpected(v.error());
        return v->value_or(0);
    }

    Result<QByteArray> hex(const QString &key) const
    {
        auto t = text(key);
        if (!t)
            return std::unexpected(t.error());
        return hexText(key, *t);
    }

    Result<QByteArray> hexText(const QString &key, const QString &t) const
    {
        static const QString digits = QStringLiteral("0123456789abcdefABCDEF");
        for (QChar c : t) {
            if (!digits.contains(c))
                return bad(key, ManifestSpec::tr("expected hexadecimal digits, found '%1'").arg(c));
        }
        if (t.size() % 2)
            return bad(key, ManifestSpec::tr("odd number of hexadecimal digits"));
        return QByteArray::fromHex(t.toLatin1());
    }

    Result<QJsonArray> array(const QString &key) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return QJsonArray();
        if (!v.isArray())
            return bad(key, ManifestSpec::tr("expected an array"));
        return v.toArray();
    }

    Result<QList<QByteArray>> hexArray(const QString &key) const
    {
        auto a = array(key);
        if (!a)
            return std::unexpected(a.error());
        QList<QByteArray> out;
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString k = QStringLiteral("%1[%2]").arg(key).arg(i);
            if (!a->at(i).isString())
                return bad(k, ManifestSpec::tr("expected a hexadecimal string"));
            auto bytes = hexText(k, a->at(i).toString());
            if (!bytes)
                return std::unexpected(bytes.error());
            out.append(*bytes);
        }
        return out;
    }

    Result<QStringList> stringArray(const QString &key) const
    {
        auto a = array(key);
        if (!a)
            return std::unexpected(a.error());
        QStringList out;
        for (qsizetype i = 0; i < a->size(); ++i) {
            if (!a->at(i).isString())
                return bad(QStringLiteral("%1[%2]").arg(key).arg(i), ManifestSpec::tr("expected a string"));
            out.append(a->at(i).toString());
        }
        return out;
    }

private:
    QJsonObject m_o;
    QString m_path;
};

} // namespace otadesk::manifest::specjson
