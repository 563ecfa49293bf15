// libFuzzer target: the zip reader and the package recognisers never crash on any input, and whatever the reader
// accepts survives a write with ZipWriter and a re-read unchanged.
#include "core/library/PackageReader.h"
#include "core/library/ZipArchive.h"
#include "core/library/ZipWriter.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace otadesk::library;
    ZipLimits limits;
    limits.maxTotalSize = 64 << 20; // keep a single run small
    limits.maxEntrySize = 16 << 20;
    auto zip = ZipArchive::fromData(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), limits);
    if (!zip)
        return 0;
    ZipWriter writer;
    QList<std::pair<QString, QByteArray>> members;
    for (const ZipEntryInfo &e : zip->entries()) {
        auto content = zip->read(e);
        if (!content)
            continue;
        if (!e.isDirectory())
            members.append({e.name, *content});
    }
    for (const auto &[name, content] : members)
        writer.add(name, content);
    auto again = ZipArchive::fromData(writer.finish());
    if (!again && members.size() == qsizetype(zip->fileNames().size()))
        std::abort(); // what we read and wrote back must read again
    if (again) {
        for (const auto &[name, content] : members) {
            auto reread = again->read(name);
            if (!reread || *reread != content)
                std::abort();
        }
    }
    (void)PackageReader::plan(*zip, QStringLiteral("fuzz.zip"));
    return 0;
}
