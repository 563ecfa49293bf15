// Provisioning files and check-in reports: the CSV reader (quotes, separators, line numbers), row validation
// with exact lines and columns, JSON provisioning, and the check-in report's validation and fingerprint.
#include "core/fleet/CsvReader.h"
#include "core/fleet/DeviceImport.h"
#include "core/protocol/CheckinReport.h"

#include <QTest>

using namespace otadesk;

class TestFleetImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvReader()
    {
        const QByteArray data = "\xEF\xBB\xBFserial;model;tags\r\n"
                                "SN-1;\"GW;200\";\"a \"\"b\"\"\"\r\n"
                                "\r\n"
                                "SN-2;\"multi\nline\";x\n";
        fleet::CsvReader r(data);
        QCOMPARE(r.separator(), ';');
        QStringList f;
        QVERIFY(r.next(f));
        QCOMPARE(f, (QStringList{QStringLiteral("serial"), QStringLiteral("model"), QStringLiteral("tags")}));
        QVERIFY(r.next(f));
        QCOMPARE(r.line(), 2);
        QCOMPARE(f, (QStringList{QStringLiteral("SN-1"), QStringLiteral("GW;200"), QStringLiteral("a \"b\"")}));
        QVERIFY(r.next(f));
        QCOMPARE(r.line(), 4); // the blank line is skipped, numbering continues
        QCOMPARE(f.at(1), QStringLiteral("multi\nline"));
        QVERIFY(!r.next(f));
        QCOMPARE(fleet::CsvReader::quote(QStringLiteral("a,b")), QByteArray("\"a,b\""));
        QCOMPARE(fleet::CsvReader::quote(QStringLiteral("plain")), QByteArray("plain"));
    }

    void rowsAndProblems()
    {
        const QByteArray csv = "Serial,MODEL,year,vendor_id,cert_fingerprint,meta.site,tags\n"
                               "SN-1,GW-200,2024,,,Lyon,beta|lab\n"
                               ",GW-200,2024,,,,\n"
                               "SN-3,GW-200,1850,,,,\n"
                               "SN-4,GW-200,,not-a-uuid,,,\n"
                               "SN-5,GW-200,,,AB:CD,,\n"
                               "SN-1,GW-201,,,,,\n"
                               "SN-7,GW-200\n"
                               "SN-8,GW-200,2025,fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe,"
                               "AABBCCDDEEFF00112233445566778899AABBCCDD,,\n";
        auto file = fleet::DeviceImport::readCsv(csv, 10);
        QVERIFY(file.has_value());
        QCOMPARE(file->rows.size(), 2);
        QCOMPARE(file->rows[0].line, 11);
        QCOMPARE(file->rows[0].device.tags, (QStringList{QStringLiteral("beta"), QStringLiteral("lab")}));
        QCOMPARE(file->rows[0].device.metadata.value(QStringLiteral("site")), QStringLiteral("Lyon"));
        QCOMPARE(file->rows[1].certFingerprint, QStringLiteral("aabbccddeeff00112233445566778899aabbccdd"));
        const QList<std::pair<qint64, QString>> expected = {{12, QStringLiteral("serial")},
                                                            {13, QStringLiteral("year")},
                                                            {14, QStringLiteral("vendor_id")},
                                                            {15, QStringLiteral("cert_fingerprint")},
                                                            {16, QStringLiteral("serial")},
                                                            {17, QString()}};
        QCOMPARE(file->problems.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QCOMPARE(file->problems[i].line, expected[i].first);
            QCOMPARE(file->problems[i].column, expected[i].second);
            QVERIFY(!file->problems[i].message.isEmpty());
        }
        // Structural problems stop the whole file.
        QVERIFY(!fleet::DeviceImport::readCsv("model,year\nGW,2024\n"));
        auto unknown = fleet::DeviceImport::readCsv("serial,colour\nSN,red\n");
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message().contains(QStringLiteral("colour")));
        QVERIFY(!fleet::DeviceImport::readCsv(""));
        auto open = fleet::DeviceImport::readCsv("serial,model\nSN-1,\"GW\n");
        QVERIFY(open.has_value());
        QCOMPARE(open->problems.size(), 1);
    }

    void json()
    {
        auto file = fleet::DeviceImport::readJson(
            R"({"devices":[{"serial":"A","tags":["x","y"],"metadata":{"site":"Oslo"},"year":2024},{"serial":"A"},{"colour":"red"}]})");
        QVERIFY(file.has_value());
        QCOMPARE(file->rows.size(), 1);
        QCOMPARE(file->rows[0].device.year, 2024);
        QCOMPARE(file->problems.size(), 3); // duplicate A; unknown field and missing serial of the third
        QVERIFY(!fleet::DeviceImport::readJson("{\"nope\": 1}"));
        QVERIFY(!fleet::DeviceImport::readJson("[1,"));
    }

    void exportRoundTrip()
    {
        fleet::Device d;
        d.serial = QStringLiteral("SN,1");
        d.model = QStringLiteral("GW \"200\"");
        d.year = 2024;
        d.tags = {QStringLiteral("a"), QStringLiteral("b")};
        d.metadata.insert(QStringLiteral("site"), QStringLiteral("Lyon"));
        const QByteArray csv = fleet::DeviceImport::csvHeader({QStringLiteral("site")}) +
                               fleet::DeviceImport::csvRow(d, {QStringLiteral("site")});
        auto back = fleet::DeviceImport::readCsv(csv);
        QVERIFY(back.has_value());
        QCOMPARE(back->rows.size(), 1);
        QCOMPARE(back->rows[0].device.serial, d.serial);
        QCOMPARE(back->rows[0].device.model, d.model);
        QCOMPARE(back->rows[0].device.tags, d.tags);
        QCOMPARE(back->rows[0].device.metadata, d.metadata);
    }

    void checkinReport_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("problem"); // empty: valid
        QTest::newRow("minimal") << QByteArray("{}") << QString();
        QTest::newRow("full") << QByteArray(R"({"serial":"S","components":[{"name":"main","version":"1.2.3","slot":1}],)"
                                            R"("attributes":{"r":"eu"},"update_state":"idle","wake_schedule":"6h"})")
                              << QString();
        QTest::newRow("not json") << QByteArray("nope") << QStringLiteral("JSON object");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("JSON object");
        QTest::newRow("components type") << QByteArray(R"({"components":{}})") << QStringLiteral("components");
        QTest::newRow("no version") << QByteArray(R"({"components":[{"name":"main"}]})") << QStringLiteral("version");
        QTest::newRow("twice") << QByteArray(R"({"components":[{"name":"a","version":"1"},{"name":"a","version":"2"}]})")
                               << QStringLiteral("twice");
        QTest::newRow("digest") << QByteArray(R"({"components":[{"name":"a","version":"1","digest":"xyz"}]})")
                                << QStringLiteral("digest");
        QTest::newRow("slot") << QByteArray(R"({"components":[{"name":"a","version":"1","slot":1.5}]})")
                              << QStringLiteral("slot");
        QTest::newRow("attribute value") << QByteArray(R"({"attributes":{"a":5}})") << QStringLiteral("attribute");
        QTest::newRow("control chars") << QByteArray("{\"serial\":\"a\\u0001b\"}") << QStringLiteral("serial");
        QTest::newRow("huge") << QByteArray(20000, ' ') << QStringLiteral("larger");
    }
    void checkinReport()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, problem);
        auto r = protocol::CheckinReport::parse(body);
        if (problem.isEmpty()) {
            QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message()));
            auto again = protocol::CheckinReport::parse(r->toJson());
            QVERIFY(again.has_value());
            QCOMPARE(again->fingerprint(), r->fingerprint());
        } else {
            QVERIFY(!r.has_value());
            QVERIFY2(r.error().message().contains(problem), qPrintable(r.error().message()));
        }
    }

    void fingerprintIgnoresOrderOnly()
    {
        auto a = protocol::CheckinReport::parse(
            R"({"components":[{"name":"a","version":"1"},{"name":"b","version":"2"}],"attributes":{"x":"1","y":"2"}})");
        auto b = protocol::CheckinReport::parse(
            R"({"attributes":{"y":"2","x":"1"},"components":[{"name":"b","version":"2"},{"name":"a","version":"1"}]})");
        auto c = protocol::CheckinReport::parse(
            R"({"components":[{"name":"a","version":"1"},{"name":"b","version":"3"}],"attributes":{"x":"1","y":"2"}})");
        QVERIFY(a && b && c);
        QCOMPARE(a->fingerprint(), b->fingerprint());
        QVERIFY(a->fingerprint() != c->fingerprint());
    }
};

QTEST_GUILESS_MAIN(TestFleetImport)
#include "tst_fleet_import.moc"
