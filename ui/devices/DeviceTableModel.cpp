#include "ui/devices/DeviceTableModel.h"

#include "core/client/FleetClient.h"
#include "ui/devices/DeviceText.h"

#include <QDateTime>
#include <QColor>
#include <algorithm>
#include <limits>
#include <QTimer>


namespace otadesk::ui {

namespace {
struct ColumnInfo
{
    const char *sortKey;
    const char *title;
};
const ColumnInfo kColumns[DeviceTableModel::ColumnCount] = {
    {"serial", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Serial")},
    {"model", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Model")},
    {"hw_rev", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "HW rev")},
    {"batch", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Batch")},
    {"year", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Year")},
    {"", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Firmware")},
    {"", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Tags")},
    {"status", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Status")},
    {"state", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Update state")},
    {"last_seen", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Last seen")},
    {"address", QT_TRANSLATE_NOOP("otadesk::ui::DeviceTableModel", "Address")},
};
} // namespace

DeviceTableModel::DeviceTableModel(QObject *parent) : QAbstractTableModel(parent), m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &DeviceTableModel::dispatch);
}

DeviceTableModel::~DeviceTableModel()
{
    for (const QPointer<client::ApiCall> &call : std::as_const(m_inFlight))
        if (call)
            call->abort();
}

QString DeviceTableModel::sortKeyOf(int column)
{
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(kColumns[column].sortKey) : QString();
}

int DeviceTableModel::columnOfSortKey(const QString &key)
{
    for (int c = 0; c < ColumnCount; ++c)
        if (!key.isEmpty() && key == QLatin1String(kColumns[c].sortKey))
            return c;
    return -1;
}

void DeviceTableModel::setClient(client::ApiClient *client)
{
    m_client = client;
    refresh();
}

void DeviceTableModel::setFilter(const QString &filter)
{
    m_filter = filter.trimmed();
    refresh();
}

void DeviceTableModel::setSort(const QString &key, Qt::SortOrder order)
{
    m_sortKey = key.isEmpty() ? QStringLiteral("serial") : key;
    m_order = order;
    refresh();
}

void DeviceTableModel::sort(int column, Qt::SortOrder order)
{
    const QString key = sortKeyOf(column);
    if (key.isEmpty() || (key == m_sortKey && order == m_order))
        return;
    setSort(key, order);
}

void DeviceTableModel::refresh()
{
    ++m_generation;
    for (const QPointer<client::ApiCall> &call : std::as_const(m_inFlight))
        if (call)
            call->abort();
    m_inFlight.clear();
    m_wanted.clear();
    // Keep the row count until the new total arrives (no flicker to an empty table), drop the rows.
    beginResetModel();
    m_pages.clear();
    if (!m_client)
        m_rows = 0;
    endResetModel();
    m_lastError.clear();
    if (!m_client) {
        m_resetting = false;
        Q_EMIT totalChanged(0);
        return;
    }
    m_resetting = true;
    const int firstPage = m_firstVisible > 0 && m_firstVisible < m_rows ? m_firstVisible / kPageSize : 0;
    fetch(firstPage, true);
}

void DeviceTableModel::setVisibleRows(int first, int last)
{
    m_firstVisible = first;
    m_lastVisible = last;
    if (first < 0 || m_resetting)
        return;
    for (int page = first / kPageSize; page <= last / kPageSize; ++page)
        want(page);
}

void DeviceTableModel::reloadRow(int row)
{
    if (row < 0 || row >= m_rows || m_resetting)
        return;
    const int page = row / kPageSize;
    m_pages.remove(page);
    want(page);
}

bool DeviceTableModel::isLoaded(int row) const { return row >= 0 && row < m_rows && m_pages.contains(row / kPageSize); }

const fleet::Device *DeviceTableModel::deviceAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return nullptr;
    auto it = m_pages.constFind(row / kPageSize);
    if (it == m_pages.constEnd() || row % kPageSize >= it->size())
        return nullptr;
    return &(*it)[row % kPageSize];
}

void DeviceTableModel::want(int page) const
{
    if (m_pages.contains(page) || m_inFlight.contains(page) || !m_client)
        return;
    m_wanted.insert(page);
    if (!m_debounce->isActive())
        m_debounce->start();
}

void DeviceTableModel::dispatch()
{
    if (m_resetting || !m_client)
        return;
    // Only pages near the visible range are worth fetching (the view skipped over the others).
    if (m_firstVisible >= 0) {
        const int lo = m_firstVisible / kPageSize - 1;
        const int hi = m_lastVisible / kPageSize + 1;
        for (auto it = m_wanted.begin(); it != m_wanted.end();)
            it = (*it < lo || *it > hi) ? m_wanted.erase(it) : std::next(it);
    }
    const int centre = m_firstVisible >= 0 ? (m_firstVisible + m_lastVisible) / 2 / kPageSize : 0;
    while (m_inFlight.size() < kMaxInFlight && !m_wanted.isEmpty()) {
        int best = *m_wanted.begin();
        for (int p : std::as_const(m_wanted))
            if (qAbs(p - centre) < qAbs(best - centre))
                best = p;
        m_wanted.remove(best);
        if (!m_pages.contains(best) && !m_inFlight.contains(best))
            fetch(best, false);
    }
}

void DeviceTableModel::fetch(int page, bool withTotal)
{
    client::ListQuery query;
    query.offset = qint64(page) * kPageSize;
    query.limit = kPageSize;
    query.sort = m_sortKey;
    query.descending = m_order == Qt::DescendingOrder;
    ++m_requestsSent;
    const quint64 generation = m_generation;
    client::ApiCall *call = client::FleetClient(m_client).listDevices(m_filter, query, withTotal);
    m_inFlight.insert(page, call);
    call->then(this, [this, page, generation, withTotal](const client::ApiCall &c) {
        onPage(page, generation, withTotal, c);
    });
}

void DeviceTableModel::onPage(int page, quint64 generation, bool withTotal, const client::ApiCall &call)
{
    if (generation != m_generation)
        return; // an answer for an older filter / sort: the reset already forgot it
    m_inFlight.remove(page);
    if (call.failed()) {
        m_lastError = call.error().toString();
        Q_EMIT loadFailed(m_lastError);
        if (withTotal) {
            m_resetting = false;
            Q_EMIT resetFinished();
        }
        return;
    }
    const client::DevicePage answer = client::FleetClient::devicePageFromJson(call.object());
    const QList<fleet::Device> &rows = answer.items;
    m_pages.insert(page, rows);
    if (withTotal) {
        const qint64 total = qMax<qint64>(0, answer.total);
        const int rowsNow = int(qMin<qint64>(total, std::numeric_limits<int>::max()));
        if (rowsNow != m_rows) {
            beginResetModel();
            m_rows = rowsNow;
            endResetModel();
        } else if (!rows.isEmpty()) {
            Q_EMIT dataChanged(index(page * kPageSize, 0), index(page * kPageSize + int(rows.size()) - 1,
                                                                 ColumnCount - 1));
        }
        m_resetting = false;
        Q_EMIT totalChanged(total);
        Q_EMIT resetFinished();
        setVisibleRows(m_firstVisible, m_lastVisible);
    } else if (!rows.isEmpty()) {
        const int first = page * kPageSize;
        const int last = qMin(m_rows - 1, first + int(rows.size()) - 1);
        if (first <= last)
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    evict();
    Q_EMIT pageLoaded(page);
    if (!m_wanted.isEmpty())
        m_debounce->start(0);
}

void DeviceTableModel::evict()
{
    if (m_pages.size() <= kMaxCachedPages)
        return;
    const int centre = m_firstVisible >= 0 ? (m_firstVisible + m_lastVisible) / 2 / kPageSize : 0;
    QList<int> keys = m_pages.keys();
    std::sort(keys.begin(), keys.end(), [centre](int a, int b) { return qAbs(a - centre) > qAbs(b - centre); });
    for (int i = 0; i < keys.size() && m_pages.size() > kMaxCachedPages; ++i)
        m_pages.remove(keys[i]);
}

int DeviceTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows; }

int DeviceTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const fleet::Device *d = deviceAt(index.row());
    if (!d) {
        want(index.row() / kPageSize);
        if (role == Qt::DisplayRole && index.column() == Serial)
            return tr("Loading…");
        if (role == Qt::ForegroundRole)
            return QVariant::fromValue(QColor(Qt::gray));
        return {};
    }
    if (role == DeviceRole)
        return QVariant::fromValue(*d);
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Serial:
            return d->serial;
        case Model:
            return d->model;
        case HwRev:
            return d->hardwareRevision;
        case Batch:
            return d->batch;
        case Year:
            return d->year ? QVariant(d->year) : QVariant(QString());
        case Version:
            return DeviceText::mainVersion(*d);
        case Tags:
            return d->tags.join(QStringLiteral(", "));
        case Status:
            return d->status;
        case State:
            return d->updateState;
        case LastSeen:
            return DeviceText::relativeTime(d->lastSeen, QDateTime::currentMSecsSinceEpoch());
        case Address:
            return d->address;
        case ColumnCount:
            break;
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == LastSeen)
            return d->lastSeen ? DeviceText::exactTime(d->lastSeen) : tr("The device never checked in");
        if (index.column() == Version)
            return DeviceText::componentsSummary(*d);
    } else if (role == Qt::ForegroundRole && index.column() == Status && d->status == QLatin1String("pending")) {
        return QVariant::fromValue(QColor(0xb0, 0x60, 0x00));
    }
    return {};
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return tr(kColumns[section].title);
    if (role == Qt::ToolTipRole)
        return sortKeyOf(section).isEmpty() ? tr("The server cannot sort by this column")
                                            : tr("Click to sort the whole fleet by this column");
    return {};
}

} // namespace otadesk::ui
