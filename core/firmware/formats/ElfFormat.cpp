// PLACEHOLDER: replaced by the real ELF reader/writer.
#include "core/firmware/formats/Formats.h"

namespace otadesk::firmware {
namespace {
class ElfFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::ElfFormat)
public:
    QString id() const override { return QStringLiteral("elf"); }
    QString displayName() const override { return tr("ELF"); }
    QStringList extensions() const override { return {QStringLiteral("elf")}; }
    int probe(QByteArrayView) const override { return NotMine; }
    Result<ReadResult> read(QByteArrayView, const ReadOptions &) const override
    {
        return fail(ErrorCode::Unsupported, tr("ELF is not implemented yet."));
    }
    Result<QByteArray> write(const MemoryImage &, const WriteOptions &) const override
    {
        return fail(ErrorCode::Unsupported, tr("ELF is not implemented yet."));
    }
};
} // namespace
std::unique_ptr<ImageFormat> makeElfFormat() { return std::make_unique<ElfFormat>(); }
} // namespace otadesk::firmware
