// otadesk: the desktop application. Thin: options, translations, the main window.
#include "core/common/Logging.h"
#include "core/common/Settings.h"
#include "core/common/Version.h"
#include "ui/MainWindow.h"
#include "ui/server/ServerConnection.h"
#include "ui/server/ServerPage.h"
#include "ui/firmware/EntryPreview.h"
#include "ui/firmware/FirmwarePage.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/shell/Navigation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QStackedWidget>
#include <QTimer>
#include <QTranslator>

namespace {

void loadTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("otadesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(translator);
    else
        delete translator; // no translation for this language: the built-in English text is used
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
}

// Waits until start-up work (library listing, loading the selected image) is done, then saves a picture of
// the window and quits.
void scheduleScreenshot(otadesk::ui::MainWindow &window, const QString &path)
{
    auto *timer = new QTimer(&window);
    auto *clock = new QElapsedTimer;
    clock->start();
    QObject::connect(timer, &QTimer::timeout, &window, [&window, path, timer, clock] {
        const bool busy = window.firmwarePage()->isBusy() || window.firmwarePage()->preview()->isLoading();
        if (busy && clock->elapsed() < 10000)
            return;
        if (clock->elapsed() < 600)
            return; // let layouts and the first paint settle
        timer->stop();
        delete clock;
        const bool ok = window.grab().save(path);
        if (!ok)
            qCCritical(lcApp, "Cannot write the screenshot to %s", qUtf8Printable(path));
        QApplication::exit(ok ? 0 : 1);
    });
    timer->start(100);
}

// --select: ids ("12") or file names ("firmware-base.bin", every entry of that name).
void selectEntries(otadesk::ui::FirmwarePage &page, const QStringList &references)
{
    QList<qint64> ids;
    const auto &entries = page.model()->entries();
    for (const QString &reference : references) {
        bool isId = false;
        const qint64 id = reference.trimmed().toLongLong(&isId);
        for (const otadesk::library::FirmwareEntry &e : entries)
            if (isId ? e.id == id : e.name == reference.trimmed())
                ids.append(e.id);
    }
    if (ids.isEmpty())
        qCWarning(lcApp, "--select: no library entry matches %s", qUtf8Printable(references.join(u',')));
    page.selectIds(ids);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("otadesk"));
    QApplication::setOrganizationDomain(QString::fromLatin1(otadesk::kOrganizationDomain));
    QApplication::setApplicationName(QStringLiteral("otadesk"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(otadesk::kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(otadesk::kVersion));
    QApplication::setDesktopFileName(QString::fromLatin1(otadesk::kDesktopFileName));

    otadesk::Settings settings;
    loadTranslations(app, settings.value(otadesk::Settings::Language).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Firmware update management for IoT fleets"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        QApplication::translate("main", "Use the workspace folder DIR (default: $OTADESK_WORKSPACE, then the "
                                        "settings)."),
        QStringLiteral("DIR"));
    const QCommandLineOption logRules(
        QStringLiteral("log-rules"),
        QApplication::translate("main", "Developer logging rules, e.g. \"otadesk.firmware.debug=true\"."),
        QStringLiteral("RULES"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a picture of the main window after start-up to FILE and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption select(
        QStringLiteral("select"),
        QApplication::translate("main", "Select library entries after start-up: comma-separated ids or file "
                                        "names (e.g. for --screenshot of a comparison)."),
        QStringLiteral("ENTRIES"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QApplication::translate("main", "Show the page ID after start-up: firmware, keys, manifests, devices, "
                                        "campaigns, bench or server."),
        QStringLiteral("ID"));
    parser.addOptions({workspace, logRules, screenshot, select, page});
    parser.process(app);

    otadesk::applyLogRules(parser.isSet(logRules) ? parser.value(logRules)
                                                  : settings.value(otadesk::Settings::LogRules).toString());

    otadesk::ui::MainWindow window(settings, parser.value(workspace));
    window.show();
    if (parser.isSet(select))
        selectEntries(*window.firmwarePage(), parser.value(select).split(u',', Qt::SkipEmptyParts));
    if (parser.isSet(page)) {
        otadesk::ui::Navigation *navigation = window.navigation();
        QWidget *shown = navigation->page(parser.value(page));
        if (shown)
            navigation->setCurrent(navigation->stack()->indexOf(shown));
        else
            qCWarning(lcApp, "--page: no page is called %s", qUtf8Printable(parser.value(page)));
    }
    if (parser.isSet(screenshot))
        scheduleScreenshot(window, QDir::current().absoluteFilePath(parser.value(screenshot)));
    else // the embedded default: the bundled local server on the workspace, as last time
        window.serverPage()->connectAtStartup();
    return QApplication::exec();
}
