// The server's access-log fast path writes the same bytes as the general formatter, in both formats, for any
// path a client may send; its timestamps equal QDateTime's.
#include "core/common/IsoTime.h"
#include "core/common/Logging.h"
#include "core/server/ServerLog.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace otadesk;
using namespace otadesk::server;

class TestServerLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isoTimeMatchesQDateTime()
    {
        QList<qint64> samples{0, 1, 999, 1000, 1001, -1, -999, -1000, -1001, 1764460253123, 4102444799999,
                              1764460253999, 1764460254000};
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 2000; ++i)
            samples.append(qint64(rng->bounded(4102444800000.0)) - (i % 7 == 0 ? 86400000LL * 365 * 60 : 0));
        // Consecutive calls within one second use the cached prefix: check them too.
        for (qint64 ms = 1764460253990; ms < 1764460254010; ++ms)
            samples.append(ms);
        for (const qint64 ms : samples)
            QCOMPARE(isoUtcMs(ms), QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1());
    }

    void requestLineMatchesGeneralFormatter_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<double>("duration");
        QTest::newRow("plain") << QStringLiteral("/device/v1/checkin") << 200 << 0.125;
        QTest::newRow("server error") << QStringLiteral("/api/v1/devices") << 503 << 12.0;
        QTest::newRow("quotes and backslash") << QStringLiteral("/a\"b\\c d") << 404 << 1.5;
        QTest::newRow("control characters") << QStringLiteral("/x\ny\tz\r\u0001\u001f\b\f") << 400 << 0.0;
        QTest::newRow("unicode") << QStringLiteral("/gerät/\u00e9\u4e2d\U0001F600") << 200 << 3.25;
        QTest::newRow("empty") << QString() << 408 << 1000.5;
    }

    void requestLineMatchesGeneralFormatter()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(double, duration);
        const qint64 now = 1764460253123;
        RequestLogLine line;
        const QByteArray id = "r-0123456789abcdef";
        line.requestId = id;
        line.method = "POST";
        line.path = path;
        line.status = status;
        line.durationMs = duration;
        line.remote = QStringLiteral("::ffff:127.0.0.1");
        line.bytesIn = 336;
        line.bytesOut = 95;
        const QJsonObject fields{{QStringLiteral("request_id"), QString::fromLatin1(id)},
                                 {QStringLiteral("method"), QStringLiteral("POST")},
                                 {QStringLiteral("path"), path},
                                 {QStringLiteral("status"), status},
                                 {QStringLiteral("duration_ms"), duration},
                                 {QStringLiteral("remote"), line.remote},
                                 {QStringLiteral("bytes_in"), 336.0},
                                 {QStringLiteral("bytes_out"), 95.0}};
        const QtMsgType type = status >= 500 ? QtWarningMsg : QtInfoMsg;
        for (const LogFormat format : {LogFormat::Json, LogFormat::Text}) {
            const QString expected = formatLogLine(format, type, lcServer().categoryName(), QStringLiteral("request"),
                                                   fields, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC));
            QCOMPARE(QString::fromUtf8(formatRequestLine(format, line, now)), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestServerLog)
#include "tst_server_log.moc"
