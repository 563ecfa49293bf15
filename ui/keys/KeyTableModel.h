#pragma once
// The keys of a workspace as a table: name, type, fingerprint (short; the full key id in the tooltip), the
// products it is the default signing key of, creation time and whether the private key is held.
#include "core/crypto/KeyStore.h"

#include <QAbstractTableModel>

namespace otadesk::ui {

class KeyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, FingerprintColumn, DefaultColumn, CreatedColumn, PrivateColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int KeyIdRole = Qt::UserRole + 2; // full key id, lower-case hex

    explicit KeyTableModel(QObject *parent = nullptr);

    // Replaces the content, keeping rows whose key ids stay (so views keep their selection).
    void setKeys(const QList<crypto::KeyInfo> &keys);
    const QList<crypto::KeyInfo> &keys() const { return m_keys; }
    const crypto::KeyInfo *keyAt(int row) const;
    int rowOfKeyId(const QByteArray &keyId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString typeText(crypto::KeyType type);
    // "ab12 cd34 ef56 7890" (the first 8 bytes) / all 32 bytes in groups of four hex digits.
    static QString shortFingerprint(const QByteArray &keyId);
    static QString fullFingerprint(const QByteArray &keyId);

private:
    QList<crypto::KeyInfo> m_keys;
};

} // namespace otadesk::ui
