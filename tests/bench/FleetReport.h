#pragma once
// bench_fleet's output: sections of rows (a table for people, or one JSON document with the same figures), the
// goals of issue 5 with the measured value and whether it is met, and notes (skipped parts, checks).
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace otadesk::bench {

struct FleetColumn
{
    QString key;   // JSON name
    QString title; // table heading
    int decimals = 0;
};

struct FleetSection
{
    QString id;    // JSON name: "checkins_sqlite", …
    QString title; // table caption
    QList<FleetColumn> columns;
    QList<QVariantList> rows; // one value per column (double, qint64 or QString)
};

struct FleetGoal
{
    QString name;
    double value = 0;
    double goal = 0;
    bool higherIsBetter = true;
    QString unit;
    bool met() const { return higherIsBetter ? value >= goal : value <= goal; }
};

class FleetReport
{
public:
    QJsonObject options;
    QJsonObject environment; // versions, load average
    QList<FleetSection> sections;
    QList<FleetGoal> goals;
    QStringList notes;

    FleetSection &section(const QString &id, const QString &title, const QList<FleetColumn> &columns);
    QByteArray table() const;
    QByteArray json() const;
};

} // namespace otadesk::bench
