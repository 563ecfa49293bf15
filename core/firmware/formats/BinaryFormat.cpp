// Raw binary: the bytes are the image, placed at a caller-given base address. Accepts anything, so it is the
// fallback when no other format recognises the content.
#include "core/firmware/formats/Formats.h"

namespace otadesk::firmware {
namespace {

class BinaryFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::BinaryFormat)
public:
    QString id() const override { return QStringLiteral("bin"); }
    QString displayName() const override { return tr("Raw binary"); }
    QStringList extensions() const override
    {
        return {QStringLiteral("bin"), QStringLiteral("img"), QStringLiteral("raw")};
    }
    int probe(QByteArrayView) const override { return Fallback; }

    Result<ReadResult> read(QByteArrayView content, const ReadOptions &options) const override
    {
        ReadResult r;
        if (options.baseAddress + quint64(content.size()) < options.baseAddress)
            return fail(ErrorCode::InvalidArgument,
                        tr("A %1-byte binary at base address %2 runs past the end of the address space.")
                            .arg(content.size())
                            .arg(formatAddress(options.baseAddress)));
        r.image.appendOrdered(options.baseAddress, content);
        if (content.isEmpty())
            r.warnings.append({Diagnostic::Severity::Warning, tr("The file is empty."), {}});
        return r;
    }

    Result<QByteArray> write(const MemoryImage &image, const WriteOptions &options) const override
    {
        return image.flatten(options.fill);
    }
};

} // namespace

std::unique_ptr<ImageFormat> makeBinaryFormat() { return std::make_unique<BinaryFormat>(); }

} // namespace otadesk::firmware
