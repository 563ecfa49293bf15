#include "ui/firmware/ExportDialog.h"

#include "core/firmware/FormatRegistry.h"
#include "ui/firmware/CommandLines.h"
#include "ui/firmware/ImportDialog.h"
#include "ui/shell/DialogRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

ExportDialog::ExportDialog(const library::FirmwareEntry &entry, int bytesPerRecord, quint8 fill,
                           const QString &folder, QWidget *parent)
    : QDialog(parent), m_entry(entry), m_folder(folder.isEmpty() ? QDir::homePath() : folder),
      m_format(new QComboBox), m_path(new QLineEdit), m_bytesPerRecord(new QSpinBox), m_fill(new QSpinBox),
      m_useRange(new QCheckBox(tr("Only this address range:"))), m_start(new QLineEdit), m_end(new QLineEdit),
      m_problem(new QLabel), m_cli(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1").arg(entry.name));

    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (const char *id : {"ihex", "srec", "bin", "elf"}) {
        const auto *format = firmware::FormatRegistry::instance().byId(QString::fromLatin1(id));
        if (format && format->canWrite())
            m_format->addItem(format->displayName(), format->id());
    }
    m_path->setObjectName(QStringLiteral("exportPath"));
    auto *browse = new QToolButton;
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, &ExportDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path);
    pathRow->addWidget(browse);

    m_bytesPerRecord->setObjectName(QStringLiteral("exportBytesPerRecord"));
    m_bytesPerRecord->setRange(1, 255);
    m_bytesPerRecord->setValue(bytesPerRecord);
    m_fill->setObjectName(QStringLiteral("exportFill"));
    m_fill->setRange(0, 255);
    m_fill->setDisplayIntegerBase(16);
    m_fill->setPrefix(QStringLiteral("0x"));
    m_fill->setValue(fill);
    m_fill->setToolTip(tr("Value written into gaps of a raw binary"));

    m_useRange->setObjectName(QStringLiteral("exportUseRange"));
    m_start->setObjectName(QStringLiteral("exportRangeStart"));
    m_end->setObjectName(QStringLiteral("exportRangeEnd"));
    const firmware::AddressRange extent = entry.extent();
    m_start->setText(firmware::formatAddress(extent.start));
    m_end->setText(firmware::formatAddress(extent.end));
    m_end->setToolTip(tr("First address after the range (exclusive)"));
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_start);
    rangeRow->addWidget(new QLabel(QStringLiteral("–")));
    rangeRow->addWidget(m_end);

    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_cli->setWordWrap(true);
    m_cli->setEnabled(false);
    m_cli->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("F&ile:"), pathRow);
    form->addRow(tr("&Bytes per record:"), m_bytesPerRecord);
    form->addRow(tr("Fill &byte:"), m_fill);
    form->addRow(m_useRange, rangeRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_cli);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("exportOk"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (validationError().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        const QString id = m_format->currentData().toString();
        // Follow the format with the file extension unless the user typed their own name.
        const QFileInfo info(m_path->text());
        if (m_path->text().isEmpty() || info.completeBaseName() == QFileInfo(suggestedPath({})).completeBaseName())
            m_path->setText(suggestedPath(id));
        update();
    });
    for (QLineEdit *edit : {m_path, m_start, m_end})
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::update);
    connect(m_useRange, &QCheckBox::toggled, this, &ExportDialog::update);
    m_path->setText(suggestedPath(m_format->currentData().toString()));
    resize(560, sizeHint().height());
    update();
}

QString ExportDialog::suggestedPath(const QString &formatId) const
{
    QString ext = QStringLiteral("hex");
    if (const auto *format = firmware::FormatRegistry::instance().byId(formatId))
        ext = format->extensions().value(0, ext);
    return QDir(m_folder).filePath(QFileInfo(m_entry.name).completeBaseName() + u'.' + ext);
}

void ExportDialog::setPath(const QString &path) { m_path->setText(path); }

void ExportDialog::setFormat(const QString &formatId) { m_format->setCurrentIndex(m_format->findData(formatId)); }

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.path = m_path->text().trimmed();
    o.formatId = m_format->currentData().toString();
    o.bytesPerRecord = m_bytesPerRecord->value();
    o.fill = quint8(m_fill->value());
    if (m_useRange->isChecked())
        o.range = firmware::AddressRange{parseAddress(m_start->text()).value_or(0),
                                         parseAddress(m_end->text()).value_or(0)};
    return o;
}

QString ExportDialog::validationError() const
{
    if (m_format->count() == 0)
        return tr("No format can write files in this version.");
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return tr("Choose the file to write.");
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return tr("The folder %1 does not exist.").arg(QFileInfo(path).absolutePath());
    if (m_useRange->isChecked()) {
        const auto start = parseAddress(m_start->text());
        const auto end = parseAddress(m_end->text());
        if (!start || !end)
            return tr("Write the range as addresses, e.g. 0x08000000 and 0x08010000.");
        if (*end <= *start)
            return tr("The end of the range must lie after its start.");
    }
    return {};
}

void ExportDialog::update()
{
    const QString problem = validationError();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_start->setEnabled(m_useRange->isChecked());
    m_end->setEnabled(m_useRange->isChecked());
    const QString id = m_format->currentData().toString();
    m_bytesPerRecord->setEnabled(id == QLatin1String("ihex") || id == QLatin1String("srec"));
    m_fill->setEnabled(id == QLatin1String("bin"));
    m_cli->setText(tr("Same as: %1").arg(commands::exportEntry(m_entry.id, id, m_path->text().trimmed())));
}

void ExportDialog::browse()
{
    const QString id = m_format->currentData().toString();
    QString filter;
    if (const auto *format = firmware::FormatRegistry::instance().byId(id))
        filter = format->nameFilter();
    const QString path = DialogRunner::saveFile(this, tr("Export to"), m_path->text(), filter);
    if (!path.isEmpty())
        m_path->setText(path);
}

} // namespace otadesk::ui
