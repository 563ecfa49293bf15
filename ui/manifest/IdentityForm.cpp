#include "ui/manifest/IdentityForm.h"

#include "core/manifest/SequenceRegistry.h"
#include "ui/manifest/ManifestDocument.h"
#include "ui/shell/DialogRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

namespace otadesk::ui {

using manifest::ManifestSpec;

IdentityForm::IdentityForm(ManifestDocument *document, QWidget *parent)
    : QGroupBox(tr("Manifest"), parent), m_document(document), m_product(new QComboBox),
      m_vendorId(new QLabel), m_classId(new QLabel), m_sequence(new QSpinBox), m_next(new QToolButton),
      m_severText(new QCheckBox(tr("Sever the &text section (its digest stays in the manifest)"))),
      m_severInstall(new QCheckBox(tr("Sever the &install sequence"))), m_template(new QLabel)
{
    setObjectName(QStringLiteral("manifestIdentity"));
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_template->setObjectName(QStringLiteral("manifestTemplateLabel"));
    form->addRow(tr("Template:"), m_template);

    m_product->setObjectName(QStringLiteral("manifestProduct"));
    m_product->setEditable(true);
    m_product->setInsertPolicy(QComboBox::NoInsert);
    m_product->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_product->setToolTip(tr("Product code: sequence numbers and default signing keys are kept per product"));
    m_product->setStatusTip(m_product->toolTip());
    connect(m_product, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        m_document->edit(
            QStringLiteral("product"), tr("Edit product"), [&](ManifestSpec &s) { s.product = text; }, true);
    });
    form->addRow(tr("&Product:"), m_product);

    m_vendorDomain = textField(QStringLiteral("manifestVendorDomain"), QStringLiteral("vendorDomain"),
                               tr("Edit vendor domain"), &ManifestSpec::vendorDomain);
    m_vendorDomain->setPlaceholderText(tr("e.g. example.com"));
    m_vendorDomain->setStatusTip(tr("The vendor ID is the name-based UUID (v5) of this domain"));
    form->addRow(tr("Vendor &domain:"), m_vendorDomain);
    m_model = textField(QStringLiteral("manifestModel"), QStringLiteral("modelName"), tr("Edit model name"),
                        &ManifestSpec::modelName);
    m_model->setPlaceholderText(tr("e.g. gateway-200"));
    m_model->setStatusTip(
        tr("The class ID is the name-based UUID (v5) of this model name under the vendor ID"));
    form->addRow(tr("&Model name:"), m_model);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QLabel *l : {m_vendorId, m_classId}) {
        l->setFont(mono);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_vendorId->setObjectName(QStringLiteral("manifestVendorId"));
    m_classId->setObjectName(QStringLiteral("manifestClassId"));
    form->addRow(tr("Vendor ID:"), m_vendorId);
    form->addRow(tr("Class ID:"), m_classId);

    m_sequence->setObjectName(QStringLiteral("manifestSequence"));
    m_sequence->setRange(0, std::numeric_limits<int>::max());
    m_sequence->setStatusTip(
        tr("Devices install only manifests with a higher sequence number than the one they run"));
    connect(m_sequence, &QSpinBox::valueChanged, this, [this](int value) {
        m_document->edit(
            QStringLiteral("sequenceNumber"), tr("Edit sequence number"),
            [&](ManifestSpec &s) { s.sequenceNumber = quint64(value); }, true);
    });
    m_next->setObjectName(QStringLiteral("manifestNextSequence"));
    m_next->setText(tr("&Next"));
    m_next->setToolTip(tr("Use the number after the highest one signed for this product in this workspace"));
    m_next->setStatusTip(m_next->toolTip());
    connect(m_next, &QToolButton::clicked, this, &IdentityForm::useNextSequenceNumber);
    auto *seqRow = new QHBoxLayout;
    seqRow->addWidget(m_sequence, 1);
    seqRow->addWidget(m_next);
    auto *seqLabel = new QLabel(tr("&Sequence number:"));
    seqLabel->setBuddy(m_sequence);
    form->addRow(seqLabel, seqRow);

    m_version = textField(QStringLiteral("manifestVersion"), QStringLiteral("version"), tr("Edit version"),
                          &ManifestSpec::version);
    m_version->setPlaceholderText(tr("e.g. 2.3.0"));
    form->addRow(tr("&Version:"), m_version);
    m_description = textField(QStringLiteral("manifestDescription"), QStringLiteral("description"),
                              tr("Edit description"), &ManifestSpec::description);
    form->addRow(tr("D&escription:"), m_description);
    m_vendorName = textField(QStringLiteral("manifestVendorName"), QStringLiteral("vendorName"),
                             tr("Edit vendor name"), &ManifestSpec::vendorName);
    m_vendorName->setPlaceholderText(tr("optional"));
    form->addRow(tr("Vendor na&me:"), m_vendorName);

    m_severText->setObjectName(QStringLiteral("manifestSeverText"));
    m_severInstall->setObjectName(QStringLiteral("manifestSeverInstall"));
    connect(m_severText, &QCheckBox::toggled, this, [this](bool on) {
        m_document->edit(QStringLiteral("severText"), tr("Sever text"),
                         [&](ManifestSpec &s) { s.severText = on; });
    });
    connect(m_severInstall, &QCheckBox::toggled, this, [this](bool on) {
        m_document->edit(QStringLiteral("severInstall"), tr("Sever install"),
                         [&](ManifestSpec &s) { s.severInstall = on; });
    });
    form->addRow(QString(), m_severText);
    form->addRow(QString(), m_severInstall);

    connect(m_document, &ManifestDocument::changed, this, &IdentityForm::refresh);
    refresh();
}

QLineEdit *IdentityForm::textField(const QString &objectName, const QString &field, const QString &undoText,
                                   QString ManifestSpec::*member)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::textChanged, this, [this, field, undoText, member](const QString &text) {
        m_document->edit(
            field, undoText, [&](ManifestSpec &s) { s.*member = text; }, true);
    });
    m_texts.append({edit, member});
    return edit;
}

void IdentityForm::setProducts(const QStringList &products)
{
    const QSignalBlocker block(m_product);
    const QString current = m_document->spec().product;
    m_product->clear();
    m_product->addItems(products);
    m_product->setCurrentText(current);
}

void IdentityForm::refresh()
{
    const ManifestSpec &s = m_document->spec();
    m_template->setText(manifest::templateTitle(s.templateKind));
    for (const auto &[edit, member] : std::as_const(m_texts)) {
        if (edit->text() != s.*member) {
            const QSignalBlocker block(edit);
            edit->setText(s.*member);
        }
    }
    if (m_product->currentText() != s.product) {
        const QSignalBlocker block(m_product);
        m_product->setCurrentText(s.product);
    }
    if (quint64(m_sequence->value()) != s.sequenceNumber) {
        const QSignalBlocker block(m_sequence);
        m_sequence->setValue(int(qMin<quint64>(s.sequenceNumber, quint64(m_sequence->maximum()))));
    }
    for (auto [box, value] :
         {std::pair{m_severText, s.severText}, std::pair{m_severInstall, s.severInstall}}) {
        if (box->isChecked() != value) {
            const QSignalBlocker block(box);
            box->setChecked(value);
        }
    }
    auto uuid = [](const QString &source, const QUuid &id) {
        return source.isEmpty() ? tr("— (fill in the field above)") : id.toString(QUuid::WithoutBraces);
    };
    m_vendorId->setText(uuid(s.vendorDomain, s.vendorId()));
    m_classId->setText(uuid(s.vendorDomain.isEmpty() ? QString() : s.modelName, s.classId()));
    m_next->setEnabled(!m_workspacePath.isEmpty());
}

QWidget *IdentityForm::fieldWidget(const QString &field) const
{
    static const QStringList names{
        QStringLiteral("product"),        QStringLiteral("vendorDomain"), QStringLiteral("modelName"),
        QStringLiteral("sequenceNumber"), QStringLiteral("version"),      QStringLiteral("description"),
        QStringLiteral("vendorName"),     QStringLiteral("severText"),    QStringLiteral("severInstall")};
    const QList<QWidget *> widgets{m_product,     m_vendorDomain, m_model,     m_sequence,    m_version,
                                   m_description, m_vendorName,   m_severText, m_severInstall};
    for (qsizetype i = 0; i < names.size(); ++i)
        if (field.compare(names[i], Qt::CaseInsensitive) == 0)
            return widgets[i];
    if (field.startsWith(QLatin1String("vendorId"), Qt::CaseInsensitive))
        return m_vendorDomain;
    if (field.startsWith(QLatin1String("classId"), Qt::CaseInsensitive))
        return m_model;
    return nullptr;
}

void IdentityForm::useNextSequenceNumber()
{
    const QString product = m_document->spec().product.trimmed();
    if (m_workspacePath.isEmpty())
        return;
    if (product.isEmpty()) {
        DialogRunner::warn(this, tr("Next sequence number"),
                           tr("Fill in the product first: sequence numbers are counted per product."));
        m_product->setFocus();
        return;
    }
    const auto next = manifest::SequenceRegistry(Workspace(m_workspacePath)).next(product);
    if (!next) {
        DialogRunner::warn(this, tr("Next sequence number"), next.error().toString());
        return;
    }
    m_document->edit(QStringLiteral("sequenceNumber"), tr("Use next sequence number"),
                     [&](ManifestSpec &s) { s.sequenceNumber = *next; });
}

} // namespace otadesk::ui
