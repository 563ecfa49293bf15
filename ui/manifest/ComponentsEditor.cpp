#include "ui/manifest/ComponentsEditor.h"

#include "core/crypto/Digest.h"
#include "ui/firmware/LibraryTask.h"
#include "ui/manifest/FirmwarePickerDialog.h"
#include "ui/manifest/ManifestDocument.h"
#include "ui/manifest/ManifestDrafts.h"
#include "ui/manifest/ManifestTask.h"
#include "ui/shell/DialogRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

using manifest::ComponentSpec;
using manifest::ManifestSpec;

namespace {
QString field(int row, const char *member)
{
    return QStringLiteral("components[%1].%2").arg(row).arg(QLatin1String(member));
}
} // namespace

ComponentsEditor::ComponentsEditor(ManifestDocument *document, QWidget *parent)
    : QGroupBox(tr("Components"), parent), m_document(document), m_table(new QTableWidget),
      m_add(new QPushButton(tr("&Add"))), m_remove(new QPushButton(tr("&Remove"))),
      m_pick(new QPushButton(tr("&Pick Firmware…"))), m_file(new QPushButton(tr("From &File…"))),
      m_status(new QLabel)
{
    setObjectName(QStringLiteral("manifestComponentsBox"));
    m_table->setObjectName(QStringLiteral("manifestComponents"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Slot"), tr("Firmware"), tr("Digest"), tr("Size"),
                                        tr("URI"), tr("Version"), tr("Integrated")});
    m_table->horizontalHeaderItem(DigestColumn)
        ->setToolTip(tr("SHA-256 of the image as the device flashes it"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(UriColumn, QHeaderView::Stretch);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setTextElideMode(Qt::ElideMiddle);
    const int cw = m_table->fontMetrics().averageCharWidth();
    const QList<int> widths{8, 4, 14, 10, 10, 0, 8, 0};
    for (int c = 0; c < ColumnCount; ++c) { // at least as wide as the header text
        const int header = m_table->horizontalHeader()->fontMetrics().horizontalAdvance(
                               m_table->horizontalHeaderItem(c)->text()) +
                           4 * cw;
        if (c != UriColumn)
            m_table->setColumnWidth(c, qMax(widths[c] * cw, header));
    }
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    m_table->setMinimumHeight(rowHeight * 4 + 8);
    m_table->setMaximumHeight(rowHeight * 8 + 8); // the characteristics below stay in view
    connect(m_table, &QTableWidget::itemChanged, this, &ComponentsEditor::onItemChanged);
    connect(m_table, &QTableWidget::currentCellChanged, this, &ComponentsEditor::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int, int column) {
        if (column == FirmwareColumn || column == DigestColumn || column == SizeColumn)
            pickFirmware();
    });

    m_add->setObjectName(QStringLiteral("manifestAddComponent"));
    m_add->setStatusTip(tr("Add a component (an image the manifest installs)"));
    m_remove->setObjectName(QStringLiteral("manifestRemoveComponent"));
    m_remove->setStatusTip(tr("Remove the selected component"));
    m_pick->setObjectName(QStringLiteral("manifestPickFirmware"));
    m_pick->setStatusTip(
        tr("Use an image from the firmware library for the selected component (digest and size)"));
    m_file->setObjectName(QStringLiteral("manifestComponentFile"));
    m_file->setStatusTip(tr("Use the bytes of a file for the selected component (digest and size)"));
    connect(m_add, &QPushButton::clicked, this, &ComponentsEditor::addComponent);
    connect(m_remove, &QPushButton::clicked, this, &ComponentsEditor::removeComponent);
    connect(m_pick, &QPushButton::clicked, this, &ComponentsEditor::pickFirmware);
    connect(m_file, &QPushButton::clicked, this, &ComponentsEditor::pickFile);
    m_status->setObjectName(QStringLiteral("manifestComponentStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addSpacing(12);
    buttons->addWidget(m_pick);
    buttons->addWidget(m_file);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_document, &ManifestDocument::changed, this, &ComponentsEditor::refresh);
    refresh();
}

ComponentsEditor::~ComponentsEditor()
{
    if (m_loading)
        m_loading->abandon();
}

int ComponentsEditor::currentRow() const
{
    return m_table->currentRow();
}

void ComponentsEditor::refresh()
{
    const QList<ComponentSpec> &components = m_document->spec().components;
    const QSignalBlocker block(m_table);
    const int current = m_table->currentRow(), column = qMax(0, m_table->currentColumn());
    m_table->setRowCount(int(components.size()));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QList<library::FirmwareEntry> entries = m_entries ? m_entries() : QList<library::FirmwareEntry>();
    for (int r = 0; r < components.size(); ++r) {
        const ComponentSpec &c = components[r];
        auto set = [&](int col, const QString &text, bool editable, const QString &tip = {}) {
            QTableWidgetItem *item = m_table->item(r, col);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, col, item);
            }
            if (item->text() != text)
                item->setText(text);
            item->setToolTip(tip.isEmpty() ? text : tip);
            Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
            if (editable)
                flags |= Qt::ItemIsEditable;
            item->setFlags(flags);
            return item;
        };
        set(NameColumn, c.name, true);
        set(SlotColumn, c.slot ? QString::number(*c.slot) : QString(), true,
            tr("Slot of an A/B component (empty: none)"));
        QString firmware = c.payloadFile.isEmpty() ? QString() : QFileInfo(c.payloadFile).fileName();
        if (!c.firmwareId.isEmpty()) {
            firmware = tr("library #%1").arg(c.firmwareId);
            for (const library::FirmwareEntry &e : entries)
                if (QString::number(e.id) == c.firmwareId)
                    firmware = tr("%1 (#%2)").arg(e.name, c.firmwareId);
        }
        set(FirmwareColumn, firmware.isEmpty() ? tr("(double-click to pick)") : firmware, false,
            c.payloadFile.isEmpty() ? firmware : QDir::toNativeSeparators(c.payloadFile));
        QTableWidgetItem *digest = set(DigestColumn, QString::fromLatin1(c.digest.toHex()), false);
        digest->setFont(mono);
        set(SizeColumn, c.size ? QLocale().toString(c.size) : QString(), false);
        set(UriColumn, c.uri, true);
        set(VersionColumn, c.version, true);
        QTableWidgetItem *integrated =
            set(IntegratedColumn, QString(), false,
                tr("Carry the image inside the envelope (payload \"#%1\")").arg(c.name));
        integrated->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        integrated->setCheckState(c.integrated ? Qt::Checked : Qt::Unchecked);
    }
    // The slot column only where slots are used (A/B images).
    const bool slots = m_document->spec().templateKind == manifest::ManifestTemplate::ABSlots ||
                       std::any_of(components.begin(), components.end(),
                                   [](const ComponentSpec &c) { return c.slot.has_value(); });
    m_table->setColumnHidden(SlotColumn, !slots);
    if (current >= 0 && current < components.size())
        m_table->setCurrentCell(current, column);
    else if (!components.isEmpty())
        m_table->setCurrentCell(int(components.size()) - 1, 0);
    updateButtons();
}

void ComponentsEditor::updateButtons()
{
    const bool row = currentRow() >= 0 && currentRow() < m_document->spec().components.size();
    const bool idle = !isLoading();
    m_add->setEnabled(idle);
    m_remove->setEnabled(idle && row);
    m_pick->setEnabled(idle && row && !m_workspacePath.isEmpty());
    m_file->setEnabled(idle && row);
}

void ComponentsEditor::onItemChanged(QTableWidgetItem *item)
{
    const int r = item->row();
    if (r < 0 || r >= m_document->spec().components.size())
        return;
    const QString text = item->text().trimmed();
    switch (item->column()) {
    case NameColumn:
        m_document->edit(field(r, "name"), tr("Rename component"), [&](ManifestSpec &s) {
            // characteristics naming the component follow the new name
            const QString old = s.components[r].name;
            for (QString &c : s.characteristics)
                for (const char *prefix : {"component-version:", "component-digest:"})
                    if (c == QLatin1String(prefix) + old)
                        c = QLatin1String(prefix) + text;
            s.components[r].name = text;
        });
        break;
    case SlotColumn: {
        bool ok = false;
        const quint64 slot = text.toULongLong(&ok);
        m_document->edit(field(r, "slot"), tr("Edit component slot"), [&](ManifestSpec &s) {
            s.components[r].slot = ok ? std::optional<quint64>(slot) : std::nullopt;
        });
        break;
    }
    case UriColumn:
        m_document->edit(field(r, "uri"), tr("Edit component URI"),
                         [&](ManifestSpec &s) { s.components[r].uri = text; });
        break;
    case VersionColumn:
        m_document->edit(field(r, "version"), tr("Edit component version"),
                         [&](ManifestSpec &s) { s.components[r].version = text; });
        break;
    case IntegratedColumn: {
        const bool on = item->checkState() == Qt::Checked;
        m_document->edit(field(r, "integrated"), on ? tr("Integrate payload") : tr("Detach payload"),
                         [&](ManifestSpec &s) { s.components[r].integrated = on; });
        break;
    }
    default:
        break;
    }
    refresh(); // an edit that changed nothing (e.g. a slot that is not a number) shows the spec again
}

void ComponentsEditor::addComponent()
{
    QStringList names;
    for (const ComponentSpec &c : m_document->spec().components)
        names << c.name;
    QString name = names.isEmpty() ? QStringLiteral("main") : QStringLiteral("component");
    for (int i = 2; names.contains(name); ++i)
        name = QStringLiteral("component%1").arg(i);
    m_document->edit(QStringLiteral("components"), tr("Add component"), [&](ManifestSpec &s) {
        ComponentSpec c;
        c.name = name;
        s.components.append(c);
    });
    m_table->setCurrentCell(m_table->rowCount() - 1, NameColumn);
    m_table->setFocus();
}

void ComponentsEditor::removeComponent()
{
    const int r = currentRow();
    if (r < 0 || r >= m_document->spec().components.size())
        return;
    m_document->edit(QStringLiteral("components"), tr("Remove component"), [&](ManifestSpec &s) {
        const QString name = s.components[r].name;
        s.components.removeAt(r);
        bool stillUsed = false;
        for (const ComponentSpec &c : s.components)
            stillUsed = stillUsed || c.name == name;
        if (!stillUsed)
            s.characteristics.removeIf([&](const QString &c) {
                return c.endsWith(u':' + name) && c.startsWith(QLatin1String("component-"));
            });
    });
}

void ComponentsEditor::pickFirmware()
{
    const int r = currentRow();
    if (r < 0 || r >= m_document->spec().components.size() || isLoading() || m_workspacePath.isEmpty())
        return;
    const QList<library::FirmwareEntry> entries = m_entries ? m_entries() : QList<library::FirmwareEntry>();
    FirmwarePickerDialog dialog(entries, m_document->spec().components[r].name, this);
    bool ok = false;
    const qint64 current = m_document->spec().components[r].firmwareId.toLongLong(&ok);
    if (ok)
        dialog.selectId(current);
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return;
    if (const auto entry = dialog.selectedEntry())
        useLibraryEntry(r, *entry);
}

void ComponentsEditor::pickFile()
{
    const int r = currentRow();
    if (r < 0 || r >= m_document->spec().components.size() || isLoading())
        return;
    const QStringList files = DialogRunner::openFiles(
        this, tr("Image for %1").arg(m_document->spec().components[r].name), QDir::homePath(),
        tr("Firmware images (*.bin *.img *.signed);;All files (*)"));
    if (!files.isEmpty())
        useFile(r, files.first());
}

void ComponentsEditor::useLibraryEntry(int row, const library::FirmwareEntry &entry)
{
    if (isLoading())
        return;
    auto bytes = std::make_shared<QByteArray>();
    m_loading = new LibraryTask(
        m_workspacePath,
        [entry, bytes](library::FirmwareLibrary &lib, const std::atomic<bool> &) -> QString {
            auto read = libraryImageBytes(lib, entry);
            if (!read)
                return read.error().toString();
            *bytes = *read;
            return {};
        },
        this);
    m_status->setText(tr("Reading %1 from the library…").arg(entry.name));
    connect(m_loading, &LibraryTask::finished, this, [this, row, entry, bytes](const QString &error) {
        m_loading->deleteLater();
        m_loading = nullptr;
        if (error.isEmpty()) {
            setImage(row, QString::number(entry.id), QString(), *bytes, entry.version);
            m_status->setText(tr("%1: %2 bytes from library entry #%3")
                                  .arg(entry.name, QLocale().toString(bytes->size()))
                                  .arg(entry.id));
        } else {
            m_status->setText(tr("Cannot read %1 from the library: %2").arg(entry.name, error));
        }
        updateButtons();
        Q_EMIT loadingFinished(error);
    });
    updateButtons();
    m_loading->start();
}

void ComponentsEditor::useFile(int row, const QString &path)
{
    if (isLoading())
        return;
    auto bytes = std::make_shared<QByteArray>();
    auto error = std::make_shared<QString>();
    m_reading = new ManifestTask(
        [path, bytes, error] {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                *error = file.errorString();
            else
                *bytes = file.readAll();
        },
        this);
    m_status->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    connect(m_reading, &ManifestTask::finished, this, [this, row, path, bytes, error] {
        m_reading->deleteLater();
        m_reading = nullptr;
        if (error->isEmpty()) {
            setImage(row, QString(), path, *bytes, QString());
            m_status->setText(
                tr("%1: %2 bytes").arg(QDir::toNativeSeparators(path), QLocale().toString(bytes->size())));
        } else {
            m_status->setText(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), *error));
        }
        updateButtons();
        Q_EMIT loadingFinished(*error);
    });
    updateButtons();
    m_reading->start();
}

void ComponentsEditor::setImage(int row, const QString &firmwareId, const QString &payloadFile,
                                const QByteArray &bytes, const QString &version)
{
    if (row < 0 || row >= m_document->spec().components.size())
        return;
    m_document->edit(field(row, "digest"), tr("Use firmware"), [&](ManifestSpec &s) {
        ComponentSpec &c = s.components[row];
        c.firmwareId = firmwareId;
        c.payloadFile = payloadFile;
        c.payload = bytes;
        c.digest = crypto::sha256(bytes);
        c.size = quint64(bytes.size());
        if (c.version.isEmpty())
            c.version = version;
    });
}

bool ComponentsEditor::focusField(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^components\\[(\\d+)\\](?:\\.(\\w+))?"));
    const QRegularExpressionMatch m = re.match(name);
    if (!m.hasMatch()) {
        if (name.startsWith(QLatin1String("components"))) {
            m_table->setFocus();
            return true;
        }
        return false;
    }
    const int row = m.captured(1).toInt();
    const QString member = m.captured(2);
    int column = NameColumn;
    if (member == QLatin1String("digest") || member == QLatin1String("payload") ||
        member == QLatin1String("firmwareId"))
        column = FirmwareColumn;
    else if (member == QLatin1String("size"))
        column = SizeColumn;
    else if (member == QLatin1String("uri"))
        column = UriColumn;
    else if (member == QLatin1String("version"))
        column = VersionColumn;
    else if (member == QLatin1String("integrated"))
        column = IntegratedColumn;
    else if (member == QLatin1String("slot"))
        column = SlotColumn;
    if (row < m_table->rowCount()) {
        m_table->setCurrentCell(row, column);
        m_table->scrollToItem(m_table->item(row, column));
    }
    m_table->setFocus();
    return true;
}

} // namespace otadesk::ui
