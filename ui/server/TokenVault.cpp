#include "ui/server/TokenVault.h"

#include "core/common/Logging.h"

#include <QPointer>
#include <QTimer>
#include <memory>

#ifdef OTADESK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace otadesk::ui {

TokenVault::TokenVault(QObject *parent) : QObject(parent) {}

bool TokenVault::isCompiledIn()
{
#ifdef OTADESK_HAVE_KEYCHAIN
    return qEnvironmentVariable("OTADESK_KEYCHAIN").compare(QLatin1String("off"), Qt::CaseInsensitive) != 0;
#else
    return false;
#endif
}

namespace {
QString notCompiledReason()
{
#ifdef OTADESK_HAVE_KEYCHAIN
    return TokenVault::tr("the OS keychain is switched off ($OTADESK_KEYCHAIN=off)");
#else
    return TokenVault::tr("this build of OTA Desk has no keychain support (QtKeychain was not found)");
#endif
}

#ifdef OTADESK_HAVE_KEYCHAIN
// Runs a keychain job; `finish` is called exactly once, with the job or with nullptr on timeout.
void runJob(QKeychain::Job *job, int timeoutMs, QObject *context, std::function<void(QKeychain::Job *)> finish)
{
    auto done = std::make_shared<bool>(false);
    auto once = [done, finish](QKeychain::Job *j) {
        if (*done)
            return;
        *done = true;
        finish(j);
    };
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context, [once](QKeychain::Job *j) { once(j); });
    QTimer::singleShot(timeoutMs, context, [once] { once(nullptr); });
    job->start();
}

Error keychainError(QKeychain::Job *job, int timeoutMs)
{
    if (!job)
        return Error(ErrorCode::Unsupported,
                     TokenVault::tr("the OS keychain did not answer within %n second(s)", nullptr, timeoutMs / 1000));
    if (job->error() == QKeychain::EntryNotFound)
        return Error(ErrorCode::NotFound, TokenVault::tr("no token is stored in the OS keychain for this profile"));
    const QString detail = job->errorString().isEmpty() ? TokenVault::tr("error %1").arg(int(job->error()))
                                                         : job->errorString();
    return Error(ErrorCode::Unsupported, TokenVault::tr("the OS keychain is not available (%1)").arg(detail));
}
#endif
} // namespace

void TokenVault::read(const QString &key, Read done)
{
#ifdef OTADESK_HAVE_KEYCHAIN
    if (isCompiledIn()) {
        auto *job = new QKeychain::ReadPasswordJob(serviceName());
        job->setKey(key);
        const int timeout = m_timeoutMs;
        runJob(job, timeout, this, [done, timeout](QKeychain::Job *j) {
            if (j && j->error() == QKeychain::NoError)
                done(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
            else
                done(std::unexpected(keychainError(j, timeout)));
        });
        return;
    }
#else
    Q_UNUSED(key)
#endif
    done(fail(ErrorCode::Unsupported, notCompiledReason()));
}

void TokenVault::write(const QString &key, const QString &token, Done done)
{
#ifdef OTADESK_HAVE_KEYCHAIN
    if (isCompiledIn()) {
        auto *job = new QKeychain::WritePasswordJob(serviceName());
        job->setKey(key);
        job->setTextData(token);
        const int timeout = m_timeoutMs;
        runJob(job, timeout, this, [done, timeout](QKeychain::Job *j) {
            if (j && j->error() == QKeychain::NoError)
                done({});
            else
                done(std::unexpected(keychainError(j, timeout)));
        });
        return;
    }
#else
    Q_UNUSED(key)
    Q_UNUSED(token)
#endif
    done(fail(ErrorCode::Unsupported, notCompiledReason()));
}

void TokenVault::remove(const QString &key, Done done)
{
#ifdef OTADESK_HAVE_KEYCHAIN
    if (isCompiledIn()) {
        auto *job = new QKeychain::DeletePasswordJob(serviceName());
        job->setKey(key);
        const int timeout = m_timeoutMs;
        runJob(job, timeout, this, [done, timeout](QKeychain::Job *j) {
            if (!done)
                return;
            if (j && (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound))
                done({});
            else
                done(std::unexpected(keychainError(j, timeout)));
        });
        return;
    }
#else
    Q_UNUSED(key)
#endif
    if (done)
        done(fail(ErrorCode::Unsupported, notCompiledReason()));
}

void TokenVault::probe(Done done)
{
    read(QStringLiteral("otadesk-keychain-probe"), [done](Result<QString> r) {
        if (r || r.error().code() == ErrorCode::NotFound)
            done({});
        else
            done(std::unexpected(r.error()));
    });
}

} // namespace otadesk::ui
