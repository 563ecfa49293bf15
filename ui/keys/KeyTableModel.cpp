#include "ui/keys/KeyTableModel.h"

#include <QFontDatabase>
#include <QLocale>

namespace otadesk::ui {

using crypto::KeyInfo;

KeyTableModel::KeyTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void KeyTableModel::setKeys(const QList<KeyInfo> &keys)
{
    // Same keys in the same order (the usual refresh): update the cells in place.
    bool sameRows = keys.size() == m_keys.size();
    for (qsizetype i = 0; sameRows && i < keys.size(); ++i)
        sameRows = keys[i].keyId == m_keys[i].keyId;
    if (sameRows) {
        m_keys = keys;
        if (!m_keys.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_keys = keys;
    endResetModel();
}

const KeyInfo *KeyTableModel::keyAt(int row) const
{
    return row >= 0 && row < m_keys.size() ? &m_keys[row] : nullptr;
}

int KeyTableModel::rowOfKeyId(const QByteArray &keyId) const
{
    for (qsizetype i = 0; i < m_keys.size(); ++i)
        if (m_keys[i].keyId == keyId)
            return int(i);
    return -1;
}

int KeyTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_keys.size()); }

int KeyTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString KeyTableModel::typeText(crypto::KeyType type)
{
    switch (type) {
    case crypto::KeyType::EcdsaP256:
        return tr("ECDSA P-256");
    case crypto::KeyType::Ed25519:
        return tr("Ed25519");
    }
    return {};
}

static QString grouped(const QByteArray &bytes)
{
    const QString hex = QString::fromLatin1(bytes.toHex());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(u' ');
}

QString KeyTableModel::shortFingerprint(const QByteArray &keyId) { return grouped(keyId.left(8)); }

QString KeyTableModel::fullFingerprint(const QByteArray &keyId) { return grouped(keyId); }

QVariant KeyTableModel::data(const QModelIndex &index, int role) const
{
    const KeyInfo *key = index.isValid() && index.column() < ColumnCount ? keyAt(index.row()) : nullptr;
    if (!key)
        return {};
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return key->name;
        case TypeColumn:
            return typeText(key->type);
        case FingerprintColumn:
            return shortFingerprint(key->keyId);
        case DefaultColumn:
            return key->defaultFor.join(QStringLiteral(", "));
        case CreatedColumn:
            return QLocale().toString(key->createdAt.toLocalTime(), QLocale::ShortFormat);
        case PrivateColumn:
            return key->hasPrivateKey ? tr("Private + public") : tr("Public only");
        case ColumnCount:
            break;
        }
        break;
    case SortRole:
        switch (column) {
        case CreatedColumn:
            return key->createdAt;
        case PrivateColumn:
            return key->hasPrivateKey;
        case FingerprintColumn:
            return key->keyIdHex();
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case KeyIdRole:
        return key->keyIdHex();
    case Qt::ToolTipRole:
        switch (column) {
        case FingerprintColumn:
            return tr("Key id (SHA-256 of the public key): %1").arg(fullFingerprint(key->keyId));
        case PrivateColumn:
            return key->hasPrivateKey ? tr("The private key is stored encrypted in this workspace; it can sign.")
                                      : tr("Only the public key is stored: it can verify signatures, not make them.");
        case DefaultColumn:
            return key->defaultFor.isEmpty() ? tr("Not the default signing key of any product")
                                             : tr("Default signing key of: %1")
                                                   .arg(key->defaultFor.join(QStringLiteral(", ")));
        case CreatedColumn:
            return QLocale().toString(key->createdAt.toLocalTime(), QLocale::LongFormat);
        default:
            return {};
        }
    case Qt::FontRole:
        if (column == FingerprintColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    default:
        break;
    }
    return {};
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case FingerprintColumn:
        return tr("Fingerprint");
    case DefaultColumn:
        return tr("Default for");
    case CreatedColumn:
        return tr("Created");
    case PrivateColumn:
        return tr("Holds");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace otadesk::ui
