#include "ui/firmware/MetadataTree.h"

#include "core/firmware/MemoryImage.h"
#include "ui/firmware/MetadataLabels.h"

#include <QTreeWidget>

namespace otadesk::ui {

namespace {
// What firmware authors look at first comes first; the rest keeps the map's (alphabetical) order.
const QStringList &priorityKeys()
{
    static const QStringList keys = {
        QStringLiteral("version"),   QStringLiteral("hashValid"),       QStringLiteral("signatureType"),
        QStringLiteral("keyHash"),   QStringLiteral("securityCounter"), QStringLiteral("imageSize"),
        QStringLiteral("loadAddress"), QStringLiteral("class"),         QStringLiteral("machine"),
        QStringLiteral("type"),      QStringLiteral("entry"),
    };
    return keys;
}

bool isContainer(const QVariant &v)
{
    const int t = v.typeId();
    return t == QMetaType::QVariantMap || t == QMetaType::QVariantList || t == QMetaType::QStringList;
}

QString childKeyOf(const QVariant &v, qsizetype index)
{
    const QString fallback = QString::number(index);
    if (v.typeId() != QMetaType::QVariantMap)
        return fallback;
    const QString name = v.toMap().value(QStringLiteral("name")).toString();
    return name.isEmpty() ? fallback : name;
}
} // namespace

QString MetadataTree::valueText(const QString &key, const QVariant &value)
{
    if (key == QLatin1String("hashValid"))
        return hashCheckText(value.toBool());
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::ULongLong:
    case QMetaType::LongLong:
        return QStringLiteral("%1 (%2)").arg(value.toString(), firmware::formatAddress(value.toULongLong()));
    default:
        return value.toString();
    }
}

QTreeWidgetItem *MetadataTree::add(QTreeWidgetItem *parent, const QString &key, const QVariant &value)
{
    auto *item = new QTreeWidgetItem(parent, {metadataLabel(key)});
    item->setData(0, KeyRole, key);
    if (hasMetadataLabel(key))
        item->setToolTip(0, key);
    if (isContainer(value)) {
        const qsizetype n = value.typeId() == QMetaType::QVariantMap ? value.toMap().size() : value.toList().size();
        item->setText(1, tr("%n item(s)", nullptr, int(n)));
        if (n > 0) {
            item->setData(0, PendingRole, value);
            item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        }
        return item;
    }
    item->setText(1, valueText(key, value));
    item->setToolTip(1, item->text(1));
    if (key == QLatin1String("hashValid")) {
        QFont bold = item->font(1);
        bold.setBold(true);
        item->setFont(1, bold);
        item->setForeground(1, value.toBool() ? QColor(0x1e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
    }
    return item;
}

void MetadataTree::populate(QTreeWidgetItem *item)
{
    const QVariant value = item->data(0, PendingRole);
    if (!value.isValid())
        return;
    item->setData(0, PendingRole, QVariant());
    item->setChildIndicatorPolicy(QTreeWidgetItem::DontShowIndicatorWhenChildless);
    if (value.typeId() == QMetaType::QVariantMap) {
        QVariantMap map = value.toMap();
        if (map.contains(QStringLiteral("tlvs")) && !map.contains(QStringLiteral("securityCounter")))
            if (const auto counter = mcubootSecurityCounter(map))
                map.insert(QStringLiteral("securityCounter"), *counter);
        for (const QString &key : priorityKeys())
            if (map.contains(key))
                add(item, key, map.value(key));
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (priorityKeys().contains(it.key()))
                continue;
            QTreeWidgetItem *child = add(item, it.key(), it.value());
            // The library keeps the first symbols of a big ELF file: say how many the file has.
            if (it.key() == QLatin1String("symbols") && map.contains(QStringLiteral("symbolCount")))
                child->setText(1, tr("%1 of %2 stored")
                                      .arg(it.value().toList().size())
                                      .arg(map.value(QStringLiteral("symbolCount")).toLongLong()));
        }
        return;
    }
    const QVariantList list = value.toList();
    const qsizetype shown = qMin<qsizetype>(list.size(), kShownRows);
    for (qsizetype i = 0; i < shown; ++i) {
        const QVariant &v = list.at(i);
        QTreeWidgetItem *child = add(item, QString::number(i), v);
        child->setText(0, childKeyOf(v, i)); // a symbol or section name, never a label
        child->setToolTip(0, QString());
    }
    if (list.size() > shown) {
        auto *more = new QTreeWidgetItem(item, {QString(), tr("… %n more", nullptr, int(list.size() - shown))});
        more->setToolTip(1, tr("The rest is in the stored file; export it or use otactl firmware show."));
    }
}

void MetadataTree::install(QTreeWidget *tree)
{
    tree->setUniformRowHeights(true);
    QObject::connect(tree, &QTreeWidget::itemExpanded, tree, &MetadataTree::populate);
}

} // namespace otadesk::ui
