#include "ui/firmware/EntryDetails.h"

#include "ui/firmware/FirmwareTableModel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

using library::FirmwareEntry;

EntryDetails::EntryDetails(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_form(new QFormLayout), m_tree(new QTreeWidget)
{
    setObjectName(QStringLiteral("entryDetails"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setVerticalSpacing(3);
    addField(QStringLiteral("product"), tr("Product / version:"));
    addField(QStringLiteral("format"), tr("Format:"));
    addField(QStringLiteral("size"), tr("Size:"));
    addField(QStringLiteral("extent"), tr("Address range:"));
    addField(QStringLiteral("entryPoint"), tr("Entry point:"));
    addField(QStringLiteral("fileSha256"), tr("File SHA-256:"));
    addField(QStringLiteral("imageSha256"), tr("Image SHA-256:"));
    addField(QStringLiteral("crc32"), tr("Image CRC-32:"));

    m_tree->setObjectName(QStringLiteral("detailsTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Item"), tr("Value")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addWidget(m_tree, 1);
    setEntry(nullptr);
}

QLabel *EntryDetails::addField(const QString &name, const QString &label)
{
    auto *value = new QLabel;
    value->setObjectName(name + QStringLiteral("Value"));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setMinimumWidth(40);
    if (name.endsWith(QLatin1String("Sha256"))) {
        QFont mono = value->font();
        mono.setFamily(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        mono.setPointSizeF(mono.pointSizeF() * 0.9);
        value->setFont(mono);
    }
    m_form->addRow(label, value);
    m_fields.insert(name, value);
    return value;
}

QString EntryDetails::value(const QString &field) const
{
    const QLabel *label = m_fields.value(field);
    return label ? label->text().remove(u'\n') : QString();
}

void EntryDetails::addVariant(QTreeWidgetItem *parent, const QString &key, const QVariant &value)
{
    auto *item = new QTreeWidgetItem(parent, {key});
    switch (value.typeId()) {
    case QMetaType::QVariantMap: {
        const QVariantMap map = value.toMap();
        item->setText(1, tr("%n item(s)", nullptr, int(map.size())));
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            addVariant(item, it.key(), it.value());
        break;
    }
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        const QVariantList list = value.toList();
        item->setText(1, tr("%n item(s)", nullptr, int(list.size())));
        constexpr int kShown = 2000; // ELF symbol tables can be long
        for (int i = 0; i < list.size() && i < kShown; ++i) {
            const QVariant &v = list.at(i);
            QString childKey = QString::number(i);
            if (v.typeId() == QMetaType::QVariantMap) {
                const QVariantMap m = v.toMap();
                childKey = m.value(QStringLiteral("name"), childKey).toString();
            }
            addVariant(item, childKey, v);
        }
        if (list.size() > kShown)
            new QTreeWidgetItem(item, {QString(), tr("… %n more", nullptr, int(list.size() - kShown))});
        break;
    }
    case QMetaType::QByteArray:
        item->setText(1, QString::fromLatin1(value.toByteArray().toHex()));
        break;
    case QMetaType::ULongLong:
    case QMetaType::LongLong:
        item->setText(1, QStringLiteral("%1 (%2)").arg(value.toString(),
                                                       firmware::formatAddress(value.toULongLong())));
        break;
    default:
        item->setText(1, value.toString());
    }
    item->setToolTip(1, item->text(1));
}

void EntryDetails::setEntry(const FirmwareEntry *e)
{
    m_tree->clear();
    if (!e) {
        m_title->setText(tr("No entry selected"));
        for (QLabel *l : std::as_const(m_fields))
            l->clear();
        return;
    }
    m_title->setText(e->name);
    m_title->setToolTip(tr("Library id %1").arg(e->id));
    const QString dash = QStringLiteral("—");
    auto orDash = [&](const QString &s) { return s.isEmpty() ? dash : s; };
    m_fields[QStringLiteral("product")]->setText(
        QStringLiteral("%1 / %2 / %3").arg(orDash(e->product), orDash(e->version), orDash(e->component)));
    m_fields[QStringLiteral("format")]->setText(FirmwareTableModel::formatName(*e));
    m_fields[QStringLiteral("size")]->setText(tr("%1 file, %2 of data in %n segment(s)", nullptr,
                                                 int(e->segments.size()))
                                                  .arg(QLocale().formattedDataSize(e->fileSize),
                                                       QLocale().formattedDataSize(qint64(e->dataSize))));
    m_fields[QStringLiteral("extent")]->setText(e->segments.isEmpty() ? dash : firmware::formatRange(e->extent()));
    m_fields[QStringLiteral("entryPoint")]->setText(e->entryPoint ? firmware::formatAddress(*e->entryPoint) : dash);
    // Digests on two lines of 32 hex digits: readable, and never cut off in a narrow pane.
    auto digest = [&](const QByteArray &d) {
        const QString hex = QString::fromLatin1(d.toHex());
        return hex.isEmpty() ? dash : hex.left(32) + u'\n' + hex.mid(32);
    };
    m_fields[QStringLiteral("fileSha256")]->setText(digest(e->fileSha256));
    m_fields[QStringLiteral("imageSha256")]->setText(digest(e->imageSha256));
    m_fields[QStringLiteral("crc32")]->setText(
        e->kind == library::EntryKind::Auxiliary ? dash
                                                 : QStringLiteral("0x%1").arg(e->imageCrc32, 8, 16, QLatin1Char('0')));

    auto *segments = new QTreeWidgetItem(m_tree, {tr("Segments"), QString::number(e->segments.size())});
    for (qsizetype i = 0; i < e->segments.size(); ++i) {
        const firmware::AddressRange &r = e->segments[i];
        new QTreeWidgetItem(segments, {QString::number(i + 1), tr("%1  (%2)").arg(firmware::formatRange(r),
                                                                               QLocale().formattedDataSize(
                                                                                   qint64(r.size())))});
    }
    segments->setExpanded(e->segments.size() <= 16);
    if (!e->overlaps.isEmpty()) {
        auto *overlaps = new QTreeWidgetItem(m_tree, {tr("Written twice"), QString::number(e->overlaps.size())});
        for (const firmware::AddressRange &r : e->overlaps)
            new QTreeWidgetItem(overlaps, {QString(), firmware::formatRange(r)});
        overlaps->setExpanded(true);
    }
    if (!e->warnings.isEmpty()) {
        auto *warnings = new QTreeWidgetItem(m_tree, {tr("Warnings"), QString::number(e->warnings.size())});
        for (const QString &w : e->warnings) {
            auto *item = new QTreeWidgetItem(warnings, {QString(), w});
            item->setToolTip(1, w);
        }
        warnings->setExpanded(true);
    }
    for (auto it = e->metadata.cbegin(); it != e->metadata.cend(); ++it) {
        auto *top = new QTreeWidgetItem(m_tree, {it.key()});
        const QVariant &v = it.value();
        if (v.typeId() == QMetaType::QVariantMap) {
            const QVariantMap map = v.toMap();
            top->setText(1, tr("%n item(s)", nullptr, int(map.size())));
            for (auto m = map.cbegin(); m != map.cend(); ++m)
                addVariant(top, m.key(), m.value());
            top->setExpanded(it.key() == QLatin1String("mcuboot"));
        } else if (v.typeId() == QMetaType::QVariantList) {
            delete top;
            addVariant(m_tree->invisibleRootItem(), it.key(), v);
        } else {
            top->setText(1, v.toString());
        }
    }
}

} // namespace otadesk::ui
