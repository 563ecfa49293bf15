#include "ui/firmware/CommandLines.h"

#include "core/firmware/MemoryImage.h"

#include <QRegularExpression>

namespace otadesk::ui::commands {

QString quoted(const QString &argument)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_@%+=:,./-]+$)"));
    if (plain.match(argument).hasMatch())
        return argument;
    QString escaped = argument;
    escaped.replace(u'\'', QLatin1String("'\\''"));
    return u'\'' + escaped + u'\'';
}

QString importFiles(const QStringList &files, const ImportOptions &options)
{
    QStringList args{QStringLiteral("otactl firmware import")};
    if (!options.product.isEmpty())
        args << QStringLiteral("--product") << quoted(options.product);
    if (!options.version.isEmpty())
        args << QStringLiteral("--version") << quoted(options.version);
    if (!options.component.isEmpty())
        args << QStringLiteral("--component") << quoted(options.component);
    if (!options.formatId.isEmpty())
        args << QStringLiteral("--format") << options.formatId;
    if (options.strictOverlaps)
        args << QStringLiteral("--strict");
    if (options.baseAddress != 0)
        args << QStringLiteral("--base-address") << firmware::formatAddress(options.baseAddress);
    if (files.isEmpty())
        args << QStringLiteral("FILE…");
    for (const QString &f : files)
        args << quoted(f);
    return args.join(u' ');
}

QString list() { return QStringLiteral("otactl firmware list"); }

QString show(qint64 id)
{
    return QStringLiteral("otactl firmware show %1").arg(id > 0 ? QString::number(id) : QStringLiteral("ID"));
}

QString exportEntry(qint64 id, const QString &formatId, const QString &path)
{
    return QStringLiteral("otactl firmware export %1 %2 --format %3")
        .arg(id > 0 ? QString::number(id) : QStringLiteral("ID"), path.isEmpty() ? QStringLiteral("OUT") : quoted(path),
             formatId.isEmpty() ? QStringLiteral("ihex") : formatId);
}

QString remove(qint64 id)
{
    return QStringLiteral("otactl firmware remove %1").arg(id > 0 ? QString::number(id) : QStringLiteral("ID"));
}

} // namespace otadesk::ui::commands
