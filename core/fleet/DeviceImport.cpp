#include "core/fleet/DeviceImport.h"

#include "core/fleet/CsvReader.h"

#include <algorithm>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace otadesk::fleet {

namespace {
enum class Column { Serial, Model, HwRev, Batch, Year, Vendor, Class, Tags, Cert, Meta };

std::optional<Column> columnFor(const QString &name)
{
    static const QHash<QString, Column> names = {
        {QStringLiteral("serial"), Column::Serial},       {QStringLiteral("device_id"), Column::Serial},
        {QStringLiteral("controllerid"), Column::Serial}, {QStringLiteral("model"), Column::Model},
        {QStringLiteral("product"), Column::Model},       {QStringLiteral("hw_rev"), Column::HwRev},
        {QStringLiteral("hwrev"), Column::HwRev},         {QStringLiteral("hardware_revision"), Column::HwRev},
        {QStringLiteral("batch"), Column::Batch},         {QStringLiteral("year"), Column::Year},
        {QStringLiteral("production_year"), Column::Year}, {QStringLiteral("vendor_id"), Column::Vendor},
        {QStringLiteral("class_id"), Column::Class},      {QStringLiteral("tags"), Column::Tags},
        {QStringLiteral("cert_fingerprint"), Column::Cert}};
    const QString key = name.trimmed().toLower();
    if (key.startsWith(QLatin1String("meta.")) && key.size() > 5)
        return Column::Meta;
    const auto it = names.constFind(key);
    return it == names.cend() ? std::nullopt : std::optional<Column>(*it);
}

// Tags are separated by runs of ASCII white space or '|' (what the pattern [\s|]+ matches, without its cost).
QStringList splitTags(const QString &value)
{
    QStringList tags;
    const auto isSeparator = [](char16_t c) {
        return c == u' ' || c == u'|' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f';
    };
    const QStringView v(value);
    qsizetype i = 0;
    while (i < v.size()) {
        while (i < v.size() && isSeparator(v[i].unicode()))
            ++i;
        qsizetype end = i;
        while (end < v.size() && !isSeparator(v[end].unicode()))
            ++end;
        if (end > i)
            tags.append(v.mid(i, end - i).toString());
        i = end;
    }
    return tags;
}

bool hasControl(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

QString normaliseUuid(const QString &text, bool &ok)
{
    ok = true;
    if (text.isEmpty())
        return text;
    const QUuid uuid = QUuid::fromString(text);
    ok = !uuid.isNull();
    return uuid.toString(QUuid::WithoutBraces);
}

void setField(Device &d, QString &cert, Column c, const QString &header, const QString &value,
              QList<RowProblem> &problems)
{
    switch (c) {
    case Column::Serial: d.serial = value; break;
    case Column::Model: d.model = value; break;
    case Column::HwRev: d.hardwareRevision = value; break;
    case Column::Batch: d.batch = value; break;
    case Column::Year: {
        bool ok = true;
        d.year = value.isEmpty() ? 0 : value.toInt(&ok);
        if (!ok)
            problems.append({0, header, DeviceImport::tr("\"%1\" is not a year.").arg(value)});
        break;
    }
    case Column::Vendor: d.vendorId = value; break;
    case Column::Class: d.classId = value; break;
    case Column::Tags: d.tags = splitTags(value); break;
    case Column::Cert: cert = value; break;
    case Column::Meta:
        if (!value.isEmpty())
            d.metadata.insert(header.trimmed().mid(5), value);
        break;
    }
}
} // namespace

QList<RowProblem> DeviceImport::validate(Device &d, QString &cert)
{
    QList<RowProblem> problems;
    auto check = [&](QString &value, const char *column, bool required) {
        value = value.trimmed();
        if (!(required && value.isEmpty()) && value.size() <= kMaxFieldLength && !hasControl(value))
            return;
        const QString col = QString::fromLatin1(column);
        if (required && value.isEmpty())
            problems.append({0, col, tr("The %1 is missing.").arg(col)});
        else if (value.size() > kMaxFieldLength)
            problems.append({0, col, tr("The %1 is longer than %2 characters.").arg(col).arg(kMaxFieldLength)});
        else if (hasControl(value))
            problems.append({0, col, tr("The %1 contains control characters.").arg(col)});
    };
    check(d.serial, "serial", true);
    check(d.model, "model", false);
    check(d.hardwareRevision, "hw_rev", false);
    check(d.batch, "batch", false);
    if (d.year != 0 && (d.year < 1970 || d.year > 2200))
        problems.append({0, QStringLiteral("year"), tr("The year %1 is not a production year (1970–2200, or empty).")
                                                        .arg(d.year)});
    bool ok = true;
    d.vendorId = normaliseUuid(d.vendorId.trimmed(), ok);
    if (!ok)
        problems.append({0, QStringLiteral("vendor_id"), tr("The vendor ID is not a UUID.")});
    d.classId = normaliseUuid(d.classId.trimmed(), ok);
    if (!ok)
        problems.append({0, QStringLiteral("class_id"), tr("The class ID is not a UUID.")});
    for (QString &tag : d.tags) {
        tag = tag.trimmed();
        if (tag.size() > kMaxFieldLength || hasControl(tag))
            problems.append({0, QStringLiteral("tags"), tr("The tag \"%1\" is too long or contains control "
                                                           "characters.").arg(tag.left(40))});
    }
    if (!d.tags.isEmpty()) {
        d.tags.removeAll(QString());
        d.tags.removeDuplicates();
    }
    for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it) {
        if (it.key().size() > kMaxFieldLength || it.value().size() > 1024 || hasControl(it.key()))
            problems.append({0, QStringLiteral("meta.") + it.key(), tr("The metadata value is too long.")});
    }
    if (!cert.isEmpty())
        cert = cert.trimmed().toLower().remove(u':');
    static const QRegularExpression hex(QStringLiteral("^(?:[0-9a-f]{40}|[0-9a-f]{64})$"));
    if (!cert.isEmpty() && !hex.match(cert).hasMatch())
        problems.append({0, QStringLiteral("cert_fingerprint"),
                         tr("The certificate fingerprint must be a SHA-1 or SHA-256 in hex (40 or 64 digits).")});
    return problems;
}

Result<ProvisionFile> DeviceImport::readCsv(QByteArrayView data, qint64 firstLine)
{
    CsvReader reader(data);
    QStringList header;
    if (!reader.next(header))
        return fail(ErrorCode::Format, tr("The file is empty: the first line must name the columns, e.g. "
                                          "serial,model,batch,year."));
    ProvisionFile file;
    QList<std::optional<Column>> columns;
    bool haveSerial = false;
    for (const QString &h : std::as_const(header)) {
        const auto c = columnFor(h);
        if (!c)
            return fail(ErrorCode::Format, tr("Unknown column \"%1\" in the header. Known columns: %2, and meta.<name> "
                                              "for operator metadata.").arg(h, knownColumns().join(QStringLiteral(", "))),
                        SourceLocation{{}, firstLine, -1, -1});
        haveSerial |= *c == Column::Serial;
        columns.append(c);
        file.columns.append(h.trimmed());
    }
    if (!haveSerial)
        return fail(ErrorCode::Format, tr("The header has no \"serial\" column; every device needs its serial number."),
                    SourceLocation{{}, firstLine, -1, -1});
    // Room for one row per remaining line, so that the lists do not grow step by step on large files.
    const qsizetype lines = std::count(data.begin() + reader.position(), data.end(), '\n') + 1;
    file.rows.reserve(lines);
    QSet<QString> seen;
    seen.reserve(lines);
    QStringList fields;
    while (reader.next(fields)) {
        const qint64 line = firstLine - 1 + reader.line();
        if (reader.unterminatedQuote()) {
            file.problems.append({line, {}, tr("A quoted field is not closed.")});
            break;
        }
        if (fields.size() != columns.size()) {
            file.problems.append({line, {}, tr("The row has %1 fields, the header %2.").arg(fields.size())
                                                .arg(columns.size())});
            continue;
        }
        ProvisionRow row;
        row.line = line;
        QList<RowProblem> problems;
        for (int i = 0; i < columns.size(); ++i)
            setField(row.device, row.certFingerprint, *columns[i], header[i], fields[i], problems);
        problems += validate(row.device, row.certFingerprint);
        if (problems.isEmpty()) {
            const qsizetype before = seen.size();
            seen.insert(row.device.serial);
            if (seen.size() == before)
                problems.append({0, QStringLiteral("serial"), tr("The serial %1 appears twice in the file.")
                                                                  .arg(row.device.serial)});
        }
        if (!problems.isEmpty()) {
            for (RowProblem &p : problems) {
                p.line = line;
                file.problems.append(p);
            }
            continue;
        }
        file.rows.append(std::move(row));
    }
    return file;
}

Result<ProvisionFile> DeviceImport::readJson(QByteArrayView data)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(data.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError)
        return fail(ErrorCode::Format, tr("The JSON is malformed at byte %1: %2.").arg(err.offset).arg(err.errorString()));
    const QJsonArray items = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("devices")).toArray();
    if (!doc.isArray() && !doc.object().contains(QStringLiteral("devices")))
        return fail(ErrorCode::Format, tr("Expected a JSON array of devices, or an object with a \"devices\" array."));
    ProvisionFile file;
    QSet<QString> seen;
    qint64 index = 0;
    for (const QJsonValue &v : items) {
        ++index;
        const QJsonObject o = v.toObject();
        ProvisionRow row;
        row.line = index;
        QList<RowProblem> problems;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("metadata")) {
                const QJsonObject meta = it.value().toObject();
                for (auto m = meta.begin(); m != meta.end(); ++m)
                    row.device.metadata.insert(m.key(), m.value().toVariant().toString());
                continue;
            }
            const auto c = columnFor(it.key());
            if (!c) {
                problems.append({0, it.key(), tr("Unknown field \"%1\".").arg(it.key())});
                continue;
            }
            const QString value = it.value().isArray()
                                      ? it.value().toVariant().toStringList().join(u' ')
                                      : it.value().toVariant().toString();
            setField(row.device, row.certFingerprint, *c, it.key(), value, problems);
        }
        problems += validate(row.device, row.certFingerprint);
        if (problems.isEmpty() && seen.contains(row.device.serial))
            problems.append({0, QStringLiteral("serial"), tr("The serial %1 appears twice in the file.")
                                                              .arg(row.device.serial)});
        for (RowProblem &p : problems) {
            p.line = index;
            file.problems.append(p);
        }
        if (problems.isEmpty()) {
            seen.insert(row.device.serial);
            file.rows.append(std::move(row));
        }
    }
    return file;
}

QStringList DeviceImport::knownColumns()
{
    return {QStringLiteral("serial"),   QStringLiteral("model"),    QStringLiteral("hw_rev"),
            QStringLiteral("batch"),    QStringLiteral("year"),     QStringLiteral("vendor_id"),
            QStringLiteral("class_id"), QStringLiteral("tags"),     QStringLiteral("cert_fingerprint")};
}

QByteArray DeviceImport::csvHeader(const QStringList &metadataNames)
{
    QByteArray out = "serial,model,hw_rev,batch,year,vendor_id,class_id,tags";
    for (const QString &m : metadataNames)
        out += ',' + CsvReader::quote(QStringLiteral("meta.") + m);
    return out + '\n';
}

QByteArray DeviceImport::csvRow(const Device &d, const QStringList &metadataNames)
{
    QByteArray out;
    out.reserve(96);
    for (const QString *f : {&d.serial, &d.model, &d.hardwareRevision, &d.batch}) {
        out += CsvReader::quote(*f);
        out += ',';
    }
    if (d.year)
        out += QByteArray::number(d.year);
    out += ',' + CsvReader::quote(d.vendorId) + ',' + CsvReader::quote(d.classId) + ',' +
           CsvReader::quote(d.tags.join(u' '));
    for (const QString &m : metadataNames)
        out += ',' + CsvReader::quote(d.metadata.value(m));
    return out + '\n';
}

} // namespace otadesk::fleet
