#include "ui/devices/DeviceDetails.h"

#include "ui/devices/DeviceText.h"
#include "ui/server/ServerConnection.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
QString jsonText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return v.toVariant().toString();
}

QTableWidget *makeTable(const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()));
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}
} // namespace

DeviceDetails::DeviceDetails(ServerConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_title(new QLabel), m_message(new QLabel),
      m_tabs(new QTabWidget), m_identity(new QFormLayout),
      m_components(makeTable(QStringLiteral("deviceComponents"), {tr("Component"), tr("Version"), tr("Slot"),
                                                                   tr("Digest (SHA-256)")})),
      m_properties(makeTable(QStringLiteral("deviceProperties"), {tr("Kind"), tr("Name"), tr("Value")})),
      m_history(new QTreeWidget), m_tags(new QListWidget), m_tagField(new QLineEdit),
      m_addTag(new QPushButton(tr("Add tag"))), m_removeTag(new QPushButton(tr("Remove tag"))),
      m_accept(new QPushButton(tr("Accept"))), m_reject(new QPushButton(tr("Reject")))
{
    setObjectName(QStringLiteral("deviceDetails"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    m_title->setObjectName(QStringLiteral("deviceTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_title->setFont(f);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("deviceMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_message);

    auto *overview = new QWidget;
    auto *ov = new QVBoxLayout(overview);
    ov->addLayout(m_identity);
    const QList<std::pair<QString, QString>> fields = {
        {QStringLiteral("status"), tr("Status:")},        {QStringLiteral("model"), tr("Model:")},
        {QStringLiteral("hw_rev"), tr("Hardware revision:")}, {QStringLiteral("batch"), tr("Batch:")},
        {QStringLiteral("year"), tr("Production year:")}, {QStringLiteral("vendor_id"), tr("Vendor ID:")},
        {QStringLiteral("class_id"), tr("Class ID:")},    {QStringLiteral("update_state"), tr("Update state:")},
        {QStringLiteral("address"), tr("Address:")},      {QStringLiteral("wake"), tr("Wake schedule:")},
        {QStringLiteral("first_seen"), tr("First seen:")}, {QStringLiteral("last_seen"), tr("Last seen:")},
        {QStringLiteral("created_at"), tr("Registered:")}};
    for (const auto &[key, label] : fields) {
        auto *value = new QLabel;
        value->setObjectName(QStringLiteral("deviceValue_") + key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_values.insert(key, value);
        m_identity->addRow(label, value);
    }
    auto *statusRow = new QHBoxLayout;
    m_accept->setObjectName(QStringLiteral("deviceAccept"));
    m_reject->setObjectName(QStringLiteral("deviceReject"));
    m_accept->setToolTip(tr("Let this self-registered device check in"));
    m_reject->setToolTip(tr("Refuse this device's check-ins"));
    connect(m_accept, &QPushButton::clicked, this, [this] { edit({{QStringLiteral("status"), QStringLiteral("accepted")}}); });
    connect(m_reject, &QPushButton::clicked, this, [this] { edit({{QStringLiteral("status"), QStringLiteral("rejected")}}); });
    statusRow->addWidget(m_accept);
    statusRow->addWidget(m_reject);
    statusRow->addStretch();
    ov->addLayout(statusRow);

    ov->addWidget(new QLabel(tr("Tags:")));
    m_tags->setObjectName(QStringLiteral("deviceTags"));
    m_tags->setMaximumHeight(90);
    ov->addWidget(m_tags);
    auto *tagRow = new QHBoxLayout;
    m_tagField->setObjectName(QStringLiteral("deviceTagField"));
    m_tagField->setPlaceholderText(tr("new tag"));
    m_addTag->setObjectName(QStringLiteral("deviceAddTag"));
    m_removeTag->setObjectName(QStringLiteral("deviceRemoveTag"));
    connect(m_addTag, &QPushButton::clicked, this, [this] {
        const QString tag = m_tagField->text().trimmed();
        if (!tag.isEmpty())
            edit({{QStringLiteral("add_tags"), QJsonArray{tag}}});
    });
    connect(m_tagField, &QLineEdit::returnPressed, m_addTag, &QPushButton::click);
    connect(m_removeTag, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_tags->currentItem())
            edit({{QStringLiteral("remove_tags"), QJsonArray{item->text()}}});
    });
    connect(m_tags, &QListWidget::currentRowChanged, this, &DeviceDetails::updateButtons);
    connect(m_tagField, &QLineEdit::textChanged, this, &DeviceDetails::updateButtons);
    tagRow->addWidget(m_tagField, 1);
    tagRow->addWidget(m_addTag);
    tagRow->addWidget(m_removeTag);
    ov->addLayout(tagRow);
    ov->addStretch();

    m_history->setObjectName(QStringLiteral("deviceHistory"));
    m_history->setHeaderLabels({tr("When"), tr("Event"), tr("Details")});
    m_history->setRootIsDecorated(false);
    m_history->header()->setStretchLastSection(true);

    m_tabs->setObjectName(QStringLiteral("deviceTabs"));
    m_tabs->addTab(overview, tr("Overview"));
    m_tabs->addTab(m_components, tr("Components"));
    m_tabs->addTab(m_properties, tr("Attributes"));
    m_tabs->addTab(m_history, tr("History"));
    layout->addWidget(m_tabs, 1);
    showDevice({});
}

QString DeviceDetails::identityValue(const QString &field) const
{
    const QLabel *l = m_values.value(field);
    return l ? l->text() : QString();
}

void DeviceDetails::showDevice(const QString &serial)
{
    if (m_call)
        m_call->abort();
    m_serial = serial;
    m_details = {};
    if (serial.isEmpty() || !m_connection->isConnected()) {
        m_title->setText(tr("No device selected"));
        m_message->setText(tr("Select a device in the table to see its components, attributes and history."));
        m_tabs->setEnabled(false);
        fill();
        return;
    }
    m_title->setText(serial);
    m_message->setText(tr("Loading…"));
    m_call = client::FleetClient(m_connection->client()).device(serial);
    m_call->then(this, [this, serial](const client::ApiCall &call) {
        if (serial != m_serial)
            return;
        if (call.failed()) {
            if (call.error().kind() != client::ApiError::Kind::Cancelled)
                m_message->setText(tr("Cannot load the device: %1").arg(call.error().toString()));
            return;
        }
        m_details = client::FleetClient::deviceDetailsFromJson(call.object());
        m_message->clear();
        m_tabs->setEnabled(true);
        fill();
        Q_EMIT loaded();
    });
}

void DeviceDetails::fill()
{
    const fleet::Device &d = m_details.device;
    const auto set = [this](const QString &key, const QString &text, const QString &tip = {}) {
        m_values.value(key)->setText(text);
        m_values.value(key)->setToolTip(tip);
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    set(QStringLiteral("status"), d.status);
    set(QStringLiteral("model"), d.model);
    set(QStringLiteral("hw_rev"), d.hardwareRevision);
    set(QStringLiteral("batch"), d.batch);
    set(QStringLiteral("year"), d.year ? QString::number(d.year) : QString());
    set(QStringLiteral("vendor_id"), d.vendorId);
    set(QStringLiteral("class_id"), d.classId);
    set(QStringLiteral("update_state"), d.updateState);
    set(QStringLiteral("address"), d.address);
    set(QStringLiteral("wake"), d.wakeSchedule);
    set(QStringLiteral("first_seen"), d.serial.isEmpty() ? QString() : DeviceText::relativeTime(d.firstSeen, now),
        DeviceText::exactTime(d.firstSeen));
    set(QStringLiteral("last_seen"), d.serial.isEmpty() ? QString() : DeviceText::relativeTime(d.lastSeen, now),
        DeviceText::exactTime(d.lastSeen));
    set(QStringLiteral("created_at"), DeviceText::exactTime(d.createdAt));

    m_components->setRowCount(int(d.components.size()));
    for (int i = 0; i < d.components.size(); ++i) {
        const fleet::InstalledComponent &c = d.components[i];
        m_components->setItem(i, 0, new QTableWidgetItem(c.name));
        m_components->setItem(i, 1, new QTableWidgetItem(c.version));
        m_components->setItem(i, 2, new QTableWidgetItem(c.slot >= 0 ? QString::number(c.slot) : QString()));
        m_components->setItem(i, 3, new QTableWidgetItem(QString::fromLatin1(c.digest.toHex())));
    }
    m_properties->setRowCount(0);
    const auto addProperties = [this](const QString &kind, const QMap<QString, QString> &map) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const int row = m_properties->rowCount();
            m_properties->insertRow(row);
            m_properties->setItem(row, 0, new QTableWidgetItem(kind));
            m_properties->setItem(row, 1, new QTableWidgetItem(it.key()));
            m_properties->setItem(row, 2, new QTableWidgetItem(it.value()));
        }
    };
    addProperties(tr("reported"), d.attributes);
    addProperties(tr("metadata"), d.metadata);

    m_tags->clear();
    m_tags->addItems(d.tags);
    m_history->clear();
    for (const client::DeviceHistoryEntry &e : m_details.history) {
        QStringList parts;
        for (auto it = e.details.begin(); it != e.details.end(); ++it)
            parts << it.key() + QStringLiteral(": ") + jsonText(it.value());
        auto *item = new QTreeWidgetItem(m_history, {DeviceText::exactTime(e.at.toMSecsSinceEpoch()), e.kind,
                                                     parts.join(QStringLiteral("; "))});
        item->setToolTip(2, parts.join(u'\n'));
    }
    m_history->resizeColumnToContents(0);
    updateButtons();
}

void DeviceDetails::updateButtons()
{
    const bool write = m_connection->can(QStringLiteral("devices.write")) && !m_details.device.serial.isEmpty();
    const bool pending = m_details.device.status == QLatin1String("pending");
    m_accept->setVisible(pending || m_details.device.status == QLatin1String("rejected"));
    m_reject->setVisible(pending);
    m_accept->setEnabled(write);
    m_reject->setEnabled(write);
    m_tagField->setEnabled(write);
    m_addTag->setEnabled(write && !m_tagField->text().trimmed().isEmpty());
    m_removeTag->setEnabled(write && m_tags->currentItem());
    const QString why = write ? QString() : tr("Your role may not change devices (devices.write)");
    for (QWidget *w : {static_cast<QWidget *>(m_accept), static_cast<QWidget *>(m_reject),
                       static_cast<QWidget *>(m_addTag), static_cast<QWidget *>(m_removeTag)})
        if (!write)
            w->setToolTip(why);
}

void DeviceDetails::edit(const QJsonObject &changes)
{
    const QString serial = m_serial;
    m_message->setText(tr("Saving…"));
    client::FleetClient(m_connection->client()).editDevice(serial, changes)->then(this, [this, serial](const client::ApiCall &call) {
        if (call.failed()) {
            m_message->setText(tr("The server did not accept the change: %1").arg(call.error().toString()));
            return;
        }
        m_tagField->clear();
        Q_EMIT deviceChanged(serial);
        if (serial == m_serial)
            showDevice(serial);
    });
}

} // namespace otadesk::ui
