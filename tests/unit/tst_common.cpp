// core/common: settings defaults and migration, workspace resolution, activity log ring buffer, error text.
#include "core/common/ActivityLog.h"
#include "core/common/Error.h"
#include "core/common/Settings.h"
#include "core/common/Workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;

class TestCommon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void settingsDefaultsAndRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            Settings s(file);
            QCOMPARE(s.erasedByte(), 0xFF);
            QCOMPARE(s.hexBytesPerRecord(), 32);
            QCOMPARE(s.strictOverlaps(), false);
            s.setValue(Settings::HexBytesPerRecord, 16);
            s.setValue(Settings::ErasedByte, 0xFF); // the default is not stored
            s.sync();
        }
        Settings again(file);
        QCOMPARE(again.hexBytesPerRecord(), 16);
        QSettings raw(file, QSettings::IniFormat);
        QVERIFY(!raw.contains(Settings::keyName(Settings::ErasedByte)));
        again.reset(Settings::HexBytesPerRecord);
        QCOMPARE(again.hexBytesPerRecord(), 32);
    }

    void settingsMigrateRenamedKeys()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("old.ini"));
        {
            QSettings old(file, QSettings::IniFormat);
            old.setValue(QStringLiteral("General/workspace"), QStringLiteral("/srv/ws"));
        }
        Settings s(file);
        QCOMPARE(s.workspacePath(), QStringLiteral("/srv/ws"));
        s.sync();
        QSettings raw(file, QSettings::IniFormat);
        QVERIFY(!raw.contains(QStringLiteral("General/workspace")));
    }

    void workspaceResolution()
    {
        qputenv("OTADESK_WORKSPACE", "/from/env");
        QCOMPARE(Workspace::resolvePath(QStringLiteral("/explicit"), QStringLiteral("/fallback")),
                 QStringLiteral("/explicit"));
        QCOMPARE(Workspace::resolvePath({}, QStringLiteral("/fallback")), QStringLiteral("/from/env"));
        qunsetenv("OTADESK_WORKSPACE");
        QCOMPARE(Workspace::resolvePath({}, QStringLiteral("/fallback")), QStringLiteral("/fallback"));
        QVERIFY(Workspace::resolvePath({}).endsWith(QStringLiteral("otadesk/workspace")));
    }

    void workspaceCreatesFoldersOrSaysWhy()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("a/b/ws")));
        QVERIFY(ws.ensureExists());
        QVERIFY(QFileInfo(ws.blobsPath()).isDir());
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        Workspace bad(dir.filePath(QStringLiteral("file/ws")));
        auto r = bad.ensureExists();
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Io);
        QVERIFY(r.error().message().contains(QStringLiteral("--workspace")));
    }

    void activityLogKeepsTheNewestEntries()
    {
        ActivityLog log(3);
        QSignalSpy added(&log, &ActivityLog::entryAdded);
        for (int i = 1; i <= 5; ++i)
            log.info(QStringLiteral("test"), QString::number(i));
        QCOMPARE(added.count(), 5);
        const auto entries = log.entries();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).text, QStringLiteral("3"));
        QCOMPARE(entries.at(2).text, QStringLiteral("5"));
        QCOMPARE(entries.at(2).id, 5);
        log.error(QStringLiteral("x"), QStringLiteral("boom"));
        QCOMPARE(log.entries().last().level, ActivityEntry::Level::Error);
        log.clear();
        QVERIFY(log.entries().isEmpty());
    }

    void errorTextNamesTheLocation()
    {
        Error e(ErrorCode::Checksum, QStringLiteral("checksum is 0x4A, expected 0x4B"),
                SourceLocation{QStringLiteral("app.hex"), 12, -1, -1});
        QCOMPARE(e.toString(), QStringLiteral("app.hex:line 12: checksum is 0x4A, expected 0x4B"));
        Error o(ErrorCode::Format, QStringLiteral("bad"), SourceLocation{{}, -1, 3, 0x40});
        QCOMPARE(o.toString(), QStringLiteral("record 3, offset 0x40: bad"));
        QCOMPARE(Error::codeName(ErrorCode::Checksum), QStringLiteral("checksum"));
    }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "tst_common.moc"
