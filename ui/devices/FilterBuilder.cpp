#include "ui/devices/FilterBuilder.h"

#include "core/fleet/filter/Filter.h"
#include "core/fleet/filter/FilterAst.h"
#include "core/fleet/filter/FilterPrinter.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <algorithm>

namespace otadesk::ui {

using fleet::filter::FieldId;
using fleet::filter::Op;

namespace {
constexpr int kNoYear = 1900;

QString literal(const QString &text)
{
    fleet::filter::Value v;
    v.text = text;
    v.parts = {text};
    return fleet::filter::printValue(v);
}

const struct
{
    Op op;
    const char *label;
} kVersionOps[] = {{Op::Lt, "<"}, {Op::Le, "≤"}, {Op::Eq, "="}, {Op::Ne, "≠"}, {Op::Ge, "≥"}, {Op::Gt, ">"}};
} // namespace

FilterBuilder::FilterBuilder(QWidget *parent)
    : QWidget(parent), m_model(new QComboBox), m_batch(new QComboBox), m_yearFrom(new QSpinBox),
      m_yearTo(new QSpinBox), m_serialFrom(new QLineEdit), m_serialTo(new QLineEdit), m_component(new QComboBox),
      m_versionOp(new QComboBox), m_version(new QLineEdit), m_tag(new QComboBox), m_status(new QComboBox),
      m_note(new QLabel)
{
    setObjectName(QStringLiteral("devicesFilterBuilder"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QString any = tr("any");
    for (QComboBox *c : {m_model, m_batch, m_tag, m_component}) {
        c->setEditable(true);
        c->setInsertPolicy(QComboBox::NoInsert);
        c->lineEdit()->setPlaceholderText(any);
        connect(c, &QComboBox::currentTextChanged, this, &FilterBuilder::pickerChanged);
    }
    m_model->setObjectName(QStringLiteral("builderModel"));
    m_batch->setObjectName(QStringLiteral("builderBatch"));
    m_tag->setObjectName(QStringLiteral("builderTag"));
    m_component->setObjectName(QStringLiteral("builderComponent"));
    m_component->lineEdit()->setPlaceholderText(tr("component, e.g. main"));
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("&Batch:"), m_batch);

    auto *years = new QHBoxLayout;
    for (QSpinBox *s : {m_yearFrom, m_yearTo}) {
        s->setRange(kNoYear, 2200);
        s->setSpecialValueText(any);
        s->setValue(kNoYear);
        connect(s, &QSpinBox::valueChanged, this, &FilterBuilder::pickerChanged);
    }
    m_yearFrom->setObjectName(QStringLiteral("builderYearFrom"));
    m_yearTo->setObjectName(QStringLiteral("builderYearTo"));
    years->addWidget(m_yearFrom, 1);
    years->addWidget(new QLabel(tr("to")));
    years->addWidget(m_yearTo, 1);
    form->addRow(tr("Production year:"), years);

    auto *serials = new QHBoxLayout;
    m_serialFrom->setObjectName(QStringLiteral("builderSerialFrom"));
    m_serialTo->setObjectName(QStringLiteral("builderSerialTo"));
    m_serialFrom->setPlaceholderText(tr("first serial"));
    m_serialTo->setPlaceholderText(tr("last serial"));
    for (QLineEdit *e : {m_serialFrom, m_serialTo})
        connect(e, &QLineEdit::textEdited, this, &FilterBuilder::pickerChanged);
    serials->addWidget(m_serialFrom, 1);
    serials->addWidget(new QLabel(tr("to")));
    serials->addWidget(m_serialTo, 1);
    form->addRow(tr("Serial range:"), serials);

    auto *version = new QHBoxLayout;
    m_versionOp->setObjectName(QStringLiteral("builderVersionOp"));
    for (const auto &op : kVersionOps)
        m_versionOp->addItem(QString::fromUtf8(op.label), fleet::filter::opText(op.op));
    m_versionOp->setToolTip(tr("Versions compare as versions (2.10.0 is newer than 2.9.1)"));
    m_version->setObjectName(QStringLiteral("builderVersion"));
    m_version->setPlaceholderText(tr("version, e.g. 2.3.0"));
    connect(m_versionOp, &QComboBox::currentIndexChanged, this, &FilterBuilder::pickerChanged);
    connect(m_version, &QLineEdit::textEdited, this, &FilterBuilder::pickerChanged);
    version->addWidget(m_component, 2);
    version->addWidget(m_versionOp);
    version->addWidget(m_version, 2);
    form->addRow(tr("Firmware:"), version);
    form->addRow(tr("&Tag:"), m_tag);

    m_status->setObjectName(QStringLiteral("builderStatus"));
    m_status->addItem(any, QString());
    m_status->addItem(tr("pending acceptance"), QStringLiteral("pending"));
    m_status->addItem(tr("accepted"), QStringLiteral("accepted"));
    m_status->addItem(tr("rejected"), QStringLiteral("rejected"));
    connect(m_status, &QComboBox::currentIndexChanged, this, &FilterBuilder::pickerChanged);
    form->addRow(tr("S&tatus:"), m_status);

    auto *clearButton = new QPushButton(tr("Clear filter"));
    clearButton->setObjectName(QStringLiteral("builderClear"));
    connect(clearButton, &QPushButton::clicked, this, &FilterBuilder::clear);
    m_note->setObjectName(QStringLiteral("builderNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    form->addRow(m_note);
    form->addRow(clearButton);
    m_component->setCurrentText(QStringLiteral("main"));
}

void FilterBuilder::fillCombo(QComboBox *combo, const QStringList &values, const QString &)
{
    const QString current = combo->currentText();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(QString());
    combo->addItems(values);
    combo->setCurrentText(current);
}

void FilterBuilder::setFacets(const QMap<QString, QStringList> &facets)
{
    m_filling = true;
    fillCombo(m_model, facets.value(QStringLiteral("model")), {});
    fillCombo(m_batch, facets.value(QStringLiteral("batch")), {});
    fillCombo(m_tag, facets.value(QStringLiteral("tag")), {});
    QStringList components = facets.value(QStringLiteral("component"));
    if (components.isEmpty())
        components << QStringLiteral("main");
    const QString component = m_component->currentText();
    {
        const QSignalBlocker block(m_component);
        m_component->clear();
        m_component->addItems(components);
        m_component->setCurrentText(component.isEmpty() ? components.front() : component);
    }
    QList<int> years;
    for (const QString &y : facets.value(QStringLiteral("year")))
        if (int v = y.toInt(); v > kNoYear)
            years << v;
    if (!years.isEmpty()) {
        const auto [lo, hi] = std::minmax_element(years.begin(), years.end());
        m_yearFrom->setToolTip(tr("The fleet has devices from %1 to %2").arg(*lo).arg(*hi));
        m_yearTo->setToolTip(m_yearFrom->toolTip());
    }
    m_filling = false;
}

QString FilterBuilder::comboValue(const QComboBox *combo) { return combo->currentText().trimmed(); }

void FilterBuilder::setComboText(QComboBox *combo, const QString &text)
{
    const int i = combo->findText(text);
    if (i >= 0)
        combo->setCurrentIndex(i);
    else
        combo->setCurrentText(text);
}

QString FilterBuilder::text() const
{
    QStringList parts;
    if (const QString v = comboValue(m_model); !v.isEmpty())
        parts << QStringLiteral("model==") + literal(v);
    if (const QString v = comboValue(m_batch); !v.isEmpty())
        parts << QStringLiteral("batch==") + literal(v);
    const int from = m_yearFrom->value(), to = m_yearTo->value();
    if (from > kNoYear && from == to) {
        parts << QStringLiteral("year==%1").arg(from);
    } else {
        if (from > kNoYear)
            parts << QStringLiteral("year=ge=%1").arg(from);
        if (to > kNoYear)
            parts << QStringLiteral("year=le=%1").arg(to);
    }
    if (const QString v = m_serialFrom->text().trimmed(); !v.isEmpty())
        parts << QStringLiteral("serial=ge=") + literal(v);
    if (const QString v = m_serialTo->text().trimmed(); !v.isEmpty())
        parts << QStringLiteral("serial=le=") + literal(v);
    const QString component = comboValue(m_component);
    if (const QString v = m_version->text().trimmed(); !v.isEmpty() && !component.isEmpty())
        parts << QStringLiteral("fw.") + component + m_versionOp->currentData().toString() + literal(v);
    if (const QString v = comboValue(m_tag); !v.isEmpty())
        parts << QStringLiteral("tag==") + literal(v);
    if (const QString v = m_status->currentData().toString(); !v.isEmpty())
        parts << QStringLiteral("status==") + v;
    return parts.join(u';');
}

void FilterBuilder::pickerChanged()
{
    if (m_filling)
        return;
    m_editedAsText = false;
    m_note->hide();
    Q_EMIT textEdited(text());
}

void FilterBuilder::clearPickers()
{
    m_model->setCurrentText(QString());
    m_batch->setCurrentText(QString());
    m_yearFrom->setValue(kNoYear);
    m_yearTo->setValue(kNoYear);
    m_serialFrom->clear();
    m_serialTo->clear();
    m_version->clear();
    m_versionOp->setCurrentIndex(0);
    m_tag->setCurrentText(QString());
    m_status->setCurrentIndex(0);
}

void FilterBuilder::clear()
{
    m_filling = true;
    clearPickers();
    m_filling = false;
    pickerChanged();
}

bool FilterBuilder::setText(const QString &filterText)
{
    using fleet::filter::Node;
    auto parsed = fleet::Filter::parse(filterText);
    bool ok = bool(parsed);
    QList<fleet::filter::NodePtr> terms;
    if (ok && !parsed->isEmpty()) {
        const fleet::filter::NodePtr &root = parsed->root();
        if (root->kind == Node::Kind::Compare)
            terms << root;
        else if (root->kind == Node::Kind::And)
            terms = root->children;
        else
            ok = false;
    }
    QMap<FieldId, int> seen;
    for (const fleet::filter::NodePtr &n : std::as_const(terms)) {
        if (!ok || n->kind != Node::Kind::Compare || n->comparison.values.size() != 1 ||
            n->comparison.values.front().isPattern()) {
            ok = false;
            break;
        }
        const auto &c = n->comparison;
        const int count = ++seen[c.field.id];
        const bool eq = c.op == Op::Eq;
        switch (c.field.id) {
        case FieldId::Model:
        case FieldId::Batch:
        case FieldId::Tag:
        case FieldId::Status:
            ok = eq && count == 1;
            break;
        case FieldId::Year:
        case FieldId::Serial:
            ok = count <= 2 && (c.op == Op::Ge || c.op == Op::Le || (c.field.id == FieldId::Year &&
                                                                     (eq || c.op == Op::Lt || c.op == Op::Gt)));
            break;
        case FieldId::Fw:
            ok = count == 1 && c.op != Op::In && c.op != Op::Out;
            break;
        default:
            ok = false;
        }
        if (!ok)
            break;
    }
    m_filling = true;
    if (ok) {
        clearPickers();
        for (const fleet::filter::NodePtr &n : std::as_const(terms)) {
            const auto &c = n->comparison;
            const fleet::filter::Value &v = c.values.front();
            switch (c.field.id) {
            case FieldId::Model:
                setComboText(m_model, v.text);
                break;
            case FieldId::Batch:
                setComboText(m_batch, v.text);
                break;
            case FieldId::Tag:
                setComboText(m_tag, v.text);
                break;
            case FieldId::Status:
                m_status->setCurrentIndex(qMax(0, m_status->findData(v.text)));
                break;
            case FieldId::Year: {
                const int y = int(v.number);
                if (c.op == Op::Eq || c.op == Op::Ge || c.op == Op::Gt)
                    m_yearFrom->setValue(c.op == Op::Gt ? y + 1 : y);
                if (c.op == Op::Eq || c.op == Op::Le || c.op == Op::Lt)
                    m_yearTo->setValue(c.op == Op::Lt ? y - 1 : y);
                break;
            }
            case FieldId::Serial:
                (c.op == Op::Ge ? m_serialFrom : m_serialTo)->setText(v.text);
                break;
            case FieldId::Fw:
                setComboText(m_component, c.field.sub);
                m_versionOp->setCurrentIndex(qMax(0, m_versionOp->findData(fleet::filter::opText(c.op))));
                m_version->setText(v.text);
                break;
            default:
                break;
            }
        }
    }
    m_filling = false;
    m_editedAsText = !ok;
    m_note->setVisible(!ok);
    m_note->setText(parsed ? tr("Edited as text: this filter uses conditions the builder cannot show. Changing a "
                                "picker replaces it.")
                           : tr("Edited as text: fix the filter to see it here."));
    return ok;
}

} // namespace otadesk::ui
