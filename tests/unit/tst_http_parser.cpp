// otadesk-server's HTTP/1.1 request parser: request lines, headers, Content-Length and chunked bodies, pipelining,
// byte-by-byte arrival, "Expect: 100-continue", and the error status of each kind of malformed input.
#include "core/server/http/HttpRequestParser.h"

#include <QTest>

using namespace otadesk::server;

namespace {
struct Parsed
{
    QList<HttpRequest> requests;
    int error = 0;
    bool wantedContinue = false;
};

Parsed parse(const QByteArray &input, qsizetype piece = -1, qint64 maxBody = 1 << 20)
{
    HttpRequestParser parser(maxBody, QHostAddress(QStringLiteral("192.0.2.7")));
    Parsed out;
    const qsizetype step = piece > 0 ? piece : std::max<qsizetype>(1, input.size());
    for (qsizetype at = 0; at < input.size() && !out.error; at += step) {
        parser.append(QByteArrayView(input).sliced(at, std::min(step, input.size() - at)));
        for (;;) {
            HttpRequest r;
            const auto o = parser.next(r);
            if (o == HttpRequestParser::Outcome::NeedMore) {
                if (parser.wantsContinue()) {
                    out.wantedContinue = true;
                    parser.continueSent();
                }
                break;
            }
            if (o == HttpRequestParser::Outcome::Error) {
                out.error = parser.errorStatus();
                break;
            }
            out.requests.append(r);
        }
    }
    return out;
}
} // namespace

class TestHttpParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simpleGet()
    {
        const Parsed p = parse("GET /api/v1/devices?filter=model%3D%3DGW-200&limit=5 HTTP/1.1\r\nHost: h:8\r\n"
                               "X-Request-Id: abc\r\n\r\n");
        QCOMPARE(p.error, 0);
        QCOMPARE(p.requests.size(), 1);
        const HttpRequest &r = p.requests[0];
        QCOMPARE(r.method(), Method::Get);
        QCOMPARE(r.path(), QStringLiteral("/api/v1/devices"));
        QCOMPARE(r.query().queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded), QStringLiteral("model==GW-200"));
        QCOMPARE(r.value("x-REQUEST-id"), QByteArray("abc"));
        QCOMPARE(r.url().host(), QStringLiteral("h"));
        QCOMPARE(r.remoteAddress(), QHostAddress(QStringLiteral("192.0.2.7")));
        QVERIFY(r.keepAlive());
        QVERIFY(r.body().isEmpty());
    }

    void percentEncodedPath()
    {
        const Parsed p = parse("GET /api/v1/devices/SN%201%2Fa HTTP/1.1\r\n\r\n");
        QCOMPARE(p.requests.size(), 1);
        QCOMPARE(p.requests[0].path(), QUrl(QStringLiteral("/api/v1/devices/SN%201%2Fa")).path());
    }

    void bodiesAndPipelining_data()
    {
        QTest::addColumn<int>("piece");
        QTest::newRow("whole") << -1;
        for (int piece : {1, 2, 3, 7, 64})
            QTest::newRow(qPrintable(QStringLiteral("pieces of %1").arg(piece))) << piece;
    }
    void bodiesAndPipelining()
    {
        QFETCH(int, piece);
        const QByteArray input = "\r\nPOST /device/v1/checkin HTTP/1.1\r\nContent-Length: 11\r\n\r\n{\"a\":\"b12\"}"
                                 "PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\nA\r\n0123456789\r\n"
                                 "0\r\nTrailer-Field: 1\r\n\r\n"
                                 "GET /last HTTP/1.0\r\n\r\n";
        const Parsed p = parse(input, piece);
        QCOMPARE(p.error, 0);
        QCOMPARE(p.requests.size(), 3);
        QCOMPARE(p.requests[0].body(), QByteArray("{\"a\":\"b12\"}"));
        QCOMPARE(p.requests[1].method(), Method::Put);
        QCOMPARE(p.requests[1].body(), QByteArray("hello0123456789"));
        QCOMPARE(p.requests[2].path(), QStringLiteral("/last"));
        QVERIFY(p.requests[2].http10());
        QVERIFY(!p.requests[2].keepAlive()); // HTTP/1.0 without keep-alive
    }

    void connectionHeader()
    {
        QVERIFY(!parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").requests[0].keepAlive());
        QVERIFY(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests[0].keepAlive());
    }

    void expectContinue()
    {
        const Parsed p = parse("PUT /x HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        QVERIFY(p.wantedContinue);
        QVERIFY(p.requests.isEmpty());
        QVERIFY(!parse("PUT /x HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc").wantedContinue);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("not http") << QByteArray("GET / FTP/1.0\r\n\r\n") << 400;
        QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("header without name") << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << 400;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n  c\r\n\r\n") << 400;
        QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("gzip coding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n") << 413;
        QTest::newRow("chunks too large")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1FFFFF\r\n") + QByteArray(10, 'x') << 413;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::newRow("chunk without CRLF")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY0\r\n\r\n") << 400;
        QTest::newRow("huge head") << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(70000, 'a') << 431;
    }
    void errors()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        QCOMPARE(parse(input).error, status);
        QCOMPARE(parse(input, 5).error, status);
    }
};

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_http_parser.moc"
