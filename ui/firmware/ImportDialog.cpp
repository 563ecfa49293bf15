#include "ui/firmware/ImportDialog.h"

#include "core/firmware/FormatRegistry.h"
#include "ui/firmware/CommandLines.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace otadesk::ui {

std::optional<quint64> parseAddress(const QString &text)
{
    QString t = text.trimmed().remove(u'_');
    if (t.isEmpty())
        return quint64(0);
    bool ok = false;
    quint64 value = 0;
    if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        value = t.mid(2).toULongLong(&ok, 16);
    else if (t.endsWith(u'h', Qt::CaseInsensitive))
        value = t.chopped(1).toULongLong(&ok, 16);
    else
        value = t.toULongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return value;
}

ImportDialog::ImportDialog(const QStringList &files, QWidget *parent)
    : QDialog(parent), m_files(files), m_list(new QListWidget), m_product(new QLineEdit),
      m_version(new QLineEdit), m_component(new QLineEdit), m_format(new QComboBox), m_base(new QLineEdit),
      m_cli(new QLabel), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import firmware"));

    m_list->setObjectName(QStringLiteral("importFiles"));
    for (const QString &f : files) {
        auto *item = new QListWidgetItem(QFileInfo(f).fileName(), m_list);
        item->setToolTip(f);
    }
    m_list->setMaximumHeight(qMin(6, int(files.size()) + 1) * (fontMetrics().height() + 6));

    m_product->setObjectName(QStringLiteral("importProduct"));
    m_product->setPlaceholderText(tr("from the package metadata, if any"));
    m_version->setObjectName(QStringLiteral("importVersion"));
    m_version->setPlaceholderText(tr("from the package or MCUboot header, if any"));
    m_component->setObjectName(QStringLiteral("importComponent"));
    m_component->setPlaceholderText(tr("derived from the file name"));
    m_format->setObjectName(QStringLiteral("importFormat"));
    m_format->addItem(tr("Detect from content"), QString());
    for (const auto *format : firmware::FormatRegistry::instance().formats())
        m_format->addItem(format->displayName(), format->id());
    m_base->setObjectName(QStringLiteral("importBaseAddress"));
    m_base->setText(QStringLiteral("0x00000000"));
    m_base->setToolTip(tr("Where the first byte of a raw binary goes, e.g. 0x08000000. Other formats carry "
                          "their own addresses."));
    m_cli->setObjectName(QStringLiteral("importCommandLine"));
    m_cli->setWordWrap(true);
    m_cli->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cli->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Product:"), m_product);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("&Component:"), m_component);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Base address:"), m_base);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("%n file(s) to import:", nullptr, int(files.size()))));
    layout->addWidget(m_list);
    layout->addLayout(form);
    layout->addWidget(m_cli);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("importOk"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_product, m_version, m_component, m_base})
        connect(edit, &QLineEdit::textChanged, this, &ImportDialog::update);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::update);
    resize(520, sizeHint().height());
    update();
}

ImportOptions ImportDialog::options() const
{
    ImportOptions o;
    o.product = m_product->text().trimmed();
    o.version = m_version->text().trimmed();
    o.component = m_component->text().trimmed();
    o.formatId = m_format->currentData().toString();
    o.baseAddress = parseAddress(m_base->text()).value_or(0);
    return o;
}

void ImportDialog::setOptions(const ImportOptions &o)
{
    m_product->setText(o.product);
    m_version->setText(o.version);
    m_component->setText(o.component);
    m_format->setCurrentIndex(qMax(0, m_format->findData(o.formatId)));
    m_base->setText(firmware::formatAddress(o.baseAddress));
}

QString ImportDialog::commandLine() const { return commands::importFiles(m_files, options()); }

void ImportDialog::update()
{
    const bool addressOk = parseAddress(m_base->text()).has_value();
    m_base->setStyleSheet(addressOk ? QString() : QStringLiteral("color: #b3261e;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(addressOk && !m_files.isEmpty());
    m_cli->setText(tr("Same as: %1").arg(commandLine()));
}

} // namespace otadesk::ui
