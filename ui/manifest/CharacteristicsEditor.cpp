#include "ui/manifest/CharacteristicsEditor.h"

#include "ui/manifest/ManifestDocument.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>

namespace otadesk::ui {

using manifest::ManifestSpec;

CharacteristicsEditor::CharacteristicsEditor(ManifestDocument *document, QWidget *parent)
    : QGroupBox(tr("Device characteristics"), parent), m_document(document), m_list(new QListWidget),
      m_uri(new QLineEdit)
{
    setObjectName(QStringLiteral("manifestCharacteristicsBox"));
    m_list->setObjectName(QStringLiteral("manifestCharacteristics"));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(2);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 5);
    m_list->setToolTip(tr("What a device reports to the resource-request URI before it is given the payload "
                          "(full image or delta)"));
    m_list->setStatusTip(m_list->toolTip());
    connect(m_list, &QListWidget::itemChanged, this, &CharacteristicsEditor::onItemChanged);

    m_uri->setObjectName(QStringLiteral("manifestResourceUri"));
    m_uri->setPlaceholderText(
        tr("https://updates.example.com/resource — required when a characteristic is checked"));
    m_uri->setClearButtonEnabled(true);
    connect(m_uri, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_document->edit(
            QStringLiteral("resourceRequestUri"), tr("Edit resource-request URI"),
            [&](ManifestSpec &s) { s.resourceRequestUri = text; }, true);
    });

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Report:"), m_list);
    form->addRow(tr("Resource-request &URI:"), m_uri);

    connect(m_document, &ManifestDocument::changed, this, &CharacteristicsEditor::refresh);
    refresh();
}

void CharacteristicsEditor::refresh()
{
    const ManifestSpec &s = m_document->spec();
    QStringList names = manifest::standardCharacteristicNames();
    for (const manifest::ComponentSpec &c : s.components)
        if (!c.name.isEmpty())
            names << QStringLiteral("component-version:") + c.name;
    for (const QString &c : s.characteristics)
        names << c;
    names.removeDuplicates();

    const QSignalBlocker block(m_list);
    bool same = m_list->count() == names.size();
    for (int i = 0; same && i < names.size(); ++i)
        same = m_list->item(i)->text() == names[i];
    if (!same) {
        m_list->clear();
        for (const QString &name : std::as_const(names)) {
            auto *item = new QListWidgetItem(name, m_list);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        }
    }
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const Qt::CheckState state = s.characteristics.contains(item->text()) ? Qt::Checked : Qt::Unchecked;
        if (item->checkState() != state)
            item->setCheckState(state);
    }
    if (m_uri->text() != s.resourceRequestUri) {
        const QSignalBlocker blockUri(m_uri);
        m_uri->setText(s.resourceRequestUri);
    }
}

void CharacteristicsEditor::onItemChanged(QListWidgetItem *item)
{
    QStringList checked;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            checked << m_list->item(i)->text();
    m_document->edit(QStringLiteral("characteristics"),
                     item->checkState() == Qt::Checked ? tr("Report %1").arg(item->text())
                                                       : tr("Do not report %1").arg(item->text()),
                     [&](ManifestSpec &s) { s.characteristics = checked; });
}

bool CharacteristicsEditor::setChecked(const QString &name, bool checked)
{
    const QList<QListWidgetItem *> items = m_list->findItems(name, Qt::MatchExactly);
    if (items.isEmpty())
        return false;
    items.first()->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return true;
}

} // namespace otadesk::ui
