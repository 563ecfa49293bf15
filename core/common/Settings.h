#pragma once
// Typed application preferences with their defaults in one place (KeePassXC's Config pattern). Workspace
// content (the firmware library, later keys and the local server database) lives in the Workspace folder, not
// here. Renamed keys are migrated once on load through the table in Settings.cpp.
#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

namespace otadesk {

class Settings
{
public:
    enum Key {
        WorkspacePath,      // QString: folder of the current workspace
        Language,           // QString: "" = system, "de", "en"
        ErasedByte,         // int 0..255: value used to fill gaps when flattening (flash erased value)
        HexBytesPerRecord,  // int 1..255: data bytes per record when writing Intel HEX / S-record
        StrictOverlaps,     // bool: reject files whose records overlap with different bytes
        LogRules,           // QString: QLoggingCategory filter rules
        MainWindowGeometry, // QByteArray
        MainWindowState,    // QByteArray
        LastImportFolder,   // QString
        KeyCount
    };

    // Uses QSettings' default location for the organisation/application unless a file is given (tests).
    explicit Settings(const QString &fileName = {});
    ~Settings();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    static QVariant defaultValue(Key key);
    static QString keyName(Key key);

    QString workspacePath() const { return value(WorkspacePath).toString(); }
    int erasedByte() const { return value(ErasedByte).toInt(); }
    int hexBytesPerRecord() const { return value(HexBytesPerRecord).toInt(); }
    bool strictOverlaps() const { return value(StrictOverlaps).toBool(); }

    void sync();
    QString fileName() const;

private:
    void migrate();
    std::unique_ptr<QSettings> m_settings;
};

} // namespace otadesk
