#include "ui/manifest/ManifestPage.h"

#include "core/manifest/ManifestBuilder.h"
#include "ui/manifest/CharacteristicsEditor.h"
#include "ui/manifest/ComponentsEditor.h"
#include "ui/manifest/DependenciesEditor.h"
#include "ui/manifest/EnvelopeView.h"
#include "ui/manifest/IdentityForm.h"
#include "ui/manifest/ManifestCommandLines.h"
#include "ui/manifest/ManifestDocument.h"
#include "ui/manifest/ManifestDrafts.h"
#include "ui/manifest/ManifestPreview.h"
#include "ui/manifest/SignDialog.h"
#include "ui/manifest/TrustedKeys.h"
#include "ui/manifest/UndoKeyFilter.h"
#include "ui/shell/DialogRunner.h"
#include "ui/widgets/Icons.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSaveFile>
#include <QScrollArea>
#include <QShowEvent>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace otadesk::ui {

using namespace otadesk::manifest;

namespace {
const QString kSource = QStringLiteral("manifests");
QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}
} // namespace

ManifestPage::ManifestPage(ActivityLog *log, QWidget *parent)
    : QWidget(parent), m_log(log), m_document(new ManifestDocument(this)), m_title(new QLabel),
      m_tabs(new QTabWidget), m_envelope(new EnvelopeView), m_cli(new QLabel)
{
    setObjectName(QStringLiteral("manifestsPage"));
    createActions();

    auto *toolbar = new QToolBar;
    toolbar->setObjectName(QStringLiteral("manifestsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(18, 18));
    auto *newButton = new QToolButton;
    newButton->setObjectName(QStringLiteral("manifestNewButton"));
    newButton->setText(tr("&New"));
    newButton->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    newButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    newButton->setPopupMode(QToolButton::InstantPopup);
    newButton->setToolTip(tr("Start a new manifest from a template"));
    auto *newMenu = new QMenu(newButton);
    newMenu->setObjectName(QStringLiteral("manifestTemplateMenu"));
    newMenu->addActions(m_templates);
    newButton->setMenu(newMenu);
    toolbar->addWidget(newButton);
    toolbar->addActions({m_openDraft, m_saveDraft});
    toolbar->addSeparator();
    toolbar->addActions({m_sign, m_save});
    toolbar->addSeparator();
    toolbar->addAction(m_openEnvelope);
    toolbar->addSeparator();
    for (QAction *a : {m_undo, m_redo}) { // icon only: the text names the step and changes all the time
        auto *button = new QToolButton;
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setAutoRaise(true);
        toolbar->addWidget(button);
    }

    m_title->setObjectName(QStringLiteral("manifestTitle"));
    m_title->setTextFormat(Qt::RichText);

    m_tabs->setObjectName(QStringLiteral("manifestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createEditor(), tr("&Editor"));
    m_tabs->addTab(m_envelope, tr("En&velope"));

    m_cli->setObjectName(QStringLiteral("manifestCommandLine"));
    m_cli->setWordWrap(true);
    m_cli->setTextFormat(Qt::PlainText);
    m_cli->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cli->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(toolbar);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_cli);

    connect(m_document, &ManifestDocument::changed, this, &ManifestPage::updateState);
    connect(m_document, &ManifestDocument::modifiedChanged, this, [this](bool modified) {
        updateState();
        Q_EMIT modifiedChanged(modified);
    });
    connect(m_preview, &ManifestPreview::problemActivated, this, &ManifestPage::focusField);

    // Ctrl+Z / Ctrl+Shift+Z in the form's fields go to the page's undo stack, not to the field's own history.
    (new UndoKeyFilter(this))->watch(m_scroll->widget());

    m_document->reset(ManifestBuilder::fromTemplate(ManifestTemplate::SingleImage));
}

ManifestPage::~ManifestPage() = default;

QWidget *ManifestPage::createEditor()
{
    m_identity = new IdentityForm(m_document);
    m_components = new ComponentsEditor(m_document);
    m_characteristics = new CharacteristicsEditor(m_document);
    m_dependencies = new DependenciesEditor(m_document);
    m_preview = new ManifestPreview(m_document);
    connect(m_components, &ComponentsEditor::loadingFinished, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_log->error(kSource, tr("Cannot read the firmware for a component: %1").arg(error));
    });

    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("manifestForm"));
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 4, 0);
    formLayout->addWidget(m_identity);
    formLayout->addWidget(m_components);
    formLayout->addWidget(m_characteristics);
    formLayout->addWidget(m_dependencies);
    formLayout->addStretch(1);
    m_scroll = new QScrollArea;
    m_scroll->setObjectName(QStringLiteral("manifestFormScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(form);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("manifestEditorSplitter"));
    split->addWidget(m_scroll);
    split->addWidget(m_preview);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 480});
    split->setChildrenCollapsible(false);
    return split;
}

void ManifestPage::createActions()
{
    for (ManifestTemplate kind : allTemplates()) {
        auto *a = new QAction(templateTitle(kind), this);
        a->setObjectName(QStringLiteral("actionManifestNew_") + templateName(kind));
        a->setStatusTip(tr("New manifest: %1 — otactl: otactl manifest create --template %2 …")
                            .arg(templateTitle(kind), templateName(kind)));
        connect(a, &QAction::triggered, this, [this, kind] {
            Q_EMIT showRequested();
            newFromTemplate(kind);
        });
        m_templates << a;
    }
    if (!m_templates.isEmpty()) {
        m_templates.first()->setShortcut(QKeySequence::New);
        m_templates.first()->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(m_templates.first());
    }

    auto make = [this](const QString &name, const QIcon &icon, const QString &text, const QString &tip,
                       const QKeySequence &key = {}) {
        auto *a = new QAction(icon, text, this);
        a->setObjectName(name);
        a->setStatusTip(tip);
        a->setToolTip(tip);
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        addAction(a);
        return a;
    };
    m_openDraft =
        make(QStringLiteral("actionManifestOpenDraft"), style()->standardIcon(QStyle::SP_DialogOpenButton),
             tr("Open &Draft…"), tr("Open a manifest draft (*.suitspec.json) to edit it"));
    m_saveDraft =
        make(QStringLiteral("actionManifestSaveDraft"), {}, tr("Save D&raft…"),
             tr("Save the form as a manifest draft (*.suitspec.json) to finish or rebuild it later"));
    m_sign = make(QStringLiteral("actionManifestSign"), themeIcon(QStringLiteral("keys")), tr("S&ign…"),
                  tr("Sign the manifest with a key of this workspace"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_save =
        make(QStringLiteral("actionManifestSave"), style()->standardIcon(QStyle::SP_DialogSaveButton),
             tr("&Save .suit"), tr("Save the signed envelope (signs first if needed)"), QKeySequence::Save);
    m_saveAs = make(QStringLiteral("actionManifestSaveAs"), {}, tr("Save .suit &As…"),
                    tr("Save the signed envelope under another name"), QKeySequence::SaveAs);
    m_openEnvelope = make(QStringLiteral("actionManifestOpenEnvelope"),
                          themeIcon(QStringLiteral("manifests")), tr("Open &Envelope…"),
                          tr("Decode and verify a SUIT envelope (.suit) against the keys of this workspace"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openDraft, &QAction::triggered, this, &ManifestPage::openDraftWithDialog);
    connect(m_saveDraft, &QAction::triggered, this, &ManifestPage::saveDraftWithDialog);
    connect(m_sign, &QAction::triggered, this, &ManifestPage::sign);
    connect(m_save, &QAction::triggered, this, &ManifestPage::save);
    connect(m_saveAs, &QAction::triggered, this, &ManifestPage::saveAs);
    connect(m_openEnvelope, &QAction::triggered, this, &ManifestPage::openEnvelopeWithDialog);

    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setObjectName(QStringLiteral("actionManifestUndo"));
    m_undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_undo->setStatusTip(tr("Take back the last change to the manifest"));
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setObjectName(QStringLiteral("actionManifestRedo"));
    m_redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)))
        redoKeys.prepend(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    m_redo->setShortcuts(redoKeys);
    m_redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_redo->setStatusTip(tr("Make the change taken back again"));
    addActions({m_undo, m_redo});
    // Chosen from the Edit menu while another page is shown: show the manifest that changes.
    connect(m_undo, &QAction::triggered, this, &ManifestPage::showRequested);
    connect(m_redo, &QAction::triggered, this, &ManifestPage::showRequested);
}

QList<QAction *> ManifestPage::fileActions() const
{
    return {m_openDraft, m_saveDraft, m_sign, m_save, m_saveAs, m_openEnvelope};
}

void ManifestPage::setWorkspace(const QString &path)
{
    m_workspacePath = path;
    m_identity->setWorkspace(path);
    m_components->setWorkspace(path);
    if (m_products)
        m_identity->setProducts(m_products());
    updateState();
}

void ManifestPage::setProductProvider(std::function<QStringList()> provider)
{
    m_products = std::move(provider);
    if (m_products)
        m_identity->setProducts(m_products());
}

void ManifestPage::setEntryProvider(std::function<QList<library::FirmwareEntry>()> provider)
{
    m_components->setEntryProvider(std::move(provider));
}

void ManifestPage::showEvent(QShowEvent *event)
{
    if (m_products) // products imported since the page was last shown
        m_identity->setProducts(m_products());
    QWidget::showEvent(event);
}

bool ManifestPage::isModified() const
{
    return m_document->isModified();
}

QString ManifestPage::documentName() const
{
    if (!m_document->suitPath().isEmpty())
        return QFileInfo(m_document->suitPath()).fileName();
    if (!m_document->draftPath().isEmpty())
        return QFileInfo(m_document->draftPath()).fileName();
    return tr("Untitled manifest");
}

void ManifestPage::updateState()
{
    const ManifestSpec &spec = m_document->spec();
    const bool signedNow = !m_document->signedEnvelope().isEmpty();
    m_title->setText(tr("<b>%1</b> — %2%3%4")
                         .arg(documentName().toHtmlEscaped(),
                              templateTitle(spec.templateKind).toHtmlEscaped(),
                              signedNow ? tr(" — <span style='color:#1b7f3b'>signed</span>") : QString(),
                              isModified() ? tr(" — <i>unsaved changes</i>") : QString()));
    m_cli->setText(tr("Command line: %1").arg(manifestcommands::create(spec, m_document->suitPath())));
    m_cli->setToolTip(m_cli->text());
    const bool idle = !m_busy && !m_workspacePath.isEmpty();
    m_sign->setEnabled(idle);
    m_save->setEnabled(idle);
    m_saveAs->setEnabled(idle);
}

bool ManifestPage::maybeDiscard()
{
    if (!isModified())
        return true;
    return DialogRunner::confirm(this, tr("Unsaved manifest"),
                                 tr("%1 has changes that are not saved. Discard them?").arg(documentName()),
                                 tr("Discard Changes"));
}

void ManifestPage::newFromTemplate(ManifestTemplate kind)
{
    if (!maybeDiscard())
        return;
    m_document->setSuitPath({});
    m_document->setDraftPath({});
    m_document->reset(ManifestBuilder::fromTemplate(kind));
    m_tabs->setCurrentIndex(0);
}

void ManifestPage::focusField(const QString &field)
{
    m_tabs->setCurrentIndex(0);
    QWidget *target = m_identity->fieldWidget(field);
    if (!target && m_components->focusField(field))
        target = m_components;
    if (!target && m_dependencies->focusField(field))
        target = m_dependencies;
    if (!target && field.startsWith(QLatin1String("resourceRequestUri")))
        target = m_characteristics->resourceUri();
    if (!target && field.startsWith(QLatin1String("characteristics")))
        target = m_characteristics->list();
    if (!target)
        return;
    m_scroll->ensureWidgetVisible(target);
    if (target != m_components && target != m_dependencies)
        target->setFocus(Qt::OtherFocusReason);
}

bool ManifestPage::sign()
{
    Q_EMIT showRequested();
    if (m_busy || m_workspacePath.isEmpty())
        return false;
    const QList<SpecProblem> problems = ManifestBuilder::validate(m_document->spec());
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const SpecProblem &p : problems)
            lines << QStringLiteral("• ") +
                         (p.field.isEmpty() ? p.message : tr("%1: %2").arg(p.field, p.message));
        DialogRunner::warn(this, tr("Sign manifest"),
                           tr("The manifest cannot be built yet:\n%1").arg(lines.join(u'\n')));
        focusField(problems.first().field);
        return false;
    }
    SignDialog dialog(m_workspacePath, m_document->spec(), this);
    connect(&dialog, &SignDialog::sequenceNumberChosen, this, [this](quint64 number) {
        m_document->edit(QStringLiteral("sequenceNumber"), tr("Use next sequence number"),
                         [number](ManifestSpec &s) { s.sequenceNumber = number; });
    });
    connect(&dialog, &KeyFormDialog::taskStarted, this, [this](const QString &text) {
        m_busy = true;
        updateState();
        Q_EMIT taskStarted(text);
    });
    connect(&dialog, &KeyFormDialog::taskFinished, this, [this] {
        m_busy = false;
        updateState();
        Q_EMIT taskFinished();
    });
    if (DialogRunner::exec(&dialog) != QDialog::Accepted || dialog.signedEnvelope().isEmpty())
        return false;
    const QByteArray envelope = dialog.signedEnvelope();
    m_document->setSignedEnvelope(envelope);
    const ManifestSpec &spec = m_document->spec();
    m_log->info(kSource, tr("Signed the manifest of %1, sequence number %2, with %3 (%4 bytes)")
                             .arg(spec.product)
                             .arg(spec.sequenceNumber)
                             .arg(dialog.keyName())
                             .arg(envelope.size()));
    const Status shown = m_envelope->showEnvelope(
        envelope, tr("%1 (signed, not saved yet)").arg(documentName()), trustedKeys(m_workspacePath));
    if (!shown)
        m_log->error(kSource, shown.error().toString());
    m_tabs->setCurrentWidget(m_envelope);
    updateState();
    return true;
}

bool ManifestPage::save()
{
    if (m_document->suitPath().isEmpty())
        return saveAs();
    return saveSuit(m_document->suitPath());
}

bool ManifestPage::saveAs()
{
    Q_EMIT showRequested();
    const ManifestSpec &spec = m_document->spec();
    const QString base = spec.product.isEmpty()
                             ? QStringLiteral("manifest")
                             : QStringLiteral("%1-%2").arg(spec.product).arg(spec.sequenceNumber);
    const QString suggested = m_document->suitPath().isEmpty()
                                  ? QDir(m_workspacePath.isEmpty() ? QDir::homePath() : m_workspacePath)
                                        .filePath(base + QStringLiteral(".suit"))
                                  : m_document->suitPath();
    const QString path = DialogRunner::saveFile(this, tr("Save signed manifest"), suggested,
                                                tr("SUIT envelopes (*.suit);;All files (*)"));
    if (path.isEmpty())
        return false;
    return saveSuit(path);
}

bool ManifestPage::saveSuit(const QString &path)
{
    if (m_document->signedEnvelope().isEmpty() && !sign())
        return false;
    const QByteArray envelope = m_document->signedEnvelope();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(envelope) != envelope.size() || !file.commit()) {
        const QString error = file.errorString();
        m_log->error(kSource, tr("Cannot save %1: %2").arg(native(path), error));
        DialogRunner::warn(this, tr("Save signed manifest"),
                           tr("The envelope was not written to %1:\n%2").arg(native(path), error));
        return false;
    }
    m_document->setSuitPath(path);
    m_document->setSaved();
    m_log->info(kSource, tr("Saved the signed manifest to %1 (%2 bytes; check it with: %3)")
                             .arg(native(path))
                             .arg(envelope.size())
                             .arg(manifestcommands::verify(path)));
    const Status shown =
        m_envelope->showEnvelope(envelope, QFileInfo(path).fileName(), trustedKeys(m_workspacePath));
    Q_UNUSED(shown);
    updateState();
    return true;
}

void ManifestPage::openEnvelopeWithDialog()
{
    Q_EMIT showRequested();
    const QStringList files = DialogRunner::openFiles(
        this, tr("Open SUIT envelope"), m_workspacePath.isEmpty() ? QDir::homePath() : m_workspacePath,
        tr("SUIT envelopes (*.suit *.cbor *.bin);;All files (*)"));
    if (!files.isEmpty())
        openEnvelope(files.first());
}

bool ManifestPage::openEnvelope(const QString &path)
{
    const Status shown = m_envelope->showFile(path, trustedKeys(m_workspacePath));
    const QString error = shown ? QString() : shown.error().message();
    if (!error.isEmpty()) {
        m_log->error(kSource, tr("Cannot open %1 as a SUIT envelope: %2").arg(native(path), error));
        DialogRunner::warn(this, tr("Open SUIT envelope"),
                           tr("%1 is not a SUIT envelope OTA Desk can read:\n%2").arg(native(path), error));
        return false;
    }
    const bool ok = m_envelope->report().ok();
    m_log->info(kSource, tr("Opened %1: %2 (%3)")
                             .arg(native(path), ok ? tr("verified") : tr("NOT verified"),
                                  manifestcommands::verify(path)));
    m_tabs->setCurrentWidget(m_envelope);
    return true;
}

void ManifestPage::openDraftWithDialog()
{
    Q_EMIT showRequested();
    if (!maybeDiscard())
        return;
    const QStringList files = DialogRunner::openFiles(
        this, tr("Open manifest draft"), m_workspacePath.isEmpty() ? QDir::homePath() : m_workspacePath,
        tr("Manifest drafts (*.suitspec.json);;All files (*)"));
    if (!files.isEmpty())
        openDraft(files.first());
}

bool ManifestPage::openDraft(const QString &path)
{
    const auto spec = readDraft(path, m_workspacePath);
    if (!spec) {
        m_log->error(kSource,
                     tr("Cannot open the manifest draft %1: %2").arg(native(path), spec.error().message()));
        DialogRunner::warn(
            this, tr("Open manifest draft"),
            tr("%1 cannot be opened as a manifest draft:\n%2").arg(native(path), spec.error().message()));
        return false;
    }
    m_document->setSuitPath({});
    m_document->setDraftPath(path);
    m_document->reset(*spec);
    m_tabs->setCurrentIndex(0);
    m_log->info(kSource, tr("Opened the manifest draft %1").arg(native(path)));
    return true;
}

bool ManifestPage::saveDraftWithDialog()
{
    Q_EMIT showRequested();
    const QString suggested =
        !m_document->draftPath().isEmpty()
            ? m_document->draftPath()
            : QDir(m_workspacePath.isEmpty() ? QDir::homePath() : m_workspacePath)
                  .filePath((m_document->spec().product.isEmpty() ? QStringLiteral("manifest")
                                                                  : m_document->spec().product) +
                            QStringLiteral(".suitspec.json"));
    const QString path = DialogRunner::saveFile(this, tr("Save manifest draft"), suggested,
                                                tr("Manifest drafts (*.suitspec.json);;All files (*)"));
    return !path.isEmpty() && saveDraft(path);
}

bool ManifestPage::saveDraft(const QString &path)
{
    if (const Status written = writeDraft(path, m_document->spec()); !written) {
        const QString error = written.error().message();
        m_log->error(kSource, tr("Cannot save the manifest draft %1: %2").arg(native(path), error));
        DialogRunner::warn(this, tr("Save manifest draft"),
                           tr("The draft was not written to %1:\n%2").arg(native(path), error));
        return false;
    }
    m_document->setDraftPath(path);
    m_document->setSaved();
    m_log->info(kSource, tr("Saved the manifest draft %1").arg(native(path)));
    updateState();
    return true;
}

} // namespace otadesk::ui
