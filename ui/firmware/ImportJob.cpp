#include "ui/firmware/ImportJob.h"

#include "core/common/Logging.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>

namespace otadesk::ui {

int ImportSummary::importedCount() const
{
    int n = 0;
    for (const ImportFileResult &f : files)
        n += f.ok && !f.alreadyPresent ? 1 : 0;
    return n;
}

int ImportSummary::failedCount() const
{
    int n = 0;
    for (const ImportFileResult &f : files)
        n += f.ok ? 0 : 1;
    return n;
}

int ImportSummary::warningCount() const
{
    int n = 0;
    for (const ImportFileResult &f : files)
        n += int(f.warnings.size());
    return n;
}

QList<qint64> ImportSummary::entryIds() const
{
    QList<qint64> ids;
    for (const ImportFileResult &f : files)
        ids += f.entryIds;
    return ids;
}

ImportJob::ImportJob(QString workspacePath, QStringList files, ImportOptions options, QObject *parent)
    : QObject(parent), m_workspacePath(std::move(workspacePath)), m_files(std::move(files)),
      m_options(std::move(options)), m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<otadesk::ui::ImportFileResult>();
    qRegisterMetaType<otadesk::ui::ImportSummary>();
}

ImportJob::~ImportJob()
{
    cancel();
    wait();
}

void ImportJob::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("otadesk-import"));
    m_thread->start(QThread::LowPriority);
}

void ImportJob::cancel() { m_cancelled->store(true); }

bool ImportJob::isRunning() const { return m_thread && m_thread->isRunning(); }

bool ImportJob::wait(int msecs)
{
    if (!m_thread)
        return true;
    const bool done = m_thread->wait(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs));
    if (done) {
        delete m_thread;
        m_thread = nullptr;
    }
    return done;
}

void ImportJob::run()
{
    ImportSummary summary;
    auto opened = library::FirmwareLibrary::open(Workspace(m_workspacePath));
    if (!opened) {
        for (const QString &path : m_files)
            summary.files.append({path, false, false, {}, {}, opened.error().toString()});
        Q_EMIT finished(summary);
        return;
    }
    const std::unique_ptr<library::FirmwareLibrary> lib = std::move(*opened);

    qint64 total = 0;
    for (const QString &path : m_files)
        total += QFileInfo(path).size();
    qint64 before = 0;
    QElapsedTimer sinceReport;
    sinceReport.start();

    for (const QString &path : m_files) {
        if (m_cancelled->load()) {
            summary.cancelled = true;
            break;
        }
        const QString fileName = QFileInfo(path).fileName();
        Q_EMIT progress(before, total, tr("Importing %1…").arg(fileName));

        library::ImportRequest request;
        request.path = path;
        request.product = m_options.product;
        request.version = m_options.version;
        request.component = m_options.component;
        request.formatId = m_options.formatId;
        request.baseAddress = m_options.baseAddress;
        request.overlaps = m_options.strictOverlaps ? firmware::OverlapPolicy::Reject
                                                    : firmware::OverlapPolicy::LastWins;
        request.progress.cancelled = m_cancelled.get();
        request.progress.report = [&, before](qint64 done, qint64) {
            // Called often by readers; a signal every 50 ms is plenty for a progress bar.
            if (sinceReport.elapsed() < 50)
                return;
            sinceReport.restart();
            Q_EMIT progress(before + done, total, tr("Importing %1…").arg(fileName));
        };

        ImportFileResult result;
        result.path = path;
        const auto outcome = lib->importFile(request);
        if (outcome && m_cancelled->load() && !outcome->alreadyPresent) {
            // Cancelled while the last step ran: undo it, the user asked for nothing to be kept.
            for (const library::FirmwareEntry &e : outcome->entries)
                (void)lib->remove(e.id);
            if (outcome->bundle)
                (void)lib->removeBundle(outcome->bundle->id, false);
            summary.cancelled = true;
            break;
        }
        if (outcome) {
            result.ok = true;
            result.alreadyPresent = outcome->alreadyPresent;
            for (const library::FirmwareEntry &e : outcome->entries)
                result.entryIds.append(e.id);
            for (const Diagnostic &d : outcome->warnings)
                result.warnings.append(d.toString());
        } else if (outcome.error().code() == ErrorCode::Cancelled || m_cancelled->load()) {
            summary.cancelled = true;
            break;
        } else {
            result.error = outcome.error().toString();
        }
        qCDebug(lcUi) << "import" << path << (result.ok ? "ok" : "failed") << result.error;
        summary.files.append(result);
        Q_EMIT fileFinished(result);
        before += QFileInfo(path).size();
    }
    Q_EMIT progress(total, total, {});
    Q_EMIT finished(summary);
}

} // namespace otadesk::ui
