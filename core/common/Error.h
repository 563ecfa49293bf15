#pragma once
// The one error type of core/: a code for programs, a translated message for people, and where in the input
// it happened (line, record, byte offset) when the error is about a file.
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <expected>

namespace otadesk {

enum class ErrorCode {
    Io,              // cannot open / read / write a file or folder
    Format,          // the content is not what it claims or is malformed
    UnknownFormat,   // no reader recognises the content
    Checksum,        // a record checksum does not match
    Overlap,         // two records put different bytes at the same address (strict mode)
    Unsupported,     // valid input, but a feature this version does not handle
    InvalidArgument, // a caller passed something that cannot work (bad range, unknown option)
    NotFound,        // a library entry, bundle or file does not exist
    Database,        // the SQLite / PostgreSQL layer failed
    Cancelled,       // the user cancelled a long operation
    Conflict,        // the object exists already or its current state does not allow the change
    Internal,
};

struct SourceLocation
{
    QString file;       // file name the error refers to, may be empty
    qint64 line = -1;   // 1-based text line, -1 if not applicable
    qint64 record = -1; // 1-based record / entry number, -1 if not applicable
    qint64 offset = -1; // byte offset in the file, -1 if not applicable
    bool isEmpty() const { return line < 0 && record < 0 && offset < 0 && file.isEmpty(); }
};

class Error
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::Error)
public:
    Error() = default;
    Error(ErrorCode code, QString message, SourceLocation where = {})
        : m_code(code), m_message(std::move(message)), m_where(std::move(where))
    {
    }

    ErrorCode code() const { return m_code; }
    const QString &message() const { return m_message; }
    const SourceLocation &where() const { return m_where; }
    Error &at(SourceLocation where)
    {
        m_where = std::move(where);
        return *this;
    }
    Error withFile(const QString &file) const
    {
        Error e = *this;
        e.m_where.file = file;
        return e;
    }

    // "file:12: bad checksum ..." style, as compilers print it, so editors can jump to the line.
    QString toString() const;
    static QString codeName(ErrorCode code);

private:
    ErrorCode m_code = ErrorCode::Internal;
    QString m_message;
    SourceLocation m_where;
};

template <typename T> using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, QString message, SourceLocation where = {})
{
    return std::unexpected<Error>(Error(code, std::move(message), std::move(where)));
}

// Something odd but loadable: reported with the same location information as an error.
struct Diagnostic
{
    enum class Severity { Info, Warning };
    Severity severity = Severity::Warning;
    QString message;
    SourceLocation where;
    QString toString() const;
};
using Diagnostics = QList<Diagnostic>;

} // namespace otadesk
