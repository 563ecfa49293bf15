#pragma once
// The whole fleet as a table, fetched lazily from the server: rowCount() is the server's total for the current
// filter, rows arrive in pages of kPageSize (GET /api/v1/devices?offset&limit) when the view asks for them.
// Requests are debounced while scrolling, at most kMaxInFlight run at once, pages away from the visible range are
// dropped from the queue and from the cache, and answers for an older filter / sort are ignored. Sorting and
// filtering happen on the server (sort()/setFilter()).
#include "core/fleet/Device.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>

class QTimer;

namespace otadesk::client {
class ApiClient;
class ApiCall;
} // namespace otadesk::client

namespace otadesk::ui {

class DeviceTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Serial, Model, HwRev, Batch, Year, Version, Tags, Status, State, LastSeen, Address, ColumnCount };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxInFlight = 2;
    static constexpr int kMaxCachedPages = 60;
    static constexpr int kDebounceMs = 40;
    static constexpr int DeviceRole = Qt::UserRole + 1; // the fleet::Device (QVariant) of a loaded row

    explicit DeviceTableModel(QObject *parent = nullptr);
    ~DeviceTableModel() override;

    // nullptr: not connected (the model is empty).
    void setClient(client::ApiClient *client);
    void setFilter(const QString &filter);
    QString filter() const { return m_filter; }
    QString sortKey() const { return m_sortKey; }
    Qt::SortOrder sortOrder() const { return m_order; }
    // The API's sort key of a column, "" when the server cannot sort by it.
    static QString sortKeyOf(int column);
    static int columnOfSortKey(const QString &key);
    // Sort by an API key ("serial", "last_seen", ...); refetches.
    void setSort(const QString &key, Qt::SortOrder order);
    // Drops everything and fetches the first page (and the total) again.
    void refresh();
    // Fetches the page of row again (a device changed on the server), keeping the rest.
    void reloadRow(int row);
    // The rows on screen: their pages are fetched first, far pages are dropped from the queue.
    void setVisibleRows(int first, int last);

    bool isLoaded(int row) const;
    const fleet::Device *deviceAt(int row) const; // nullptr while the row's page is not loaded
    bool isResetting() const { return m_resetting; }
    QString lastError() const { return m_lastError; }
    int requestsSent() const { return m_requestsSent; } // page requests since construction (for tests)
    int inFlight() const { return int(m_inFlight.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void totalChanged(qint64 total);
    void pageLoaded(int page);
    void loadFailed(const QString &message);
    void resetFinished(); // the first page after a filter / sort change / refresh arrived (or failed)

private:
    void want(int page) const;
    void dispatch();
    void fetch(int page, bool withTotal);
    void onPage(int page, quint64 generation, bool withTotal, const client::ApiCall &call);
    void evict();

    QPointer<client::ApiClient> m_client;
    QString m_filter;
    QString m_sortKey = QStringLiteral("serial");
    Qt::SortOrder m_order = Qt::AscendingOrder;
    quint64 m_generation = 0;
    int m_rows = 0;
    bool m_resetting = false;
    QHash<int, QList<fleet::Device>> m_pages;
    mutable QSet<int> m_wanted;
    QHash<int, QPointer<client::ApiCall>> m_inFlight;
    QTimer *m_debounce;
    int m_firstVisible = -1;
    int m_lastVisible = -1;
    QString m_lastError;
    int m_requestsSent = 0;
};

} // namespace otadesk::ui
