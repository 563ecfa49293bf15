#pragma once
// bench_server's measured cases: a check of each URL before it is timed (status, body or SHA-256, ETag), then
// the runs (wrk for the small GETs, BenchDownloader for downloads) with the CPU time of the processes that
// serve each case; with several rounds the best run of a case is kept.
#include "BenchProcesses.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace otadesk::bench {

class BenchHttp;

enum class CaseId
{
    SmallNginx,
    SmallServer,
    SmallProxy,
    DownloadNginx,
    DownloadAccel,
    DownloadServer
};

struct CaseResult
{
    CaseId id;
    QString key;   // for JSON, e.g. "small_nginx"
    QString label; // for the table
    QString url;
    int connections = 0;
    WrkResult wrk; // the best round
    int rounds = 1;
};

class Cases
{
public:
    Cases(int seconds, QString wrk, QString scriptPath, QByteArray token);

    void setProcesses(qint64 directServer, qint64 accelServer, qint64 nginxMaster);
    // GET answers 200 (with exactly expectedBody unless that is empty).
    bool checkSmall(BenchHttp &http, const QString &url, const QByteArray &expectedBody, QString *error);
    // GET answers 200 with the payload's bytes; the server's answers should carry ETag "<sha256>" (a missing
    // or different one is noted, not fatal).
    bool checkDownload(BenchHttp &http, const QString &url, const QString &sha256, qint64 size,
                       bool fromServer, QString *error);
    // Range: bytes=<from>-<from+expected.size()-1> answers 206 with exactly those bytes and a Content-Range.
    bool checkRange(BenchHttp &http, const QString &url, qint64 from, const QByteArray &expected,
                    qint64 total, QString *error);
    bool run(CaseId id, const QString &url, int connections, QString *error);

    WrkResult result(CaseId id) const;
    WrkResult lastRun() const { return m_last; }
    QList<CaseResult> results() const { return m_results; }
    QStringList notes() const { return m_notes; }

    static QString key(CaseId id);
    static QString label(CaseId id);

private:
    int m_seconds;
    QString m_wrk;
    QString m_script;
    QByteArray m_token;
    qint64 m_direct = 0, m_accel = 0, m_nginx = 0;
    QList<CaseResult> m_results;
    WrkResult m_last;
    QStringList m_notes;
};

} // namespace otadesk::bench
