#pragma once
// The text of the "Import finished" box: counts, then every failed file by name with the reader's message
// (which names the line / record / offset), so an error is readable without opening "Show Details…".
#include "ui/firmware/ImportJob.h"

#include <QCoreApplication>

namespace otadesk::ui {

class ImportSummaryText
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::ui::ImportSummaryText)
public:
    static QString text(const ImportSummary &summary);        // the main text (plain)
    static QString detailedText(const ImportSummary &summary); // every file with its warnings
    static constexpr int kFailuresShown = 5;
};

} // namespace otadesk::ui
