// ELF (ELF32/ELF64, little and big endian): programs as linkers produce them. The image holds what
// `objcopy -O binary` would write, at load addresses; the header, segments, sections and symbols go into the
// "elf" metadata. See ElfParser.h (validation), ElfImage.h (loading rules, writer).
#include "core/firmware/formats/ElfImage.h"
#include "core/firmware/formats/ElfParser.h"
#include "core/firmware/formats/Formats.h"

namespace otadesk::firmware {
namespace {

class ElfFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::ElfFormat)
public:
    QString id() const override { return QStringLiteral("elf"); }
    QString displayName() const override { return tr("ELF executable"); }
    QStringList extensions() const override
    {
        return {QStringLiteral("elf"), QStringLiteral("axf"), QStringLiteral("out")};
    }
    int probe(QByteArrayView head) const override { return elf::hasElfMagic(head) ? Certain : NotMine; }

    Result<ReadResult> read(QByteArrayView content, const ReadOptions &options) const override
    {
        auto file = elf::parseElf(content, options.fileName, &options.progress);
        if (!file)
            return std::unexpected(file.error());
        return elf::loadImage(*file, content, options);
    }

    Result<QByteArray> write(const MemoryImage &image, const WriteOptions &options) const override
    {
        return elf::writeImage(image, options.progress);
    }
};

} // namespace

std::unique_ptr<ImageFormat> makeElfFormat()
{
    return std::make_unique<ElfFormat>();
}

} // namespace otadesk::firmware
