#include "SuitNames.h"

#include "core/manifest/CharacteristicExtension.h"

#include <QHash>

namespace otadesk::manifest::suitNames {

static const QHash<qint64, QString> &commands()
{
    static const QHash<qint64, QString> names = {
        {1, QStringLiteral("condition-vendor-identifier")}, {2, QStringLiteral("condition-class-identifier")},
        {3, QStringLiteral("condition-image-match")}, {4, QStringLiteral("condition-use-before")},
        {5, QStringLiteral("condition-component-slot")}, {6, QStringLiteral("condition-check-content")},
        {7, QStringLiteral("condition-dependency-integrity")}, {8, QStringLiteral("condition-is-dependency")},
        {11, QStringLiteral("directive-process-dependency")}, {12, QStringLiteral("directive-set-component-index")},
        {14, QStringLiteral("condition-abort")}, {15, QStringLiteral("directive-try-each")},
        {18, QStringLiteral("directive-write")}, {19, QStringLiteral("directive-set-parameters")},
        {20, QStringLiteral("directive-override-parameters")}, {21, QStringLiteral("directive-fetch")},
        {22, QStringLiteral("directive-copy")}, {23, QStringLiteral("directive-invoke")},
        {24, QStringLiteral("condition-device-identifier")}, {25, QStringLiteral("condition-image-not-match")},
        {26, QStringLiteral("condition-minimum-battery")}, {27, QStringLiteral("condition-update-authorized")},
        {28, QStringLiteral("condition-version")}, {29, QStringLiteral("directive-wait")},
        {31, QStringLiteral("directive-swap")}, {32, QStringLiteral("directive-run-sequence")},
        {33, QStringLiteral("directive-unlink")}, {34, QStringLiteral("directive-override-multiple")},
        {35, QStringLiteral("directive-copy-params")},
    };
    return names;
}

QString command(qint64 code)
{
    if (const auto it = commands().constFind(code); it != commands().constEnd())
        return *it;
    if (code < -256)
        return QStringLiteral("custom %1").arg(code);
    return QStringLiteral("command %1").arg(code);
}

bool isKnownCommand(qint64 code)
{
    return code < -256 || commands().contains(code);
}

QString parameter(qint64 key)
{
    static const QHash<qint64, QString> names = {
        {1, QStringLiteral("vendor-identifier")}, {2, QStringLiteral("class-identifier")},
        {3, QStringLiteral("image-digest")}, {4, QStringLiteral("use-before")}, {5, QStringLiteral("component-slot")},
        {12, QStringLiteral("strict-order")}, {13, QStringLiteral("soft-failure")}, {14, QStringLiteral("image-size")},
        {18, QStringLiteral("content")}, {19, QStringLiteral("encryption-info")}, {21, QStringLiteral("uri")},
        {22, QStringLiteral("source-component")}, {23, QStringLiteral("invoke-args")},
        {24, QStringLiteral("device-identifier")}, {25, QStringLiteral("fetch-arguments")},
        {26, QStringLiteral("minimum-battery")}, {27, QStringLiteral("update-priority")},
        {28, QStringLiteral("version")}, {29, QStringLiteral("wait-info")}, {30, QStringLiteral("component-metadata")},
        {otadeskExtension::CharacteristicsParameter, QStringLiteral("otadesk-characteristics")},
    };
    if (const auto it = names.constFind(key); it != names.constEnd())
        return *it;
    return key < 0 ? QStringLiteral("custom %1").arg(key) : QStringLiteral("parameter %1").arg(key);
}

static const QHash<qint64, QString> &members()
{
    static const QHash<qint64, QString> names = {
        {1, QStringLiteral("manifest-version")}, {2, QStringLiteral("manifest-sequence-number")},
        {3, QStringLiteral("common")}, {4, QStringLiteral("reference-uri")}, {5, QStringLiteral("manifest-component-id")},
        {6, QStringLiteral("set-version")}, {7, QStringLiteral("validate")}, {8, QStringLiteral("load")},
        {9, QStringLiteral("invoke")}, {14, QStringLiteral("coswid")}, {15, QStringLiteral("dependency-resolution")},
        {16, QStringLiteral("payload-fetch")}, {18, QStringLiteral("candidate-verification")},
        {20, QStringLiteral("install")}, {23, QStringLiteral("text")}, {24, QStringLiteral("uninstall")},
    };
    return names;
}

QString manifestMember(qint64 key)
{
    if (const auto it = members().constFind(key); it != members().constEnd())
        return *it;
    return QStringLiteral("member %1").arg(key);
}

bool isKnownManifestKey(qint64 key)
{
    return members().contains(key);
}

} // namespace otadesk::manifest::suitNames

#include "core/manifest/SuitModel.h"

QString otadesk::manifest::SuitCommand::name() const
{
    return suitNames::command(code);
}
