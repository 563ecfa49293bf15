#include "ui/manifest/DependenciesEditor.h"

#include "ui/manifest/ManifestDocument.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

using manifest::ManifestSpec;

DependenciesEditor::DependenciesEditor(ManifestDocument *document, QWidget *parent)
    : QGroupBox(tr("Dependencies"), parent), m_document(document), m_table(new QTableWidget),
      m_add(new QPushButton(tr("Add &Dependency"))), m_remove(new QPushButton(tr("Remove Dependenc&y")))
{
    setObjectName(QStringLiteral("manifestDependenciesBox"));
    m_table->setObjectName(QStringLiteral("manifestDependencies"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Manifest digest (SHA-256, hex)"), tr("URI")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, m_table->fontMetrics().averageCharWidth() * 40);
    m_table->setMaximumHeight(m_table->fontMetrics().height() * 7);
    m_table->setToolTip(
        tr("Manifests this one depends on: the digest of their manifest and where to fetch them"));
    connect(m_table, &QTableWidget::itemChanged, this, &DependenciesEditor::onItemChanged);
    m_add->setObjectName(QStringLiteral("manifestAddDependency"));
    m_remove->setObjectName(QStringLiteral("manifestRemoveDependency"));
    connect(m_add, &QPushButton::clicked, this, [this] {
        m_document->edit(QStringLiteral("dependencies"), tr("Add dependency"),
                         [](ManifestSpec &s) { s.dependencies.append(manifest::DependencySpec{}); });
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int r = m_table->currentRow();
        if (r >= 0 && r < m_document->spec().dependencies.size())
            m_document->edit(QStringLiteral("dependencies"), tr("Remove dependency"),
                             [r](ManifestSpec &s) { s.dependencies.removeAt(r); });
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    connect(m_document, &ManifestDocument::changed, this, &DependenciesEditor::refresh);
    refresh();
}

void DependenciesEditor::refresh()
{
    const QList<manifest::DependencySpec> &deps = m_document->spec().dependencies;
    const QSignalBlocker block(m_table);
    m_table->setRowCount(int(deps.size()));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int r = 0; r < deps.size(); ++r) {
        const QStringList texts{QString::fromLatin1(deps[r].digest.toHex()), deps[r].uri};
        for (int c = 0; c < 2; ++c) {
            QTableWidgetItem *item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            if (item->text() != texts[c])
                item->setText(texts[c]);
            if (c == 0)
                item->setFont(mono);
        }
    }
    m_remove->setEnabled(!deps.isEmpty());
}

void DependenciesEditor::onItemChanged(QTableWidgetItem *item)
{
    const int r = item->row();
    if (r < 0 || r >= m_document->spec().dependencies.size())
        return;
    const QString text = item->text().trimmed();
    if (item->column() == 0) {
        QString hex = text;
        hex.remove(QRegularExpression(QStringLiteral("[\\s:]")));
        m_document->edit(
            QStringLiteral("dependencies[%1].digest").arg(r), tr("Edit dependency digest"),
            [&](ManifestSpec &s) { s.dependencies[r].digest = QByteArray::fromHex(hex.toLatin1()); });
    } else {
        m_document->edit(QStringLiteral("dependencies[%1].uri").arg(r), tr("Edit dependency URI"),
                         [&](ManifestSpec &s) { s.dependencies[r].uri = text; });
    }
    refresh();
}

bool DependenciesEditor::focusField(const QString &field)
{
    if (!field.startsWith(QLatin1String("dependencies")))
        return false;
    static const QRegularExpression re(QStringLiteral("^dependencies\\[(\\d+)\\](?:\\.(\\w+))?"));
    const QRegularExpressionMatch m = re.match(field);
    if (m.hasMatch() && m.captured(1).toInt() < m_table->rowCount())
        m_table->setCurrentCell(m.captured(1).toInt(), m.captured(2) == QLatin1String("uri") ? 1 : 0);
    m_table->setFocus();
    return true;
}

} // namespace otadesk::ui
