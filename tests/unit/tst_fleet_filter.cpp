// core/fleet/filter: parsing (good and bad inputs with the exact error column), canonical printing and its
// round trip, evaluation on hand-made devices, group expansion with cycle detection, the SQL text's shape
// (values are bound, never pasted). tst_fleet_filter_sql runs the SQL against real databases.
#include "core/fleet/filter/Filter.h"

#include <QTest>

using namespace otadesk;
using namespace otadesk::fleet;

namespace {
Device gateway()
{
    Device d;
    d.id = 1;
    d.serial = QStringLiteral("SN-10000");
    d.model = QStringLiteral("GW-200");
    d.hardwareRevision = QStringLiteral("C");
    d.batch = QStringLiteral("B17");
    d.year = 2024;
    d.status = QStringLiteral("accepted");
    d.updateState = QStringLiteral("idle");
    d.components = {{QStringLiteral("main"), QStringLiteral("2.2.9"), QByteArray::fromHex("ab12cd"), 0},
                    {QStringLiteral("boot"), QStringLiteral("1.4.2+17"), {}, -1},
                    {QStringLiteral("radio"), QStringLiteral("[1,4,2]"), {}, -1}};
    d.attributes = {{QStringLiteral("region"), QStringLiteral("eu-west")}};
    d.tags = {QStringLiteral("beta"), QStringLiteral("lab")};
    d.metadata = {{QStringLiteral("owner"), QStringLiteral("QA team")}};
    d.lastSeen = 1'700'000'000'000;
    d.firstSeen = 1'600'000'000'000;
    return d;
}

Device sensor()
{
    Device d;
    d.id = 2;
    d.serial = QStringLiteral("SN-9999");
    d.model = QStringLiteral("TS-10");
    d.batch = QStringLiteral("B18");
    d.year = 2023;
    d.status = QStringLiteral("pending");
    d.updateState = QStringLiteral("downloading");
    d.components = {{QStringLiteral("main"), QStringLiteral("nightly"), {}, -1}};
    return d;
}

FilterContext context()
{
    FilterContext ctx;
    ctx.nowMs = 1'700'000'000'000 + 3'600'000; // an hour after the gateway's last check-in
    ctx.staticGroup = [](const QString &name) -> std::optional<QList<qint64>> {
        if (name == QLatin1String("pilot"))
            return QList<qint64>{2};
        return std::nullopt;
    };
    return ctx;
}
} // namespace

class TestFleetFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsePrint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        const auto row = [](const char *text, const char *canonical) {
            QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(canonical);
        };
        row("", "");
        row("   ", "");
        row("model==GW-200", "model==GW-200");
        row("model==GW-200;batch=in=(B17,B18);year=ge=2024;serial=ge=SN-10000;serial=lt=SN-20000;fw.main=lt="
            "2.3.0;"
            "tag==beta;attr.region==eu*",
            "model==GW-200;batch=in=(B17,B18);year=ge=2024;serial=ge=SN-10000;serial=lt=SN-20000;fw.main=lt="
            "2.3.0;"
            "tag==beta;attr.region==eu*");
        row("model == GW-200 and year >= 2024", "model==GW-200;year=ge=2024");
        row("model==A or model==B and year<2000", "model==A,model==B;year=lt=2000");
        row("(model==A or model==B) and year<=2000", "(model==A,model==B);year=le=2000");
        row("((model==A))", "model==A");
        row("model==A;(batch==B;year==2020)", "model==A;batch==B;year==2020");
        row("model==A,(batch==B,year==2020)", "model==A,batch==B,year==2020");
        row("not (tag==beta)", "not(tag==beta)");
        row("NOT(tag==beta) AND Model>x", "not(tag==beta);model=gt=x");
        row("controllerId==dev-1;updateStatus==idle", "serial==dev-1;state==idle");
        row("lastControllerRequestAt=lt=-7d", "lastseen=lt=-7d");
        row("attribute.region==eu;metadata.owner!=x", "attr.region==eu;meta.owner!=x");
        row("tag=is=beta;tag=not=alpha", "tag==beta;tag!=alpha");
        row("model=IN=(a, \"b c\" , 'd\\'e')", "model=in=(a,\"b c\",\"d'e\")");
        row("model==\"GW 200\"", "model==\"GW 200\"");
        row("model==''", "model==\"\"");
        row("model==\"a\\\"b\\\\c\"", "model==\"a\\\"b\\\\c\"");
        row("model==GW\\*", "model==\"GW\\*\"");
        row("model==\"GW*\"", "model==GW*");
        row("model==*", "model==\"*\"");
        row("model==*-200*", "model==*-200*");
        row("fw.radio==[1,4,2];fw.boot==1.4.2+17", "fw.radio==\"[1,4,2]\";fw.boot==1.4.2+17");
        row("fw.main=in=([1,0],2.0)", "fw.main=in=(\"[1,0]\",2.0)");
        row("digest.main==AB12*", "digest.main==ab12*");
        row("firstseen>=2024-05-01;lastseen<2024-05-01T12:00:00Z",
            "firstseen=ge=2024-05-01;lastseen=lt=2024-05-01T12:00:00Z");
        row("group==pilot,group=out=(a,b)", "group==pilot,group=out=(a,b)");
        row("attr.my-key.x==v", "attr.my-key.x==v");
        row("attr.région==x;Attr.Region==y", "attr.région==x;attr.Region==y");
        row("model==and", "model==and");
        row("year==0", "year==0");
        row("address==10.0.0.1:5683", "address==10.0.0.1:5683");
        row("model==ünï", "model==\"ünï\"");
    }
    void parsePrint()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto f = Filter::parse(text);
        QVERIFY2(f.has_value(), qPrintable(f ? QString() : f.error().message()));
        QCOMPARE(f->text(), canonical);
        QCOMPARE(f->isEmpty(), canonical.isEmpty());
        const auto again = Filter::parse(f->text());
        QVERIFY(again.has_value());
        QCOMPARE(again->text(), canonical);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("contains");
        const auto row = [](const char *text, int column, const char *contains) {
            QTest::newRow(text) << QString::fromUtf8(text) << column << QString::fromUtf8(contains);
        };
        row("modle==GW-200", 1, "did you mean \"model\"");
        row("colour==red", 1, "unknown field \"colour\"");
        row("model==A;atr.region==eu", 10, "did you mean \"attr.region\"");
        row("atribute.region==eu", 1, "did you mean \"attribute.region\"");
        row("attr==x", 1, "needs a name");
        row("model.x==y", 1, "has no parts");
        row("model=lte=5", 6, "unknown operator \"=lte=\"");
        row("model=lte=5", 6, "Did you mean");
        row("model~=5", 6, "expected an operator");
        row("model=5", 6, "unknown operator \"=\"");
        row("model", 6, "expected an operator");
        row("model==", 8, "expected a value");
        row("model==;year==1", 8, "expected a value");
        row("model==GW 200", 11, "expected");
        row("model==\"GW", 8, "not closed");
        row("model==A;", 10, "expected a field name");
        row("model==A and", 13, "expected a field name");
        row(";model==A", 1, "expected a field name");
        row("(model==A", 10, "\")\" to close the \"(\" at column 1");
        row("model==A)", 9, "without a matching");
        row("model==A model==B", 10, "expected");
        row("model==(A,B)", 8, "needs =in= or =out=");
        row("model=in=(A;B)", 12, "\",\" or \")\"");
        row("model=in=(A,)", 13, "expected a value");
        row("model=in=(A*,B)", 11, "wildcards");
        row("model=lt=A*", 10, "wildcards");
        row("year==20x4", 7, "expected a year");
        row("year=ge=-1", 9, "expected a year");
        row("year==20*", 7, "no wildcards");
        row("lastseen=lt=yesterday", 13, "expected a time");
        row("lastseen=lt=2024-13-01", 13, "expected a time");
        row("fw.main=lt=latest", 12, "is not a version");
        row("fw.main=ge=1..2", 12, "is not a version");
        row("tag=lt=b", 4, "cannot be compared");
        row("group=ge=b", 6, "cannot be compared");
        row("group==pi*", 8, "no wildcards");
        row("digest.main==xyz", 14, "hexadecimal");
        row("\"model\"==A", 1, "expected a field name");
        row("model==A;;year==1", 10, "expected a field name");
        row("not tag==beta", 5, "expected \"(\" after \"not\"");
        row("()", 2, "expected a field name");
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, contains);
        const auto f = Filter::parse(text);
        QVERIFY2(!f.has_value(), qPrintable(f ? f->text() : QString()));
        const QString msg = f.error().message();
        QVERIFY2(msg.contains(contains), qPrintable(msg));
        QVERIFY2(msg.startsWith(QStringLiteral("Column %1:").arg(column)), qPrintable(msg));
        QCOMPARE(f.error().where().offset, column - 1);
        QCOMPARE(f.error().code(), ErrorCode::Format);
    }

    void limits()
    {
        // No 1024-character cap: a long filter parses.
        QStringList serials;
        for (int i = 0; i < 5000; ++i)
            serials << QStringLiteral("SN-%1").arg(i);
        const auto longFilter = Filter::parse(QStringLiteral("serial=in=(") + serials.join(u',') + u')');
        QVERIFY(longFilter.has_value());
        QCOMPARE(longFilter->toSql(SqlDialect::Sqlite, {}).values.size(), 5000);
        // Deep nesting is an error, not a stack overflow.
        const QString deep =
            QString(Filter::kMaxDepth, u'(') + QStringLiteral("model==A") + QString(Filter::kMaxDepth, u')');
        QVERIFY(Filter::parse(deep).has_value());
        const auto tooDeep = Filter::parse(QString(100000, u'(') + QStringLiteral("model==A"));
        QVERIFY(!tooDeep.has_value());
        QVERIFY(tooDeep.error().message().contains(QStringLiteral("nest more than")));
        QCOMPARE(tooDeep.error().where().offset, Filter::kMaxDepth);
        // Too many values, too long a text.
        serials.clear();
        for (int i = 0; i <= Filter::kMaxValues; ++i)
            serials << QString::number(i);
        const auto tooMany = Filter::parse(QStringLiteral("batch=in=(") + serials.join(u',') + u')');
        QVERIFY(!tooMany.has_value());
        QVERIFY(tooMany.error().message().contains(QStringLiteral("static group")));
        QVERIFY(!Filter::parse(QString(Filter::kMaxLength + 1, u' ')).has_value());
        // A long flat chain of and/or is not nesting.
        QStringList terms;
        for (int i = 0; i < 3000; ++i)
            terms << QStringLiteral("model==M%1").arg(i);
        const auto chain = Filter::parse(terms.join(QStringLiteral(" or ")));
        QVERIFY(chain.has_value());
        QVERIFY(!chain->matches(gateway(), context()));
    }

    void evaluate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("gatewayMatches");
        QTest::addColumn<bool>("sensorMatches");
        const auto row = [](const char *text, bool g, bool s) {
            QTest::newRow(text) << QString::fromUtf8(text) << g << s;
        };
        row("", true, true);
        row("model==GW-200", true, false);
        row("model!=GW-200", false, true);
        row("model==gw-200", false, false); // case-sensitive
        row("model==GW*", true, false);
        row("model==*-*", true, true);
        row("model==*0", true, true);
        row("model==G*W*2*0*0", true, false);
        row("model==GW-200*", true, false); // '*' also matches nothing
        row("model!=T*", true, false);
        row("model=lt=H", true, false);
        row("batch=in=(B17,B18)", true, true);
        row("batch=out=(B17)", false, true);
        row("year=ge=2024", true, false);
        row("year<2024", false, true);
        row("serial=ge=SN-10000", true, false); // natural order: SN-9999 < SN-10000
        row("serial=lt=SN-10000", false, true);
        row("serial>SN-9999;serial<=SN-10000", true, false);
        row("serial==SN-1*", true, false);
        row("fw.main=lt=2.3.0", true, false); // "nightly" is not a version: no ordering matches it
        row("fw.main=ge=0", true, false);
        row("fw.main==2.2.9", true, false);
        row("fw.main==2.2.9.0", true, false); // equal as versions
        row("fw.main==nightly", false, true);
        row("fw.main==2.2.*", true, false); // wildcards match the text as reported
        row("fw.main!=2.2.9", false, true);
        row("fw.boot=gt=1.4.2", true, false); // MCUboot build 17 counts as a 4th number
        row("fw.boot=lt=1.4.3", true, false);
        row("fw.boot==1.4.2.17", true, false);
        row("fw.radio==1.4.2", true, false); // SUIT [1,4,2]
        row("fw.radio=in=([1,4,2],9)", true, false);
        row("fw.gps=lt=9", false, false); // no such component
        row("fw.gps!=9", true, true);     // != is the negation of ==
        row("digest.main==ab12cd", true, false);
        row("digest.main==AB*", true, false);
        row("digest.main!=ab12cd", false, true);
        row("tag==beta", true, false);
        row("tag!=beta", false, true);
        row("tag==l*", true, false);
        row("tag=in=(lab,x)", true, false);
        row("tag=out=(lab,x)", false, true);
        row("attr.region==eu*", true, false);
        row("attr.region!=eu-west", false, true); // a device without the attribute matches !=
        row("attr.region=out=(us)", true, true);
        row("attr.region=lt=f", true, false);
        row("attr.region==\"\"", false, false);
        row("meta.owner==\"QA team\"", true, false);
        row("meta.owner==QA*", true, false);
        row("status==pending", false, true);
        row("state!=idle", false, true);
        row("hwrev==\"\"", false, true);
        row("lastseen=gt=-2h", true, false);
        row("lastseen=gt=-30m", false, false);
        row("lastseen=lt=-30m", true, true); // never seen (0) is long ago
        row("lastseen=lt=now", true, true);
        row("lastseen>2023-11-14", true, false);
        row("lastseen>=2023-11-14T22:13:20Z", true, false);
        row("lastseen>2023-11-14T22:13:20Z", false, false);
        row("lastseen>2023-11-14T23:13:19+01:00", true, false);
        row("firstseen<2021-01-01", true, true);
        row("group==pilot", false, true);
        row("group!=pilot", true, false);
        row("group==nosuch", false, false);
        row("group=in=(nosuch,pilot)", false, true);
        row("not(model==GW-200)", false, true);
        row("model==GW-200 or model==TS-10 and year==2022", true, false);
        row("(model==GW-200 or model==TS-10) and year==2023", false, true);
        row("not(tag==beta or year==2023)", false, false);
    }
    void evaluate()
    {
        QFETCH(QString, text);
        QFETCH(bool, gatewayMatches);
        QFETCH(bool, sensorMatches);
        const auto f = Filter::parse(text);
        QVERIFY2(f.has_value(), qPrintable(f ? QString() : f.error().message()));
        const FilterContext ctx = context();
        QCOMPARE(f->matches(gateway(), ctx), gatewayMatches);
        QCOMPARE(f->matches(sensor(), ctx), sensorMatches);
    }

    void sqlShape()
    {
        const auto f = Filter::parse(QStringLiteral(
            "model==\"x'; DROP TABLE devices; --\";attr.region==eu*;fw.main=lt=2.3.0;serial=ge=SN-10000;"
            "lastseen>-7d;tag!=beta;model=lt=z;digest.main==a*"));
        QVERIFY(f.has_value());
        FilterContext ctx;
        ctx.nowMs = 1'000'000'000'000;
        const SqlCondition lite = f->toSql(SqlDialect::Sqlite, ctx);
        const SqlCondition pg = f->toSql(SqlDialect::Postgres, ctx);
        for (const SqlCondition &c : {lite, pg}) {
            QCOMPARE(c.sql.count(u'?'), c.values.size());
            QVERIFY(!c.sql.contains(QStringLiteral("DROP")));
            QVERIFY(!c.sql.contains(QStringLiteral("region")));
            QVERIFY(!c.sql.contains(QStringLiteral("SN-")));
            QVERIFY(c.values.contains(QStringLiteral("x'; DROP TABLE devices; --")));
            QVERIFY(c.values.contains(QVariant(qint64(1'000'000'000'000 - 7 * 86'400'000LL))));
        }
        QVERIFY(lite.sql.contains(QStringLiteral("GLOB")));
        QVERIFY(lite.values.contains(QStringLiteral("eu*")));
        QVERIFY(pg.sql.contains(QStringLiteral("LIKE ? ESCAPE")));
        QVERIFY(pg.values.contains(QStringLiteral("eu%")));
        QVERIFY(pg.sql.contains(QStringLiteral("d.model COLLATE \"C\" < ?")));
        QVERIFY(!lite.sql.contains(QStringLiteral("COLLATE")));
        QCOMPARE(Filter().toSql(SqlDialect::Sqlite, ctx).sql, QStringLiteral("1 = 1"));
        // Wildcard escaping of the characters the databases treat specially.
        const auto special = Filter::parse(QStringLiteral("model==\"a?[%_\\\\\\**\""));
        QVERIFY(special.has_value());
        QCOMPARE(special->toSql(SqlDialect::Sqlite, ctx).values,
                 QVariantList{QStringLiteral("a[?][[]%_\\[*]*")});
        QCOMPARE(special->toSql(SqlDialect::Postgres, ctx).values,
                 QVariantList{QStringLiteral("a?[\\%\\_\\\\*%")});
    }

    void fields()
    {
        const auto f =
            Filter::parse(QStringLiteral("model==a;(attr.region==x,controllerId==y);model!=b;fw.main<2"));
        QVERIFY(f.has_value());
        QCOMPARE(f->fields(), (QStringList{QStringLiteral("attr.region"), QStringLiteral("fw.main"),
                                           QStringLiteral("model"), QStringLiteral("serial")}));
        QVERIFY(Filter().fields().isEmpty());
    }

    void expandGroups()
    {
        const QMap<QString, QString> dynamic = {
            {QStringLiteral("gw"), QStringLiteral("model==GW-200")},
            {QStringLiteral("gw-beta"), QStringLiteral("group==gw;tag==beta")},
            {QStringLiteral("either"), QStringLiteral("group=in=(gw-beta,pilot)")},
            {QStringLiteral("loop-a"), QStringLiteral("group==loop-b")},
            {QStringLiteral("loop-b"), QStringLiteral("year==1,group==loop-a")},
            {QStringLiteral("self"), QStringLiteral("group==self")},
            {QStringLiteral("broken"), QStringLiteral("model=")},
            {QStringLiteral("empty"), QString()},
        };
        const DynamicGroupResolver resolver = [&](const QString &name) -> std::optional<QString> {
            if (dynamic.contains(name))
                return dynamic.value(name);
            return std::nullopt;
        };
        const auto expand = [&](const char *text) {
            return Filter::parse(QString::fromUtf8(text))->expandGroups(resolver);
        };

        auto e = expand("group==gw-beta");
        QVERIFY(e.has_value());
        QCOMPARE(e->text(), QStringLiteral("model==GW-200;tag==beta"));
        e = expand("group!=either;year==2024");
        QVERIFY(e.has_value());
        QCOMPARE(e->text(), QStringLiteral("not(model==GW-200;tag==beta,group==pilot);year==2024"));
        QVERIFY(Filter::parse(e->text()).has_value());
        const FilterContext ctx = context();
        QCOMPARE(e->matches(gateway(), ctx), false);
        QCOMPARE(expand("group==either")->matches(sensor(), ctx), true); // static pilot stays a group
        QCOMPARE(expand("group==pilot")->text(), QStringLiteral("group==pilot"));

        for (const char *cyclic : {"group==self", "model==x,group==loop-a", "group=in=(gw,loop-b)"}) {
            const auto c = expand(cyclic);
            QVERIFY2(!c.has_value(), cyclic);
            QVERIFY2(c.error().message().contains(QStringLiteral("includes itself")),
                     qPrintable(c.error().message()));
            QCOMPARE(c.error().code(), ErrorCode::InvalidArgument);
        }
        QVERIFY(
            expand("group==loop-a").error().message().contains(QStringLiteral("loop-a → loop-b → loop-a")));
        const auto broken = expand("group==broken");
        QVERIFY(!broken.has_value());
        QVERIFY(broken.error().message().contains(QStringLiteral("\"broken\" is invalid: Column 6")));
        QVERIFY(!expand("group==empty").has_value());
        // The same group twice side by side is not a cycle.
        QVERIFY(expand("group==gw;group==gw-beta").has_value());
    }
};

QTEST_GUILESS_MAIN(TestFleetFilter)
#include "tst_fleet_filter.moc"
