// PLACEHOLDER: replaced by the real Intel HEX reader/writer.
#include "core/firmware/formats/Formats.h"

namespace otadesk::firmware {
namespace {
class IntelHexFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::IntelHexFormat)
public:
    QString id() const override { return QStringLiteral("ihex"); }
    QString displayName() const override { return tr("Intel HEX"); }
    QStringList extensions() const override { return {QStringLiteral("ihex")}; }
    int probe(QByteArrayView) const override { return NotMine; }
    Result<ReadResult> read(QByteArrayView, const ReadOptions &) const override
    {
        return fail(ErrorCode::Unsupported, tr("Intel HEX is not implemented yet."));
    }
    Result<QByteArray> write(const MemoryImage &, const WriteOptions &) const override
    {
        return fail(ErrorCode::Unsupported, tr("Intel HEX is not implemented yet."));
    }
};
} // namespace
std::unique_ptr<ImageFormat> makeIntelHexFormat() { return std::make_unique<IntelHexFormat>(); }
} // namespace otadesk::firmware
