#include "ui/firmware/ImportSummaryText.h"

#include <QFileInfo>

namespace otadesk::ui {

QString ImportSummaryText::text(const ImportSummary &summary)
{
    QStringList lines;
    lines << tr("%n file(s) imported.", nullptr, summary.importedCount());
    int present = 0;
    for (const ImportFileResult &f : summary.files)
        present += f.alreadyPresent ? 1 : 0;
    if (present)
        lines << tr("%n file(s) were already in the library.", nullptr, present);
    if (summary.failedCount()) {
        lines << tr("%n file(s) could not be imported; nothing was changed for them:", nullptr,
                    summary.failedCount());
        int shown = 0;
        for (const ImportFileResult &f : summary.files) {
            if (f.ok)
                continue;
            if (shown++ == kFailuresShown) {
                lines << tr("… and %n more (see Show Details…)", nullptr, summary.failedCount() - kFailuresShown);
                break;
            }
            lines << tr("• %1 — %2").arg(QFileInfo(f.path).fileName(), f.error);
        }
    }
    if (summary.warningCount())
        lines << tr("%n warning(s) — shown in the details of the entries and in the activity log.", nullptr,
                    summary.warningCount());
    if (summary.cancelled)
        lines << tr("The import was cancelled.");
    return lines.join(u'\n');
}

QString ImportSummaryText::detailedText(const ImportSummary &summary)
{
    QStringList details;
    for (const ImportFileResult &f : summary.files) {
        details << (f.ok ? tr("✓ %1").arg(f.path) : tr("✗ %1: %2").arg(f.path, f.error));
        for (const QString &w : f.warnings)
            details << QStringLiteral("    ") + w;
    }
    return details.join(u'\n');
}

} // namespace otadesk::ui
