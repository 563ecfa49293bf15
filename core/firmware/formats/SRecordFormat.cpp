// PLACEHOLDER: replaced by the real Motorola S-record reader/writer.
#include "core/firmware/formats/Formats.h"

namespace otadesk::firmware {
namespace {
class SRecordFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::SRecordFormat)
public:
    QString id() const override { return QStringLiteral("srec"); }
    QString displayName() const override { return tr("Motorola S-record"); }
    QStringList extensions() const override { return {QStringLiteral("srec")}; }
    int probe(QByteArrayView) const override { return NotMine; }
    Result<ReadResult> read(QByteArrayView, const ReadOptions &) const override
    {
        return fail(ErrorCode::Unsupported, tr("Motorola S-record is not implemented yet."));
    }
    Result<QByteArray> write(const MemoryImage &, const WriteOptions &) const override
    {
        return fail(ErrorCode::Unsupported, tr("Motorola S-record is not implemented yet."));
    }
};
} // namespace
std::unique_ptr<ImageFormat> makeSRecordFormat() { return std::make_unique<SRecordFormat>(); }
} // namespace otadesk::firmware
