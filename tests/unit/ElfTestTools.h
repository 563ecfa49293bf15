#pragma once
// Helpers for tst_elf: running the system toolchain (cc, ld, objcopy, readelf, nm) and reading its answers.
#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>
#include <QtEndian>

namespace otadesk::test {

struct ToolRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

inline ToolRun runTool(const QString &name, const QStringList &args, const QString &workDir = {})
{
    ToolRun r;
    const QString exe = QStandardPaths::findExecutable(name);
    if (exe.isEmpty())
        return r;
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(exe, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline bool haveTools(const QStringList &names)
{
    for (const QString &n : names) {
        if (QStandardPaths::findExecutable(n).isEmpty())
            return false;
    }
    return true;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

struct LoadLine
{
    quint64 offset = 0, vaddr = 0, paddr = 0, filesz = 0, memsz = 0;
};

// The LOAD rows of `readelf -lW`.
inline QList<LoadLine> readelfLoads(const QByteArray &readelfOutput)
{
    QList<LoadLine> out;
    static const QRegularExpression re(
        QStringLiteral(
            R"(^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+))"),
        QRegularExpression::MultilineOption);
    auto it = re.globalMatch(QString::fromUtf8(readelfOutput));
    while (it.hasNext()) {
        const auto m = it.next();
        out.append({m.captured(1).toULongLong(nullptr, 16), m.captured(2).toULongLong(nullptr, 16),
                    m.captured(3).toULongLong(nullptr, 16), m.captured(4).toULongLong(nullptr, 16),
                    m.captured(5).toULongLong(nullptr, 16)});
    }
    return out;
}

// "Entry point address: 0x8000000" from `readelf -h`; -1 if missing.
inline qint64 readelfEntry(const QByteArray &readelfOutput)
{
    static const QRegularExpression re(QStringLiteral(R"(Entry point address:\s+0x([0-9a-f]+))"));
    const auto m = re.match(QString::fromUtf8(readelfOutput));
    return m.hasMatch() ? qint64(m.captured(1).toULongLong(nullptr, 16)) : -1;
}

// Value of a symbol in `nm` output; -1 if missing.
inline qint64 nmValue(const QByteArray &nmOutput, const QString &symbol)
{
    const QRegularExpression re(QStringLiteral(R"(^([0-9a-f]+) \w )") + QRegularExpression::escape(symbol) +
                                    QStringLiteral("$"),
                                QRegularExpression::MultilineOption);
    const auto m = re.match(QString::fromUtf8(nmOutput));
    return m.hasMatch() ? qint64(m.captured(1).toULongLong(nullptr, 16)) : -1;
}

// Little-endian patch of `bytes` bytes at `offset` (no-op if out of range).
inline void patchLE(QByteArray &data, qsizetype offset, quint64 value, int bytes)
{
    if (offset < 0 || offset + bytes > data.size())
        return;
    for (int i = 0; i < bytes; ++i)
        data[offset + i] = char((value >> (8 * i)) & 0xff);
}

inline quint64 readLE(const QByteArray &data, qsizetype offset, int bytes)
{
    quint64 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | quint8(data.at(offset + i));
    return v;
}

} // namespace otadesk::test
