#pragma once
// The otactl command line equivalent to each GUI action, shown in status tips and dialogs.
#include "ui/firmware/ImportJob.h"

#include <QString>
#include <QStringList>

namespace otadesk::ui::commands {

QString quoted(const QString &argument); // shell-quotes when needed
QString importFiles(const QStringList &files, const ImportOptions &options = {});
QString list();
QString show(qint64 id);
QString exportEntry(qint64 id, const QString &formatId, const QString &path);
QString remove(qint64 id);

} // namespace otadesk::ui::commands
