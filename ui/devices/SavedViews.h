#pragma once
// The Devices view's saved views: a name for a filter and a sort order, kept in the workspace
// (device-views.json) so that they travel with it. The page also offers them to the server as dynamic groups.
#include <QList>
#include <QObject>
#include <QString>

namespace otadesk::ui {

struct SavedView
{
    QString name;
    QString filter;
    QString sort = QStringLiteral("serial");
    bool descending = false;
};

class SavedViews : public QObject
{
    Q_OBJECT
public:
    explicit SavedViews(QObject *parent = nullptr);

    // Loads the views of the workspace folder (none when it has no file yet).
    void setWorkspace(const QString &path);
    QString fileName() const { return m_file; }
    const QList<SavedView> &views() const { return m_views; }
    const SavedView *find(const QString &name) const;
    // Adds or replaces the view of that name and writes the file; the error text, empty on success.
    QString save(const SavedView &view);
    QString remove(const QString &name);

Q_SIGNALS:
    void changed();

private:
    QString write();

    QString m_file;
    QList<SavedView> m_views;
};

} // namespace otadesk::ui
