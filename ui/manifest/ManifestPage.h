#pragma once
// The Manifests page: a SUIT manifest editor and an envelope viewer.
// Editor: new manifest from a template, a form (identity, components with firmware from the library,
// characteristics, dependencies) whose every edit is undoable, a live preview (problems, sizes, CBOR
// diagnostic notation) built on a worker thread, Sign (key + passphrase; off the GUI thread) and Save .suit,
// drafts as *.suitspec.json. Viewer: any .suit file decoded and verified against the workspace's keys.
// The `otactl manifest create …` line for the form is shown under it.
#include "core/common/ActivityLog.h"
#include "core/library/FirmwareLibrary.h"
#include "core/manifest/ManifestSpec.h"

#include <functional>
#include <QWidget>

class QAction;
class QLabel;
class QScrollArea;
class QTabWidget;

namespace otadesk::ui {

class CharacteristicsEditor;
class ComponentsEditor;
class DependenciesEditor;
class EnvelopeView;
class IdentityForm;
class ManifestDocument;
class ManifestPreview;

class ManifestPage : public QWidget
{
    Q_OBJECT
public:
    explicit ManifestPage(ActivityLog *log, QWidget *parent = nullptr);
    ~ManifestPage() override;

    void setWorkspace(const QString &path);
    QString workspacePath() const { return m_workspacePath; }
    // Products offered in the product field (e.g. those of the firmware library).
    void setProductProvider(std::function<QStringList()> provider);
    // The firmware library entries components can be picked from.
    void setEntryProvider(std::function<QList<library::FirmwareEntry>()> provider);

    ManifestDocument *document() const { return m_document; }
    IdentityForm *identity() const { return m_identity; }
    ComponentsEditor *components() const { return m_components; }
    CharacteristicsEditor *characteristics() const { return m_characteristics; }
    DependenciesEditor *dependencies() const { return m_dependencies; }
    ManifestPreview *preview() const { return m_preview; }
    EnvelopeView *envelopeView() const { return m_envelope; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *commandLine() const { return m_cli; }
    QLabel *titleLabel() const { return m_title; }
    bool isModified() const;
    bool isBusy() const { return m_busy; }
    QString documentName() const;

    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *signAction() const { return m_sign; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QAction *openEnvelopeAction() const { return m_openEnvelope; }
    QAction *openDraftAction() const { return m_openDraft; }
    QAction *saveDraftAction() const { return m_saveDraft; }
    QList<QAction *> templateActions() const { return m_templates; }
    QList<QAction *> fileActions() const; // for the File menu

    // Asks whether unsaved changes may be dropped; true if there are none or the user agrees.
    bool maybeDiscard();

public Q_SLOTS:
    void newFromTemplate(manifest::ManifestTemplate kind);
    bool sign();
    bool save();
    bool saveAs();
    bool saveSuit(const QString &path);
    void openEnvelopeWithDialog();
    bool openEnvelope(const QString &path);
    void openDraftWithDialog();
    bool openDraft(const QString &path);
    bool saveDraftWithDialog();
    bool saveDraft(const QString &path);
    void focusField(const QString &field);

Q_SIGNALS:
    void taskStarted(const QString &text);
    void taskFinished();
    void modifiedChanged(bool modified);
    void showRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void updateState();
    QWidget *createEditor();

    ActivityLog *m_log;
    QString m_workspacePath;
    std::function<QStringList()> m_products;
    bool m_busy = false;

    ManifestDocument *m_document;
    QLabel *m_title;
    QTabWidget *m_tabs;
    QScrollArea *m_scroll = nullptr;
    IdentityForm *m_identity = nullptr;
    ComponentsEditor *m_components = nullptr;
    CharacteristicsEditor *m_characteristics = nullptr;
    DependenciesEditor *m_dependencies = nullptr;
    ManifestPreview *m_preview = nullptr;
    EnvelopeView *m_envelope;
    QLabel *m_cli;

    QList<QAction *> m_templates;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_sign = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_openEnvelope = nullptr;
    QAction *m_openDraft = nullptr;
    QAction *m_saveDraft = nullptr;
};

} // namespace otadesk::ui
