#pragma once
// The visual side of the device filter: pickers for model, batch, production year range, serial range, one
// component version comparison, tag and status, filled with the values the fleet holds (GET /devices/facets).
// Changing a picker writes the filter text (textEdited()); setText() fills the pickers back from a filter that
// is a plain conjunction of what they can show, and otherwise says that the filter is edited as text.
#include <QMap>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace otadesk::ui {

class FilterBuilder : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBuilder(QWidget *parent = nullptr);

    // facets: "model", "batch", "year", "tag", "component", ... → distinct values.
    void setFacets(const QMap<QString, QStringList> &facets);
    // The filter text the pickers describe ("" for no condition).
    QString text() const;
    // Fills the pickers from filter text; false (and the "edited as text" note) when they cannot show it.
    bool setText(const QString &filterText);
    bool isEditedAsText() const { return m_editedAsText; }

    QComboBox *modelPicker() const { return m_model; }
    QComboBox *batchPicker() const { return m_batch; }
    QSpinBox *yearFrom() const { return m_yearFrom; }
    QSpinBox *yearTo() const { return m_yearTo; }
    QLineEdit *serialFrom() const { return m_serialFrom; }
    QLineEdit *serialTo() const { return m_serialTo; }
    QComboBox *componentPicker() const { return m_component; }
    QComboBox *versionOperator() const { return m_versionOp; }
    QLineEdit *versionField() const { return m_version; }
    QComboBox *tagPicker() const { return m_tag; }
    QComboBox *statusPicker() const { return m_status; }
    QLabel *note() const { return m_note; }

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    // A picker changed: the new filter text.
    void textEdited(const QString &text);

private:
    void pickerChanged();
    void clearPickers();
    static void fillCombo(QComboBox *combo, const QStringList &values, const QString &anyText);
    static void setComboText(QComboBox *combo, const QString &text);
    static QString comboValue(const QComboBox *combo);

    QComboBox *m_model;
    QComboBox *m_batch;
    QSpinBox *m_yearFrom;
    QSpinBox *m_yearTo;
    QLineEdit *m_serialFrom;
    QLineEdit *m_serialTo;
    QComboBox *m_component;
    QComboBox *m_versionOp;
    QLineEdit *m_version;
    QComboBox *m_tag;
    QComboBox *m_status;
    QLabel *m_note;
    bool m_filling = false;
    bool m_editedAsText = false;
};

} // namespace otadesk::ui
