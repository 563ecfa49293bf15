#include "core/agent/AgentState.h"

#include "core/agent/DeviceFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace otadesk::agent {

namespace {
QString path(const QString &base) { return base + QStringLiteral(".agent"); }
QString s(const char *key) { return QString::fromLatin1(key); }
} // namespace

QByteArray AgentState::toJson() const
{
    QJsonObject attrs;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        attrs.insert(it.key(), it.value());
    const QJsonObject o{{s("serial"), serial},
                        {s("token"), QString::fromLatin1(token)},
                        {s("anchor"), QString::fromLatin1(trustAnchor)},
                        {s("vendor"), vendorId.toString(QUuid::WithoutBraces)},
                        {s("class"), classId.toString(QUuid::WithoutBraces)},
                        {s("model"), model},
                        {s("hw"), hardwareRevision},
                        {s("attrs"), attrs},
                        {s("seq"), QString::number(lastSequence)},
                        {s("update"), updateId},
                        {s("useq"), QString::number(updateSequence)},
                        {s("phase"), int(phase)},
                        {s("intr"), interrupted},
                        {s("done"), lastFinishedUpdate},
                        {s("n"), QJsonArray{int(confirmed), int(failed), int(rolledBack), int(rejected), int(notApplicable), int(powerCuts)}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<AgentState> AgentState::fromJson(QByteArrayView json)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toByteArray()).object();
    AgentState st;
    st.serial = o.value(s("serial")).toString();
    if (st.serial.isEmpty())
        return fail(ErrorCode::Format, tr("The agent state has no serial number; it is damaged."));
    st.token = o.value(s("token")).toString().toLatin1();
    st.trustAnchor = o.value(s("anchor")).toString().toLatin1();
    st.vendorId = QUuid::fromString(o.value(s("vendor")).toString());
    st.classId = QUuid::fromString(o.value(s("class")).toString());
    st.model = o.value(s("model")).toString();
    st.hardwareRevision = o.value(s("hw")).toString();
    const QJsonObject attrs = o.value(s("attrs")).toObject();
    for (auto it = attrs.begin(); it != attrs.end(); ++it)
        st.attributes.insert(it.key(), it.value().toString());
    st.lastSequence = o.value(s("seq")).toString().toULongLong();
    st.updateId = qint64(o.value(s("update")).toDouble());
    st.updateSequence = o.value(s("useq")).toString().toULongLong();
    st.phase = Phase(qBound(0, o.value(s("phase")).toInt(), 3));
    st.interrupted = o.value(s("intr")).toBool();
    st.lastFinishedUpdate = qint64(o.value(s("done")).toDouble());
    const QJsonArray n = o.value(s("n")).toArray();
    quint32 *counters[] = {&st.confirmed, &st.failed, &st.rolledBack, &st.rejected, &st.notApplicable, &st.powerCuts};
    for (qsizetype i = 0; i < 6 && i < n.size(); ++i)
        *counters[i] = quint32(n.at(i).toInt());
    return st;
}

Status AgentState::save(const QString &base, PowerCut *cut) const
{
    return DeviceFiles::replace(path(base), toJson(), cut);
}

Result<AgentState> AgentState::load(const QString &base)
{
    auto bytes = DeviceFiles::read(path(base));
    if (!bytes)
        return std::unexpected(bytes.error());
    auto st = fromJson(*bytes);
    if (!st)
        return std::unexpected(st.error().withFile(path(base)));
    return st;
}

bool AgentState::exists(const QString &base) { return QFile::exists(path(base)); }

} // namespace otadesk::agent
