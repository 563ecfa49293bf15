#include "FleetReport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace otadesk::bench {

namespace {
QString cellText(const QVariant &v, int decimals)
{
    if (v.typeId() == QMetaType::Double)
        return QString::number(v.toDouble(), 'f', decimals);
    return v.toString();
}
} // namespace

FleetSection &FleetReport::section(const QString &id, const QString &title, const QList<FleetColumn> &columns)
{
    for (FleetSection &s : sections) {
        if (s.id == id)
            return s;
    }
    sections.append({id, title, columns, {}});
    return sections.last();
}

QByteArray FleetReport::table() const
{
    QString out;
    for (auto it = environment.begin(); it != environment.end(); ++it)
        out += QStringLiteral("%1: %2\n").arg(it.key(), it.value().toVariant().toString());
    QStringList opts;
    for (auto it = options.begin(); it != options.end(); ++it)
        opts << QStringLiteral("%1=%2").arg(it.key(), it.value().toVariant().toString());
    out += QStringLiteral("options: %1\n").arg(opts.join(QLatin1Char(' ')));
    for (const FleetSection &s : sections) {
        out += QLatin1Char('\n') + s.title + QLatin1Char('\n');
        QList<qsizetype> widths;
        for (const FleetColumn &c : s.columns)
            widths.append(c.title.size());
        QList<QStringList> cells;
        for (const QVariantList &row : s.rows) {
            QStringList line;
            for (int i = 0; i < s.columns.size(); ++i) {
                line << cellText(row.value(i), s.columns[i].decimals);
                widths[i] = std::max(widths[i], line.last().size());
            }
            cells.append(line);
        }
        auto emitLine = [&](const QStringList &line) {
            QString text;
            for (int i = 0; i < line.size(); ++i)
                text += (i == 0 ? line[i].leftJustified(widths[i]) : line[i].rightJustified(widths[i])) +
                        QStringLiteral("  ");
            out += text.trimmed() + QLatin1Char('\n');
        };
        QStringList titles;
        for (const FleetColumn &c : s.columns)
            titles << c.title;
        emitLine(titles);
        for (const QStringList &line : cells)
            emitLine(line);
    }
    if (!goals.isEmpty())
        out += QStringLiteral("\nGoals (issue 5)\n");
    for (const FleetGoal &g : goals)
        out += QStringLiteral("  %1: %2 %3 (goal %4 %5%3) -> %6\n")
                   .arg(g.name, QString::number(g.value, 'f', g.value < 10 ? 3 : 1), g.unit,
                        g.higherIsBetter ? QStringLiteral(">=") : QStringLiteral("<="),
                        QString::number(g.goal), g.met() ? QStringLiteral("met") : QStringLiteral("MISSED"));
    if (!notes.isEmpty())
        out += QStringLiteral("\nNotes\n");
    for (const QString &n : notes)
        out += QStringLiteral("  - ") + n + QLatin1Char('\n');
    return out.toUtf8();
}

QByteArray FleetReport::json() const
{
    QJsonObject root{{QStringLiteral("options"), options}, {QStringLiteral("environment"), environment}};
    for (const FleetSection &s : sections) {
        QJsonArray rows;
        for (const QVariantList &row : s.rows) {
            QJsonObject o;
            for (int i = 0; i < s.columns.size(); ++i)
                o.insert(s.columns[i].key, QJsonValue::fromVariant(row.value(i)));
            rows.append(o);
        }
        root.insert(s.id, rows);
    }
    QJsonArray goalArray;
    for (const FleetGoal &g : goals)
        goalArray.append(QJsonObject{{QStringLiteral("name"), g.name},
                                     {QStringLiteral("value"), g.value},
                                     {QStringLiteral("goal"), g.goal},
                                     {QStringLiteral("higher_is_better"), g.higherIsBetter},
                                     {QStringLiteral("unit"), g.unit},
                                     {QStringLiteral("met"), g.met()}});
    root.insert(QStringLiteral("goals"), goalArray);
    root.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace otadesk::bench
