#pragma once
// bench_server's output: a table for people or one JSON document, with the ratios against nginx and the goals
// of issue 4 (small GET >= 0.5x nginx, payload download >= 0.8x nginx sendfile).
#include "ServerBenchCases.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace otadesk::bench {

struct UploadFigures
{
    double megabytesPerSecond = 0;
    qint64 hwmKiB = -1; // VmHWM of the instance that took the upload
};

struct ReportData
{
    QJsonObject options;
    QString nginxVersion, wrkVersion, serverVersion;
    QString loadBefore, loadAfter; // /proc/loadavg (1, 5, 15 min) around the measurements
    UploadFigures upload;
    QList<QPair<QString, qint64>> rss; // name (…_kib) → KiB
    QList<CaseResult> cases;
    QStringList notes;
};

QByteArray reportTable(const ReportData &data);
QByteArray reportJson(const ReportData &data);

} // namespace otadesk::bench
