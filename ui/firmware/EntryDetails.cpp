#include "ui/firmware/EntryDetails.h"

#include "ui/firmware/FirmwareTableModel.h"
#include "ui/firmware/MetadataLabels.h"
#include "ui/firmware/MetadataTree.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

using library::FirmwareEntry;

namespace {
// Stored diagnostics are text (Diagnostic::toString): "where: warning: …" or "where: note: …".
bool isNote(const QString &diagnostic)
{
    return diagnostic.contains(QStringLiteral(": ") + Error::tr("note") + QStringLiteral(": ")) ||
           diagnostic.startsWith(Error::tr("note") + QStringLiteral(": "));
}

int countWarnings(const QStringList &diagnostics)
{
    int n = 0;
    for (const QString &d : diagnostics)
        n += isNote(d) ? 0 : 1;
    return n;
}
} // namespace

EntryDetails::EntryDetails(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_banner(new QLabel), m_comparison(new QLabel), m_form(new QFormLayout), m_tree(new QTreeWidget)
{
    setObjectName(QStringLiteral("entryDetails"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    m_banner->setObjectName(QStringLiteral("detailsBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #7a4b00; border: 1px solid #e0a800;"
                                           " border-radius: 3px; padding: 3px 6px; }"));
    m_banner->hide();
    m_comparison->setObjectName(QStringLiteral("detailsComparison"));
    m_comparison->setWordWrap(true);
    m_comparison->hide();

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setVerticalSpacing(3);
    addField(QStringLiteral("product"), tr("Product / version:"));
    addField(QStringLiteral("format"), tr("Format:"));
    addField(QStringLiteral("bundle"), tr("Bundle:"));
    addField(QStringLiteral("mcubootVersion"), tr("MCUboot version:"));
    addField(QStringLiteral("hashCheck"), tr("Image hash:"));
    addField(QStringLiteral("signature"), tr("Signature:"));
    addField(QStringLiteral("keyHash"), tr("Key hash:"));
    addField(QStringLiteral("securityCounter"), tr("Security counter:"));
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
    MetadataTree::install(m_tree);

    // The form scrolls on its own and shares the height with the tree through a splitter, so a tall MCUboot
    // form never squeezes the tree to nothing.
    auto *formWidget = new QWidget;
    auto *formLayout = new QVBoxLayout(formWidget);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_title);
    formLayout->addWidget(m_comparison);
    formLayout->addWidget(m_banner);
    formLayout->addLayout(m_form);
    formLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("detailsFormScroll"));
    scroll->setWidget(formWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("detailsSplitter"));
    split->addWidget(scroll);
    split->addWidget(m_tree);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    m_tree->setMinimumHeight(90);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(split, 1);
    setEntry(nullptr);
}

QLabel *EntryDetails::addField(const QString &name, const QString &label)
{
    auto *value = new QLabel;
    value->setObjectName(name + QStringLiteral("Value"));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setMinimumWidth(40);
    value->setWordWrap(name == QLatin1String("bundle"));
    if (name.endsWith(QLatin1String("Sha256")) || name == QLatin1String("keyHash")) {
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

bool EntryDetails::isFieldVisible(const QString &field) const
{
    QLabel *label = m_fields.value(field);
    return label && m_form->isRowVisible(label);
}

void EntryDetails::setFieldVisible(const QString &field, bool visible)
{
    if (QLabel *label = m_fields.value(field))
        m_form->setRowVisible(label, visible);
}

void EntryDetails::showMcuboot(const QVariantMap &m)
{
    const bool present = !m.isEmpty();
    for (const char *f : {"mcubootVersion", "hashCheck", "signature", "keyHash", "securityCounter"})
        setFieldVisible(QString::fromLatin1(f), present);
    if (!present)
        return;
    const QString dash = QStringLiteral("—");
    auto text = [&](const char *key) {
        const QString s = m.value(QString::fromLatin1(key)).toString();
        return s.isEmpty() ? dash : s;
    };
    m_fields[QStringLiteral("mcubootVersion")]->setText(text("version"));
    const bool valid = m.value(QStringLiteral("hashValid")).toBool();
    QLabel *hash = m_fields[QStringLiteral("hashCheck")];
    hash->setText(QStringLiteral("%1 (%2)").arg(hashCheckText(valid), text("hashAlgorithm")));
    hash->setStyleSheet(valid ? QStringLiteral("QLabel { color: #1e7d32; font-weight: bold; }")
                              : QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    const QString signature = m.value(QStringLiteral("signatureType")).toString();
    m_fields[QStringLiteral("signature")]->setText(signature.isEmpty() ? tr("unsigned") : signature);
    const QString key = m.value(QStringLiteral("keyHash")).toString();
    m_fields[QStringLiteral("keyHash")]->setText(key.isEmpty() ? dash : key.left(32) + u'\n' + key.mid(32));
    m_fields[QStringLiteral("keyHash")]->setToolTip(key);
    const auto counter = mcubootSecurityCounter(m);
    m_fields[QStringLiteral("securityCounter")]->setText(counter ? QString::number(*counter) : dash);
}

void EntryDetails::showBundle(const FirmwareEntry &e, const library::BundleEntry *bundle)
{
    setFieldVisible(QStringLiteral("bundle"), bundle != nullptr);
    if (!bundle)
        return;
    QStringList others;
    for (const FirmwareEntry &item : bundle->items)
        if (item.id != e.id)
            others << (item.component.isEmpty() ? item.name : item.component);
    QString text = tr("%1 — component %2 of %n item(s)", nullptr, int(bundle->items.size()))
                       .arg(bundle->name, e.component.isEmpty() ? QStringLiteral("—") : e.component);
    if (!others.isEmpty())
        text += u'\n' + tr("with %1").arg(others.join(QStringLiteral(", ")));
    m_fields[QStringLiteral("bundle")]->setText(text);
    m_fields[QStringLiteral("bundle")]->setToolTip(tr("Bundle %1 (%2), library bundle id %3")
                                                      .arg(bundle->name, bundle->source)
                                                      .arg(bundle->id));
}

void EntryDetails::setComparison(const QString &text)
{
    m_comparison->setText(text);
    m_comparison->setVisible(!text.isEmpty());
}

QString EntryDetails::comparison() const { return m_comparison->isHidden() ? QString() : m_comparison->text(); }

void EntryDetails::setEntry(const FirmwareEntry *e, const library::BundleEntry *bundle)
{
    m_tree->clear();
    setComparison({});
    if (!e) {
        m_title->setText(tr("No entry selected"));
        for (QLabel *l : std::as_const(m_fields))
            l->clear();
        m_banner->hide();
        showBundle({}, nullptr);
        showMcuboot({});
        return;
    }
    const QVariantMap mcuboot = e->metadata.value(QStringLiteral("mcuboot")).toMap();
    showBundle(*e, bundle);
    showMcuboot(mcuboot);
    QStringList problems;
    if (!mcuboot.isEmpty() && !mcuboot.value(QStringLiteral("hashValid")).toBool())
        problems << tr("The MCUboot image hash does not match its content (MISMATCH).");
    const int warningCount = countWarnings(e->warnings);
    if (warningCount > 0)
        problems << tr("%n warning(s) at import — see Warnings below.", nullptr, warningCount);
    if (!e->overlaps.isEmpty())
        problems << tr("%n range(s) written more than once (marked orange in the memory map).", nullptr,
                       int(e->overlaps.size()));
    m_banner->setVisible(!problems.isEmpty());
    m_banner->setText(QStringLiteral("⚠ ") + problems.join(QStringLiteral("<br>⚠ ")));
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

    if (!mcuboot.isEmpty()) {
        QTreeWidgetItem *top = MetadataTree::add(m_tree->invisibleRootItem(), QStringLiteral("mcuboot"), mcuboot);
        top->setExpanded(true); // builds its children
    }
    if (!e->warnings.isEmpty()) {
        const QColor warningColour(0xb3, 0x5c, 0x00);
        const bool onlyNotes = warningCount == 0;
        auto *warnings = new QTreeWidgetItem(
            m_tree, {onlyNotes ? tr("Notes") : tr("Warnings"), QString::number(e->warnings.size())});
        warnings->setIcon(0, style()->standardIcon(onlyNotes ? QStyle::SP_MessageBoxInformation
                                                             : QStyle::SP_MessageBoxWarning));
        if (!onlyNotes)
            warnings->setForeground(0, warningColour);
        for (const QString &w : e->warnings) {
            auto *item = new QTreeWidgetItem(warnings, {QString(), w});
            if (!isNote(w))
                item->setForeground(1, warningColour);
            item->setToolTip(1, w);
        }
        warnings->setExpanded(true);
    }
    if (!e->overlaps.isEmpty()) {
        auto *overlaps = new QTreeWidgetItem(m_tree, {tr("Written twice"), QString::number(e->overlaps.size())});
        overlaps->setForeground(0, QColor(0xb3, 0x5c, 0x00));
        for (const firmware::AddressRange &r : e->overlaps)
            new QTreeWidgetItem(overlaps, {QString(), firmware::formatRange(r)});
        overlaps->setExpanded(true);
    }
    auto *segments = new QTreeWidgetItem(m_tree, {tr("Segments"), QString::number(e->segments.size())});
    for (qsizetype i = 0; i < e->segments.size(); ++i) {
        const firmware::AddressRange &r = e->segments[i];
        new QTreeWidgetItem(segments, {QString::number(i + 1), tr("%1  (%2)").arg(firmware::formatRange(r),
                                                                               QLocale().formattedDataSize(
                                                                                   qint64(r.size())))});
    }
    segments->setExpanded(e->segments.size() <= 16);
    for (auto it = e->metadata.cbegin(); it != e->metadata.cend(); ++it) {
        if (it.key() == QLatin1String("mcuboot"))
            continue;
        MetadataTree::add(m_tree->invisibleRootItem(), it.key(), it.value());
    }
}

} // namespace otadesk::ui
