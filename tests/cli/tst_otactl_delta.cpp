// otactl delta create | apply | info as a process on the real Pybricks pair: round trip, --json, atomic
// output, and clean failures with the documented exit codes (wrong base, corrupt or truncated patch, bad options).
#include "../unit/TestData.h"
#include "app/otactl/ExitCodes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::cli;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};
} // namespace

class TestOtactlDelta : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void createApplyInfo();
    void failures();

private:
    Run run(const QStringList &args);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QString m_old, m_new;
};

Run TestOtactlDelta::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OTADESK_WORKSPACE"), path(QStringLiteral("ws")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OTACTL_PATH), args);
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestOtactlDelta::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_old = test::testData(QStringLiteral("firmware/pybricks/7.27.0/primehub/firmware-base.bin"));
    m_new = test::testData(QStringLiteral("firmware/pybricks/7.28.0/primehub/firmware-base.bin"));
    QVERIFY(QFileInfo::exists(m_old) && QFileInfo::exists(m_new));
}

void TestOtactlDelta::createApplyInfo()
{
    const QString patch = path(QStringLiteral("p.otad")), out = path(QStringLiteral("new.bin"));
    Run r = run({QStringLiteral("delta"), QStringLiteral("create"), m_old, m_new, QStringLiteral("-o"), patch});
    QVERIFY2(r.code == ExitOk, qPrintable(r.err));
    QVERIFY(r.out.contains(QLatin1String("thumb2 mode")));
    QVERIFY(r.out.contains(QLatin1String("candidates: thumb2")));
    const qint64 size = QFileInfo(patch).size();
    QVERIFY(size > 1000 && size < 20000);

    r = run({QStringLiteral("--json"), QStringLiteral("delta"), QStringLiteral("info"), patch});
    QVERIFY2(r.code == ExitOk, qPrintable(r.err));
    const QJsonObject info = r.json();
    QCOMPARE(info.value(QStringLiteral("mode")).toString(), QStringLiteral("thumb2"));
    QCOMPARE(info.value(QStringLiteral("profile")).toString(), QStringLiteral("S"));
    QCOMPARE(info.value(QStringLiteral("oldBaseAddress")).toInteger(), 0x08008000);
    QCOMPARE(info.value(QStringLiteral("patchSize")).toInteger(), size);
    QCOMPARE(info.value(QStringLiteral("targetSha256")).toString(),
             QString::fromLatin1(QCryptographicHash::hash(test::readFile(m_new), QCryptographicHash::Sha256).toHex()));
    QVERIFY(info.value(QStringLiteral("chunksIntact")).toBool());
    QCOMPARE(info.value(QStringLiteral("chunkCount")).toInteger(), (size - 140 + 4095) / 4096);

    r = run({QStringLiteral("delta"), QStringLiteral("info"), patch});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QLatin1String("Chunk root")));
    QVERIFY(r.out.contains(QLatin1String("0x08008000")));

    r = run({QStringLiteral("delta"), QStringLiteral("apply"), m_old, patch, QStringLiteral("--output"), out});
    QVERIFY2(r.code == ExitOk, qPrintable(r.err));
    QCOMPARE(test::readFile(out), test::readFile(m_new));

    // Generic mode and a small chunk size, with --json.
    r = run({QStringLiteral("--json"), QStringLiteral("delta"), QStringLiteral("create"), m_old, m_new,
             QStringLiteral("--arch"), QStringLiteral("generic"), QStringLiteral("--chunk-size"), QStringLiteral("512"),
             QStringLiteral("-o"), patch});
    QVERIFY2(r.code == ExitOk, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("mode")).toString(), QStringLiteral("generic"));
    QCOMPARE(r.json().value(QStringLiteral("chunkSize")).toInteger(), 512);
    QFile::remove(out);
    r = run({QStringLiteral("--json"), QStringLiteral("delta"), QStringLiteral("apply"), m_old, patch, QStringLiteral("-o"), out});
    QVERIFY2(r.code == ExitOk, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("size")).toInteger(), QFileInfo(m_new).size());
    QCOMPARE(test::readFile(out), test::readFile(m_new));
}

void TestOtactlDelta::failures()
{
    const QString patch = path(QStringLiteral("f.otad")), out = path(QStringLiteral("f.bin"));
    QVERIFY(run({QStringLiteral("delta"), QStringLiteral("create"), m_old, m_new, QStringLiteral("-o"), patch}).code == ExitOk);
    const QByteArray good = test::readFile(patch);

    // Wrong base: the cityhub image; nothing is written.
    const QString city = test::testData(QStringLiteral("firmware/pybricks/7.27.0/cityhub/firmware-base.bin"));
    Run r = run({QStringLiteral("delta"), QStringLiteral("apply"), city, patch, QStringLiteral("-o"), out});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.contains(QLatin1String("not the base")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));

    // A flipped payload byte: the chunk root does not match.
    QByteArray bad = good;
    bad[bad.size() / 2] = char(bad[bad.size() / 2] ^ 0x40);
    QVERIFY(test::writeFile(path(QStringLiteral("bad.otad")), bad));
    r = run({QStringLiteral("delta"), QStringLiteral("apply"), m_old, path(QStringLiteral("bad.otad")), QStringLiteral("-o"), out});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.contains(QLatin1String("corrupt")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));
    r = run({QStringLiteral("delta"), QStringLiteral("info"), path(QStringLiteral("bad.otad"))});
    QCOMPARE(r.code, int(ExitInput));

    // Truncated, and not a patch at all.
    QVERIFY(test::writeFile(path(QStringLiteral("cut.otad")), good.left(good.size() - 10)));
    r = run({QStringLiteral("delta"), QStringLiteral("apply"), m_old, path(QStringLiteral("cut.otad")), QStringLiteral("-o"), out});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.contains(QLatin1String("truncated")), qPrintable(r.err));
    r = run({QStringLiteral("delta"), QStringLiteral("info"), m_old});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.contains(QLatin1String("not an OTA Desk delta patch")), qPrintable(r.err));

    // Usage errors and missing files.
    QCOMPARE(run({QStringLiteral("delta"), QStringLiteral("create"), m_old, m_new}).code, int(ExitUsage));
    QCOMPARE(run({QStringLiteral("delta"), QStringLiteral("create"), m_old, m_new, QStringLiteral("--arch"),
                  QStringLiteral("mips"), QStringLiteral("-o"), patch}).code, int(ExitUsage));
    QCOMPARE(run({QStringLiteral("delta"), QStringLiteral("create"), m_old, m_new, QStringLiteral("--chunk-size"),
                  QStringLiteral("10"), QStringLiteral("-o"), patch}).code, int(ExitUsage));
    QCOMPARE(run({QStringLiteral("delta"), QStringLiteral("apply"), path(QStringLiteral("missing.bin")), patch,
                  QStringLiteral("-o"), out}).code, int(ExitNotFound));
    QCOMPARE(test::readFile(patch), good); // failed commands left the earlier patch alone
}

QTEST_GUILESS_MAIN(TestOtactlDelta)
#include "tst_otactl_delta.moc"
