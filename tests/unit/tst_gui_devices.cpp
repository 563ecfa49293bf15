// The Devices page driven like a user against a real otadesk-server on loopback (temporary SQLite): a few
// thousand devices imported through the API (with device tokens), some of them checked in through
// /device/v1/checkin, one self-registered and pending. The lazy table shows the server's total and fetches the
// rows of the place scrolled to, the filter box narrows rows and count (and refuses a bad filter locally with
// its column, without asking the server), the builder writes the filter text and reads it back, header clicks
// sort on the server, the details pane shows components and history and edits tags and status, the import
// wizard previews a bad CSV without writing anything, export writes the filtered devices, views are saved in
// the workspace and as server groups. Last, the time to the first page and to the middle of a 100,000-device
// fleet (printed; only a generous bound is checked).
#include "../cli/ApiFixture.h"
#include "core/client/ServerEndpoint.h"
#include "core/common/ActivityLog.h"
#include "core/common/Settings.h"
#include "tst_gui_util.h"
#include "ui/MainWindow.h"
#include "ui/devices/DeviceDetails.h"
#include "ui/devices/DeviceExportJob.h"
#include "ui/devices/DeviceFilterBar.h"
#include "ui/devices/DeviceImportDialog.h"
#include "ui/devices/DeviceTableModel.h"
#include "ui/devices/DevicesPage.h"
#include "ui/devices/FilterBuilder.h"
#include "ui/devices/SavedViews.h"
#include "ui/server/ServerConnection.h"
#include "ui/shell/Navigation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::ui;

namespace {
constexpr int kDevices = 3000;
const char *const kModels[] = {"GW-200", "GW-300", "SENS-1"};

struct Row
{
    QString serial, model, hwRev, batch;
    int year;
    bool beta;
};

Row rowOf(int i) // i = 0 .. kDevices-1
{
    return {QStringLiteral("SN-%1").arg(i + 1, 5, 10, QLatin1Char('0')), QString::fromLatin1(kModels[i % 3]),
            QString(QLatin1Char("ABC"[i % 3])), QStringLiteral("B%1").arg(17 + i / 1000), 2022 + i % 4, i % 10 == 0};
}

// Rows first .. first+count-1; large: serials of seven digits (the 100,000-device fleet).
QByteArray fleetCsv(int count, int first = 0, bool large = false)
{
    QByteArray csv = "serial,model,hw_rev,batch,year,tags\n";
    csv.reserve(count * 48);
    for (int i = first; i < first + count; ++i) {
        const Row r = rowOf(i % kDevices);
        const QString serial = large ? QStringLiteral("SN-%1").arg(i + 1, 7, 10, QLatin1Char('0')) : r.serial;
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                   .arg(serial, r.model, r.hwRev, r.batch)
                   .arg(r.year)
                   .arg(r.beta ? QStringLiteral("beta") : QString())
                   .toUtf8();
    }
    return csv;
}

QByteArray bearer(const QByteArray &token) { return "Bearer " + token; }
} // namespace

class TestGuiDevices : public QObject
{
    Q_OBJECT
private:
    ApiFixture m_api;
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<MainWindow> m_window;
    QMap<QString, QByteArray> m_tokens; // serial → device token

    DevicesPage *page() const { return m_window->findChild<DevicesPage *>(QStringLiteral("devicesPage")); }
    DeviceTableModel *model() const { return page()->model(); }

    static void screenshot(QWidget *w, const QString &name)
    {
        if (qEnvironmentVariableIsSet("OTADESK_SCREENSHOT"))
            w->grab().save(QStringLiteral("/tmp/gui5/%1.png").arg(name));
    }

    Response call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QByteArray &contentType = {}, const QByteArray &token = {})
    {
        HeaderList headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        if (!token.isEmpty())
            headers.append({"Authorization", bearer(token)});
        return m_api.call(method, path, token.isEmpty() ? m_api.adminToken : QByteArray(), body, headers);
    }

    qint64 serverCount(const QString &filter)
    {
        const Response r = call("GET", QStringLiteral("/api/v1/devices/count?filter=") +
                                           QString::fromLatin1(QUrl::toPercentEncoding(filter)));
        return r.status == 200 ? qint64(r.json().value(QStringLiteral("count")).toDouble()) : -1;
    }

    // Waits until the table finished loading after a change (the reset and the visible pages).
    bool settle(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([this] {
            if (model()->isResetting() || model()->inFlight() > 0)
                return false;
            const int first = qMax(0, page()->table()->rowAt(0));
            return model()->rowCount() == 0 || model()->isLoaded(first);
        }, timeoutMs);
    }

    void checkin(const QString &serial, const QString &mainVersion, const QString &region)
    {
        const QJsonObject report{
            {QStringLiteral("components"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                    {QStringLiteral("version"), mainVersion},
                                    {QStringLiteral("digest"), QString(64, QLatin1Char('a'))},
                                    {QStringLiteral("slot"), 1}},
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("radio")},
                                    {QStringLiteral("version"), QStringLiteral("1.4.2")}}}},
            {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("region"), region}}}};
        const Response r = call("POST", QStringLiteral("/device/v1/checkin"),
                                QJsonDocument(report).toJson(QJsonDocument::Compact), "application/json",
                                m_tokens.value(serial));
        QVERIFY2(r.status == 200, r.body.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString problem = m_api.setUp(QStringLiteral("sqlite"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Response imported = call("POST", QStringLiteral("/api/v1/devices/import?issue_tokens=1"),
                                       fleetCsv(kDevices), "text/csv");
        QVERIFY2(imported.status == 201, imported.body.left(500).constData());
        QCOMPARE(imported.json().value(QStringLiteral("created")).toInt(), kDevices);
        for (const QJsonValue &v : imported.json().value(QStringLiteral("tokens")).toArray())
            m_tokens.insert(v[QStringLiteral("serial")].toString(), v[QStringLiteral("device_token")].toString().toLatin1());
        QCOMPARE(m_tokens.size(), kDevices);
        // SN-00001 .. SN-00030 check in; SN-00001 twice, with an update in between (two history entries).
        for (int i = 1; i <= 30; ++i)
            checkin(QStringLiteral("SN-%1").arg(i, 5, 10, QLatin1Char('0')), QStringLiteral("2.%1.0").arg(i % 12),
                    i % 2 ? QStringLiteral("eu") : QStringLiteral("us"));
        checkin(QStringLiteral("SN-00001"), QStringLiteral("2.10.0"), QStringLiteral("eu"));
        // One device registers itself and waits for acceptance.
        const Response enrolToken = call("POST", QStringLiteral("/api/v1/enrolment-tokens"),
                                         R"({"label":"bench","auto_accept":false})", "application/json");
        QVERIFY2(enrolToken.status == 201, enrolToken.body.constData());
        const Response enrolled = call("POST", QStringLiteral("/device/v1/enrol"), R"({"serial":"NEW-0001","model":"GW-200"})",
                                       "application/json", enrolToken.json().value(QStringLiteral("token")).toString().toLatin1());
        QVERIFY2(enrolled.status == 201, enrolled.body.constData());
        QCOMPARE(enrolled.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_log = std::make_unique<ActivityLog>();
        m_window = std::make_unique<MainWindow>(*m_settings, m_dir.filePath(QStringLiteral("ws")), m_log.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(page());
        m_window->navigation()->setCurrent(m_window->navigation()->stack()->indexOf(page()));
    }

    void notConnectedShowsEmptyState()
    {
        QCOMPARE(page()->stack()->currentWidget(), page()->emptyState());
        QVERIFY(page()->emptyState()->isVisible());
        QCOMPARE(model()->rowCount(), 0);
        screenshot(m_window.get(), QStringLiteral("devices-empty"));
        auto *button = page()->findChild<QPushButton *>(QStringLiteral("devicesGoToServer"));
        QVERIFY(button && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(m_window->navigation()->currentId(), QStringLiteral("server"));
        m_window->navigation()->setCurrent(m_window->navigation()->stack()->indexOf(page()));
    }

    void connectShowsWholeFleet()
    {
        client::ServerEndpoint endpoint;
        endpoint.baseUrl = m_api.server->url;
        endpoint.token = QString::fromLatin1(m_api.adminToken);
        m_window->serverConnection()->connectTo(QStringLiteral("test"), endpoint, false);
        QVERIFY(QTest::qWaitFor([this] { return m_window->serverConnection()->isConnected(); }, 20000));
        QVERIFY(page()->stack()->currentWidget() != page()->emptyState());
        QVERIFY(settle());
        QCOMPARE(model()->rowCount(), kDevices + 1);
        // Sorted by serial: NEW-0001 first, then SN-00001 ...
        QCOMPARE(model()->deviceAt(0)->serial, QStringLiteral("NEW-0001"));
        QCOMPARE(model()->deviceAt(1)->serial, QStringLiteral("SN-00001"));
        QCOMPARE(model()->data(model()->index(1, DeviceTableModel::Version), Qt::DisplayRole).toString(),
                 QStringLiteral("2.10.0"));
        QVERIFY(QTest::qWaitFor([this] { return page()->filterBar()->fleetTotal() == kDevices + 1; }, 10000));
        QVERIFY2(page()->filterBar()->countLabel()->text().contains(QLocale().toString(kDevices + 1)),
                 qPrintable(page()->filterBar()->countLabel()->text()));
        QVERIFY(QTest::qWaitFor([this] { return page()->facetsLoaded(); }, 10000));
        QVERIFY(page()->builder()->modelPicker()->findText(QStringLiteral("SENS-1")) > 0);
        // Only the pages on screen were fetched, not the whole fleet.
        QVERIFY2(model()->requestsSent() <= 3, qPrintable(QString::number(model()->requestsSent())));
        screenshot(m_window.get(), QStringLiteral("devices-table"));
    }

    void scrollingFarFetchesTheRightRows()
    {
        const int before = model()->requestsSent();
        QTableView *table = page()->table();
        table->scrollToBottom();
        QVERIFY(settle());
        const int last = model()->rowCount() - 1;
        QVERIFY(QTest::qWaitFor([&] { return model()->isLoaded(last); }, 10000));
        QCOMPARE(model()->deviceAt(last)->serial, QStringLiteral("SN-03000"));
        // The middle: row r is SN-(r) (row 0 is NEW-0001).
        table->scrollTo(model()->index(1777, 0), QAbstractItemView::PositionAtTop);
        QVERIFY(QTest::qWaitFor([&] { return model()->isLoaded(1777); }, 10000));
        QCOMPARE(model()->deviceAt(1777)->serial, QStringLiteral("SN-01777"));
        QCOMPARE(model()->deviceAt(1777)->batch, rowOf(1776).batch);
        // Jumping did not fetch every page in between.
        QVERIFY2(model()->requestsSent() - before <= 6, qPrintable(QString::number(model()->requestsSent() - before)));
        table->scrollToTop();
        QVERIFY(settle());
    }

    void typedFilterNarrowsRowsAndCount()
    {
        QLineEdit *field = page()->filterBar()->field();
        QTest::keyClick(page()->table(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(field->hasFocus());
        QTest::keyClicks(field, QStringLiteral("model==GW-300;year=ge=2024"));
        const QString filter = QStringLiteral("model==GW-300;year=ge=2024");
        const qint64 expected = serverCount(filter);
        int byHand = 0;
        for (int i = 0; i < kDevices; ++i)
            byHand += rowOf(i).model == QLatin1String("GW-300") && rowOf(i).year >= 2024;
        QCOMPARE(expected, qint64(byHand));
        // The count follows the text before Enter.
        QVERIFY(QTest::qWaitFor([&] { return page()->filterBar()->matchCount() == expected; }, 10000));
        QVERIFY2(page()->filterBar()->countLabel()->text().startsWith(QLocale().toString(expected) + QStringLiteral(" of ")),
                 qPrintable(page()->filterBar()->countLabel()->text()));
        QCOMPARE(model()->rowCount(), kDevices + 1);
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(settle());
        QCOMPARE(model()->filter(), filter);
        QCOMPARE(model()->rowCount(), int(expected));
        for (int r = 0; r < qMin(50, model()->rowCount()); ++r) {
            QVERIFY(model()->deviceAt(r));
            QCOMPARE(model()->deviceAt(r)->model, QStringLiteral("GW-300"));
            QVERIFY(model()->deviceAt(r)->year >= 2024);
        }
        // The builder followed the text.
        QCOMPARE(page()->builder()->modelPicker()->currentText(), QStringLiteral("GW-300"));
        QCOMPARE(page()->builder()->yearFrom()->value(), 2024);
        QVERIFY(!page()->builder()->isEditedAsText());
        screenshot(m_window.get(), QStringLiteral("devices-filtered"));
    }

    void badFilterShowsColumnAndDoesNotQuery()
    {
        QLineEdit *field = page()->filterBar()->field();
        const int pages = model()->requestsSent();
        const int counts = page()->filterBar()->countRequests();
        const int rows = model()->rowCount();
        field->selectAll();
        QTest::keyClicks(field, QStringLiteral("model==GW-200;yaer=ge=2024"));
        QVERIFY(!page()->filterBar()->isValid());
        QCOMPARE(page()->filterBar()->errorColumn(), 15);
        QVERIFY(page()->filterBar()->errorLabel()->isVisible());
        QVERIFY2(page()->filterBar()->errorLabel()->text().contains(QStringLiteral("15")),
                 qPrintable(page()->filterBar()->errorLabel()->text()));
        QVERIFY2(page()->filterBar()->errorLabel()->text().contains(QStringLiteral("year")),
                 qPrintable(page()->filterBar()->errorLabel()->text()));
        QVERIFY(field->styleSheet().contains(QStringLiteral("background")));
        QVERIFY(page()->builder()->isEditedAsText());
        screenshot(m_window.get(), QStringLiteral("devices-bad-filter"));
        QTest::keyClick(field, Qt::Key_Return);
        QTest::qWait(DeviceFilterBar::kCountDelayMs + 300);
        QCOMPARE(model()->requestsSent(), pages);
        QCOMPARE(page()->filterBar()->countRequests(), counts);
        QCOMPARE(model()->rowCount(), rows);
        QCOMPARE(model()->filter(), QStringLiteral("model==GW-300;year=ge=2024"));
        // Fixing it clears the error.
        field->setCursorPosition(15); // y|aer
        field->del();
        field->del();
        field->insert(QStringLiteral("ea"));
        QCOMPARE(field->text(), QStringLiteral("model==GW-200;year=ge=2024"));
        QVERIFY(page()->filterBar()->isValid());
        QVERIFY(!page()->filterBar()->errorLabel()->isVisible());
        QVERIFY(field->styleSheet().isEmpty());
    }

    void builderWritesTextAndReadsItBack()
    {
        FilterBuilder *b = page()->builder();
        b->clear();
        QCOMPARE(page()->filterBar()->text(), QString());
        b->modelPicker()->setCurrentText(QStringLiteral("GW-200"));
        b->batchPicker()->setCurrentText(QStringLiteral("B18"));
        b->yearFrom()->setValue(2023);
        b->yearTo()->setValue(2024);
        QTest::keyClicks(b->serialFrom(), QStringLiteral("SN-01000"));
        QTest::keyClicks(b->serialTo(), QStringLiteral("SN-01999"));
        b->componentPicker()->setCurrentText(QStringLiteral("main"));
        b->versionOperator()->setCurrentIndex(b->versionOperator()->findData(QStringLiteral("=lt=")));
        QTest::keyClicks(b->versionField(), QStringLiteral("2.5.0"));
        b->tagPicker()->setCurrentText(QStringLiteral("beta"));
        b->statusPicker()->setCurrentIndex(b->statusPicker()->findData(QStringLiteral("accepted")));
        const QString expected = QStringLiteral("model==GW-200;batch==B18;year=ge=2023;year=le=2024;serial=ge=SN-01000;"
                                                "serial=le=SN-01999;fw.main=lt=2.5.0;tag==beta;status==accepted");
        QCOMPARE(page()->filterBar()->text(), expected);
        QVERIFY(page()->filterBar()->isValid());
        screenshot(m_window.get(), QStringLiteral("devices-builder"));
        // The builder applies its text after a short pause.
        QVERIFY(QTest::qWaitFor([&] { return model()->filter() == expected; }, 5000));
        QVERIFY(settle());
        QCOMPARE(model()->rowCount(), int(serverCount(expected)));

        // Text → builder.
        page()->filterBar()->setText(QStringLiteral("model==SENS-1;batch==B19;year==2025;fw.radio=ge=1.4"));
        QVERIFY(!b->isEditedAsText());
        QCOMPARE(b->modelPicker()->currentText(), QStringLiteral("SENS-1"));
        QCOMPARE(b->batchPicker()->currentText(), QStringLiteral("B19"));
        QCOMPARE(b->yearFrom()->value(), 2025);
        QCOMPARE(b->yearTo()->value(), 2025);
        QCOMPARE(b->componentPicker()->currentText(), QStringLiteral("radio"));
        QCOMPARE(b->versionOperator()->currentData().toString(), QStringLiteral("=ge="));
        QCOMPARE(b->versionField()->text(), QStringLiteral("1.4"));
        QCOMPARE(b->serialFrom()->text(), QString());
        // What the pickers cannot show is edited as text.
        page()->filterBar()->setText(QStringLiteral("model==GW-200,model==GW-300"));
        QVERIFY(b->isEditedAsText());
        QVERIFY(b->note()->isVisible());
        page()->applyFilter(QString());
        QVERIFY(settle());
        QCOMPARE(model()->rowCount(), kDevices + 1);
    }

    void headerClickSortsOnTheServer()
    {
        QHeaderView *header = page()->table()->horizontalHeader();
        const int x = header->sectionViewportPosition(DeviceTableModel::Year) + 10;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        QVERIFY(settle());
        QCOMPARE(model()->sortKey(), QStringLiteral("year"));
        const Qt::SortOrder first = model()->sortOrder();
        if (first == Qt::AscendingOrder) { // one more click: newest first
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
            QVERIFY(settle());
        }
        QCOMPARE(model()->sortOrder(), Qt::DescendingOrder);
        QCOMPARE(model()->deviceAt(0)->year, 2025);
        QVERIFY(model()->deviceAt(0)->serial != QStringLiteral("NEW-0001"));
        // The last rows have the oldest year (the pending device has none and sorts at one end).
        page()->table()->scrollToBottom();
        QVERIFY(settle());
        const int last = model()->rowCount() - 1;
        QVERIFY(QTest::qWaitFor([&] { return model()->isLoaded(last - 1); }, 10000));
        QVERIFY(model()->deviceAt(last - 1)->year <= 2022);
        // Tags cannot be sorted on the server: the indicator stays on Year.
        const int tx = header->sectionViewportPosition(DeviceTableModel::Tags) + 10;
        const int sent = model()->requestsSent();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(tx, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), int(DeviceTableModel::Year));
        QCOMPARE(model()->sortKey(), QStringLiteral("year"));
        QTest::qWait(200);
        QCOMPARE(model()->requestsSent(), sent);
        // Back to serial order.
        header->setSortIndicator(DeviceTableModel::Serial, Qt::AscendingOrder);
        page()->table()->scrollToTop();
        QVERIFY(settle());
        QCOMPARE(model()->deviceAt(0)->serial, QStringLiteral("NEW-0001"));
    }

    void detailsShowComponentsAndHistory()
    {
        page()->applyFilter(QStringLiteral("serial==SN-00001"));
        QVERIFY(settle());
        QCOMPARE(model()->rowCount(), 1);
        page()->table()->selectRow(0);
        DeviceDetails *d = page()->details();
        QVERIFY(QTest::qWaitFor([&] { return d->serial() == QStringLiteral("SN-00001") && !d->isLoading() &&
                                             d->components()->rowCount() > 0; }, 10000));
        QCOMPARE(d->identityValue(QStringLiteral("model")), QStringLiteral("GW-200"));
        QCOMPARE(d->identityValue(QStringLiteral("batch")), QStringLiteral("B17"));
        QCOMPARE(d->identityValue(QStringLiteral("year")), QStringLiteral("2022"));
        QCOMPARE(d->components()->rowCount(), 2);
        QCOMPARE(d->components()->item(0, 0)->text(), QStringLiteral("main"));
        QCOMPARE(d->components()->item(0, 1)->text(), QStringLiteral("2.10.0"));
        QCOMPARE(d->components()->item(0, 2)->text(), QStringLiteral("1"));
        QCOMPARE(d->components()->item(0, 3)->text(), QString(64, QLatin1Char('a')));
        QCOMPARE(d->properties()->findItems(QStringLiteral("region"), Qt::MatchExactly).size(), 1);
        // Two check-ins that changed something (the first report, then 2.1.0 → 2.10.0).
        QStringList kinds;
        for (int i = 0; i < d->history()->topLevelItemCount(); ++i)
            kinds << d->history()->topLevelItem(i)->text(1);
        QVERIFY2(d->history()->topLevelItemCount() >= 2, qPrintable(kinds.join(u',')));
        QVERIFY2(d->history()->topLevelItem(0)->text(2).contains(QStringLiteral("2.10.0")),
                 qPrintable(d->history()->topLevelItem(0)->text(2)));
        QVERIFY(d->tags()->findItems(QStringLiteral("beta"), Qt::MatchExactly).size() == 1);
        d->tabs()->setCurrentIndex(1);
        screenshot(m_window.get(), QStringLiteral("devices-details"));
        d->tabs()->setCurrentIndex(0);

        // Add a tag: the server has it, the table row shows it.
        QTest::keyClicks(d->tagField(), QStringLiteral("field-test"));
        QVERIFY(d->addTagButton()->isEnabled());
        QTest::mouseClick(d->addTagButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return d->tags()->findItems(QStringLiteral("field-test"), Qt::MatchExactly).size() == 1; }, 10000));
        QCOMPARE(serverCount(QStringLiteral("tag==field-test")), 1);
        QVERIFY(QTest::qWaitFor([&] {
            return model()->data(model()->index(0, DeviceTableModel::Tags), Qt::DisplayRole).toString().contains(QStringLiteral("field-test"));
        }, 10000));
        d->tags()->setCurrentRow(int(d->tags()->row(d->tags()->findItems(QStringLiteral("field-test"), Qt::MatchExactly).front())));
        QTest::mouseClick(d->removeTagButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return serverCount(QStringLiteral("tag==field-test")) == 0; }, 10000));
    }

    void pendingDeviceIsAccepted()
    {
        page()->applyFilter(QStringLiteral("status==pending"));
        QVERIFY(settle());
        QCOMPARE(model()->rowCount(), 1);
        page()->table()->selectRow(0);
        DeviceDetails *d = page()->details();
        QVERIFY(QTest::qWaitFor([&] { return d->serial() == QStringLiteral("NEW-0001") && !d->isLoading() &&
                                             d->identityValue(QStringLiteral("status")) == QStringLiteral("pending"); }, 10000));
        QVERIFY(d->acceptButton()->isVisible() && d->acceptButton()->isEnabled());
        QTest::mouseClick(d->acceptButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return d->identityValue(QStringLiteral("status")) == QStringLiteral("accepted"); }, 10000));
        QVERIFY(!d->acceptButton()->isVisible());
        QCOMPARE(serverCount(QStringLiteral("status==pending")), 0);
    }

    void importPreviewShowsProblemsAndWritesNothing()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("serial,model,batch,year\n"
                    "IMP-001,GW-200,B30,2025\n"
                    "IMP-002,GW-200,B30,twenty\n"
                    ",GW-200,B30,2025\n"
                    "IMP-004,GW-300,B30,2025\n");
        }
        page()->applyFilter(QString());
        QVERIFY(settle());
        const qint64 before = serverCount(QString());
        const QString tokens = m_dir.filePath(QStringLiteral("tokens.csv"));
        int problems = -1;
        QString summary;
        bool previewed = false;
        {
            test::ScriptedDialogs dialogs([&](QDialog *dialog) {
                auto *w = qobject_cast<DeviceImportDialog *>(dialog);
                if (!w)
                    return int(QDialog::Rejected);
                w->fileField()->setText(bad);
                QTest::mouseClick(w->previewButton(), Qt::LeftButton);
                previewed = QTest::qWaitFor([w] { return w->step() == DeviceImportDialog::Preview && !w->isBusy(); }, 10000);
                problems = w->problemsTable()->rowCount();
                summary = w->summary()->text();
                w->show();
                screenshot(w, QStringLiteral("devices-import-preview"));
                // Import is refused while problem rows would be skipped silently.
                if (w->importButton()->isEnabled())
                    problems = -2;
                return int(QDialog::Rejected);
            });
            page()->importAction()->trigger();
        }
        QVERIFY(previewed);
        QCOMPARE(problems, 2);
        QVERIFY2(summary.contains(QStringLiteral("create 2")), qPrintable(summary));
        QCOMPARE(serverCount(QString()), before);

        // The valid rows only, with tokens saved to a file.
        QString result;
        {
            test::ScriptedDialogs dialogs([&](QDialog *dialog) {
                auto *w = qobject_cast<DeviceImportDialog *>(dialog);
                if (!w)
                    return int(QDialog::Rejected);
                w->fileField()->setText(bad);
                w->tokensBox()->setChecked(true);
                w->tokenFileField()->setText(tokens);
                QTest::mouseClick(w->previewButton(), Qt::LeftButton);
                if (!QTest::qWaitFor([w] { return w->step() == DeviceImportDialog::Preview && !w->isBusy(); }, 10000))
                    return int(QDialog::Rejected);
                w->validOnlyBox()->setChecked(true);
                if (!w->importButton()->isEnabled())
                    return int(QDialog::Rejected);
                QTest::mouseClick(w->importButton(), Qt::LeftButton);
                if (!QTest::qWaitFor([w] { return w->step() == DeviceImportDialog::Result; }, 10000))
                    return int(QDialog::Rejected);
                result = w->resultLabel()->text();
                return int(QDialog::Accepted);
            });
            page()->importAction()->trigger();
        }
        QVERIFY2(result.contains(QStringLiteral("2 created")), qPrintable(result));
        QCOMPARE(serverCount(QString()), before + 2);
        QFile f(tokens);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QByteArray("serial,device_token"));
        QVERIFY(lines[1].startsWith("IMP-001,otdd_"));
        // The issued token works for a check-in.
        m_tokens.insert(QStringLiteral("IMP-001"), lines[1].mid(8));
        checkin(QStringLiteral("IMP-001"), QStringLiteral("1.0.0"), QStringLiteral("eu"));
        QVERIFY(QTest::qWaitFor([this, before] { return model()->rowCount() == before + 2; }, 10000));
    }

    void exportWritesTheFilteredDevices()
    {
        page()->applyFilter(QStringLiteral("batch==B18;tag==beta"));
        QVERIFY(settle());
        const QString path = m_dir.filePath(QStringLiteral("export.csv"));
        page()->exportTo(path);
        QVERIFY(page()->exportJob());
        QVERIFY(QTest::qWaitFor([this] { return !page()->exportJob(); }, 20000));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QVERIFY2(lines[0].startsWith("serial,model,hw_rev,batch,year"), lines[0].constData());
        QStringList expected;
        for (int i = 0; i < kDevices; ++i)
            if (rowOf(i).batch == QLatin1String("B18") && rowOf(i).beta)
                expected << rowOf(i).serial;
        QCOMPARE(lines.size() - 1, expected.size());
        QStringList serials;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            serials << QString::fromUtf8(lines[i].left(lines[i].indexOf(',')));
            QVERIFY(lines[i].contains(",B18,"));
        }
        serials.sort();
        QCOMPARE(serials, expected);
        // A cancelled export leaves no file behind.
        const QString cancelled = m_dir.filePath(QStringLiteral("cancelled.csv"));
        page()->applyFilter(QString());
        QVERIFY(settle());
        page()->exportTo(cancelled);
        QVERIFY(page()->exportJob());
        page()->exportJob()->cancel();
        QVERIFY(QTest::qWaitFor([this] { return !page()->exportJob(); }, 20000));
        QVERIFY(!QFile::exists(cancelled));
    }

    void savedViewsRecallFilterAndSort()
    {
        page()->applyFilter(QStringLiteral("model==GW-300;tag==beta"));
        page()->table()->horizontalHeader()->setSortIndicator(DeviceTableModel::Batch, Qt::DescendingOrder);
        QVERIFY(settle());
        QCOMPARE(DevicesPage::serverGroupName(QStringLiteral(" Beta GW-300 (QA)")), QStringLiteral("Beta-GW-300-QA"));
        QCOMPARE(DevicesPage::serverGroupName(QStringLiteral("--")), QString());
        page()->saveView(QStringLiteral("Beta GW-300"));
        QFile file(QDir(m_dir.filePath(QStringLiteral("ws"))).filePath(QStringLiteral("device-views.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY2(json.contains("model==GW-300;tag==beta") && json.contains("\"batch\""), json.constData());
        // ... and on the server as a dynamic group.
        QVERIFY(QTest::qWaitFor([this] {
            const Response g = call("GET", QStringLiteral("/api/v1/groups/Beta-GW-300"));
            return g.status == 200 && g.json().value(QStringLiteral("filter")).toString() == QStringLiteral("model==GW-300;tag==beta");
        }, 10000));
        QVERIFY(QTest::qWaitFor([this] { return page()->viewChooser()->findText(QStringLiteral("Group: Beta-GW-300")) > 0; }, 10000));

        page()->applyFilter(QString());
        page()->table()->horizontalHeader()->setSortIndicator(DeviceTableModel::Serial, Qt::AscendingOrder);
        QVERIFY(settle());
        QVERIFY(page()->selectView(QStringLiteral("Beta GW-300")));
        QVERIFY(settle());
        QCOMPARE(model()->filter(), QStringLiteral("model==GW-300;tag==beta"));
        QCOMPARE(model()->sortKey(), QStringLiteral("batch"));
        QCOMPARE(model()->sortOrder(), Qt::DescendingOrder);
        QCOMPARE(page()->table()->horizontalHeader()->sortIndicatorSection(), int(DeviceTableModel::Batch));
        QCOMPARE(model()->rowCount(), int(serverCount(QStringLiteral("model==GW-300;tag==beta"))));
        QCOMPARE(model()->deviceAt(0)->batch, QStringLiteral("B19"));
        // The server group gives the same rows, by group==.
        QVERIFY(page()->selectView(QStringLiteral("Group: Beta-GW-300")));
        QVERIFY(settle());
        QCOMPARE(model()->rowCount(), int(serverCount(QStringLiteral("model==GW-300;tag==beta"))));
        // A new page on the same workspace finds the view again.
        SavedViews again;
        again.setWorkspace(m_dir.filePath(QStringLiteral("ws")));
        QVERIFY(again.find(QStringLiteral("Beta GW-300")));
        QCOMPARE(again.find(QStringLiteral("Beta GW-300"))->sort, QStringLiteral("batch"));
    }

    void refreshShortcut()
    {
        const int sent = model()->requestsSent();
        QTest::keyClick(page()->table(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY(model()->requestsSent() > sent);
        QVERIFY(settle());
    }

    void largeFleetFigures()
    {
        constexpr int kLarge = 100000;
        ApiFixture big;
        const QString problem = big.setUp(QStringLiteral("sqlite"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QElapsedTimer clock;
        clock.start();
        // In chunks: one HTTP exchange of the fixture may take 10 s at most on a busy machine.
        for (int first = 0; first < kLarge; first += kLarge / 10) {
            const Response imported = big.call("POST", QStringLiteral("/api/v1/devices/import"), big.adminToken,
                                               fleetCsv(kLarge / 10, first, true), {{"Content-Type", "text/csv"}});
            QVERIFY2(imported.status == 201, imported.body.left(300).constData());
        }
        const double importMs = double(clock.nsecsElapsed()) / 1e6;

        ServerConnection connection;
        client::ServerEndpoint endpoint;
        endpoint.baseUrl = big.server->url;
        endpoint.token = QString::fromLatin1(big.adminToken);
        connection.connectTo(QStringLiteral("big"), endpoint, false);
        QVERIFY(QTest::qWaitFor([&] { return connection.isConnected(); }, 20000));
        DevicesPage view(&connection, m_log.get());
        view.resize(1400, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        clock.restart();
        view.model()->refresh();
        QVERIFY(QTest::qWaitFor([&] { return !view.model()->isResetting() && view.model()->isLoaded(0); }, 60000));
        const double firstPageMs = double(clock.nsecsElapsed()) / 1e6;
        QCOMPARE(view.model()->rowCount(), kLarge);
        QTest::qWait(10); // paint
        clock.restart();
        view.table()->scrollTo(view.model()->index(kLarge / 2, 0), QAbstractItemView::PositionAtCenter);
        QVERIFY(QTest::qWaitFor([&] { return view.model()->isLoaded(kLarge / 2); }, 60000));
        const double middleMs = double(clock.nsecsElapsed()) / 1e6;
        QCOMPARE(view.model()->deviceAt(kLarge / 2)->serial, QStringLiteral("SN-%1").arg(kLarge / 2 + 1, 7, 10, QLatin1Char('0')));
        // Dragging the scroll bar through the fleet: only the pages where it stops are fetched.
        const int sent = view.model()->requestsSent();
        clock.restart();
        QScrollBar *bar = view.table()->verticalScrollBar();
        for (int step = 0; step <= 50; ++step) {
            bar->setValue(bar->maximum() * step / 50);
            QTest::qWait(5);
        }
        QVERIFY(QTest::qWaitFor([&] { return view.model()->isLoaded(kLarge - 1); }, 60000));
        const double dragMs = double(clock.nsecsElapsed()) / 1e6;
        const int dragRequests = view.model()->requestsSent() - sent;
        screenshot(&view, QStringLiteral("devices-100k"));
        qInfo("100,000 devices: import %.0f ms, first page %.1f ms, jump to the middle %.1f ms, drag top to bottom "
              "%.0f ms with %d page requests",
              importMs, firstPageMs, middleMs, dragMs, dragRequests);
        QVERIFY2(firstPageMs < 10000 && middleMs < 10000, "generous bound: 10 s");
        QVERIFY2(dragRequests < 40, qPrintable(QString::number(dragRequests)));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestGuiDevices)
#include "tst_gui_devices.moc"
