#include "core/protocol/CheckinReport.h"

#include "core/common/IsoTime.h"

#include "core/crypto/Digest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace otadesk::protocol {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::protocol", text);
}

bool plainText(const QString &s, int maxLength)
{
    if (s.size() > maxLength)
        return false;
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

bool isHex(const QString &s)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f')))
            return false;
    }
    return true;
}

std::unexpected<Error> invalid(const QString &message)
{
    return fail(ErrorCode::InvalidArgument, message);
}

Result<QString> optionalText(const QJsonObject &o, const QString &key, int maxLength)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString() || !plainText(v.toString(), maxLength))
        return invalid(tr("\"%1\" must be a string of at most %2 characters without control characters.")
                           .arg(key).arg(maxLength));
    return v.toString();
}

Result<fleet::InstalledComponent> component(const QJsonValue &v, int index)
{
    if (!v.isObject())
        return invalid(tr("components[%1] must be an object with name and version.").arg(index));
    const QJsonObject o = v.toObject();
    fleet::InstalledComponent c;
    c.name = o.value(QStringLiteral("name")).toString();
    c.version = o.value(QStringLiteral("version")).toString();
    if (c.name.isEmpty() || !plainText(c.name, 64))
        return invalid(tr("components[%1].name must be a non-empty string of at most 64 characters.").arg(index));
    if (c.version.isEmpty() || !plainText(c.version, 64))
        return invalid(tr("components[%1].version must be a non-empty string of at most 64 characters.").arg(index));
    const QJsonValue digest = o.value(QStringLiteral("digest"));
    if (!digest.isUndefined() && !digest.isNull()) {
        const QString hex = digest.toString().toLower();
        if (!digest.isString() || hex.size() != 64 || !isHex(hex))
            return invalid(tr("components[%1].digest must be a SHA-256 in hex (64 digits).").arg(index));
        c.digest = QByteArray::fromHex(hex.toLatin1());
    }
    const QJsonValue slot = o.value(QStringLiteral("slot"));
    if (!slot.isUndefined() && !slot.isNull()) {
        const double s = slot.toDouble(-2);
        if (!slot.isDouble() || s != double(int(s)) || s < -1 || s > 15)
            return invalid(tr("components[%1].slot must be an integer from 0 to 15.").arg(index));
        c.slot = int(s);
    }
    return c;
}
} // namespace

Result<CheckinReport> CheckinReport::parse(QByteArrayView body)
{
    if (body.size() > kMaxBodyBytes)
        return invalid(tr("The check-in report is larger than %1 bytes.").arg(kMaxBodyBytes));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(tr("The check-in report must be a JSON object (%1 at byte %2).")
                           .arg(err.error != QJsonParseError::NoError ? err.errorString() : tr("not an object"))
                           .arg(err.offset));
    const QJsonObject o = doc.object();
    CheckinReport r;
    auto serial = optionalText(o, QStringLiteral("serial"), 128);
    if (!serial)
        return std::unexpected(serial.error());
    r.serial = *serial;
    const QJsonValue comps = o.value(QStringLiteral("components"));
    if (!comps.isUndefined() && !comps.isArray())
        return invalid(tr("\"components\" must be an array."));
    const QJsonArray list = comps.toArray();
    if (list.size() > kMaxComponents)
        return invalid(tr("At most %1 components can be reported.").arg(kMaxComponents));
    for (int i = 0; i < list.size(); ++i) {
        auto c = component(list[i], i);
        if (!c)
            return std::unexpected(c.error());
        for (const fleet::InstalledComponent &other : std::as_const(r.components)) {
            if (other.name == c->name)
                return invalid(tr("The component \"%1\" is reported twice.").arg(c->name));
        }
        r.components.append(*c);
    }
    const QJsonValue attrs = o.value(QStringLiteral("attributes"));
    if (!attrs.isUndefined() && !attrs.isObject())
        return invalid(tr("\"attributes\" must be an object of strings."));
    const QJsonObject a = attrs.toObject();
    if (a.size() > kMaxAttributes)
        return invalid(tr("At most %1 attributes can be reported.").arg(kMaxAttributes));
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (it.key().isEmpty() || !plainText(it.key(), 64) || !it.value().isString() ||
            !plainText(it.value().toString(), 256))
            return invalid(tr("The attribute \"%1\" must have a name of at most 64 characters and a string value of "
                              "at most 256.").arg(it.key().left(64)));
        r.attributes.insert(it.key(), it.value().toString());
    }
    auto state = optionalText(o, QStringLiteral("update_state"), 32);
    if (!state)
        return std::unexpected(state.error());
    r.updateState = state->isEmpty() ? QStringLiteral("idle") : *state;
    auto wake = optionalText(o, QStringLiteral("wake_schedule"), 128);
    if (!wake)
        return std::unexpected(wake.error());
    r.wakeSchedule = *wake;
    return r;
}

QByteArray CheckinReport::toJson() const
{
    QJsonObject o;
    if (!serial.isEmpty())
        o.insert(QStringLiteral("serial"), serial);
    QJsonArray comps;
    for (const fleet::InstalledComponent &c : components) {
        QJsonObject j{{QStringLiteral("name"), c.name}, {QStringLiteral("version"), c.version}};
        if (!c.digest.isEmpty())
            j.insert(QStringLiteral("digest"), QString::fromLatin1(c.digest.toHex()));
        if (c.slot >= 0)
            j.insert(QStringLiteral("slot"), c.slot);
        comps.append(j);
    }
    o.insert(QStringLiteral("components"), comps);
    QJsonObject attrs;
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        attrs.insert(it.key(), it.value());
    o.insert(QStringLiteral("attributes"), attrs);
    if (!updateState.isEmpty())
        o.insert(QStringLiteral("update_state"), updateState);
    if (!wakeSchedule.isEmpty())
        o.insert(QStringLiteral("wake_schedule"), wakeSchedule);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString CheckinReport::fingerprint() const
{
    // Components sorted by name; attributes are in a QMap (sorted). Fields separated by bytes that cannot
    // occur in validated text.
    QList<const fleet::InstalledComponent *> sorted;
    for (const fleet::InstalledComponent &c : components)
        sorted.append(&c);
    std::sort(sorted.begin(), sorted.end(), [](auto *a, auto *b) { return a->name < b->name; });
    QByteArray canon;
    canon.reserve(256);
    for (const fleet::InstalledComponent *c : sorted)
        canon += c->name.toUtf8() + '\x1f' + c->version.toUtf8() + '\x1f' + c->digest.toHex() + '\x1f' +
                 QByteArray::number(c->slot) + '\x1e';
    canon += '\x1d';
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        canon += it.key().toUtf8() + '\x1f' + it.value().toUtf8() + '\x1e';
    canon += '\x1d' + updateState.toUtf8() + '\x1d' + wakeSchedule.toUtf8();
    return QString::fromLatin1(crypto::Digest::hash(canon).toHex());
}

QByteArray CheckinAnswer::toJson(qint64 serverTimeMs) const
{
    const QByteArray time = isoUtcMs(serverTimeMs);
    const bool plainStatus = std::all_of(status.cbegin(), status.cend(), [](QChar c) { return c.unicode() < 128 && c.isLetter(); });
    if (update.isEmpty() && plainStatus) {
        // The answer of almost every check-in, written directly (the same bytes QJsonDocument makes: keys sorted).
        QByteArray out;
        out.reserve(100);
        out += "{\"poll_seconds\":";
        out += QByteArray::number(pollSeconds);
        out += ",\"server_time\":\"";
        out += time;
        out += "\",\"status\":\"";
        out += status.toLatin1();
        out += "\",\"update\":null}";
        return out;
    }
    QJsonObject o{{QStringLiteral("status"), status},
                  {QStringLiteral("poll_seconds"), pollSeconds},
                  {QStringLiteral("server_time"), QString::fromLatin1(time)}};
    o.insert(QStringLiteral("update"), update.isEmpty() ? QJsonValue() : QJsonValue(update));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<CheckinAnswer> CheckinAnswer::parse(QByteArrayView body)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(tr("The server's check-in answer is not a JSON object."));
    const QJsonObject o = doc.object();
    CheckinAnswer a;
    a.status = o.value(QStringLiteral("status")).toString();
    a.pollSeconds = o.value(QStringLiteral("poll_seconds")).toInt();
    a.update = o.value(QStringLiteral("update")).toObject();
    if (a.pollSeconds <= 0)
        return invalid(tr("The server's check-in answer has no poll interval."));
    return a;
}

} // namespace otadesk::protocol
