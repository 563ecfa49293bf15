#pragma once
// The list of known formats, detection by content, and whole-file convenience functions used by the library,
// the CLI and the GUI.
#include "core/firmware/ImageFormat.h"

#include <memory>
#include <vector>

namespace otadesk::firmware {

class FormatRegistry
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::FormatRegistry)
public:
    static const FormatRegistry &instance(); // all built-in formats

    const ImageFormat *byId(const QString &id) const;
    const ImageFormat *byExtension(const QString &fileName) const;
    QList<const ImageFormat *> formats() const;
    QStringList ids() const;
    QString openFileFilter() const; // for file dialogs: "All firmware (...);;Intel HEX (...);;..."

    // Highest-confidence format for the content; ties broken by the file-name extension. Never null: raw
    // binary accepts anything.
    const ImageFormat *detect(QByteArrayView content, const QString &fileNameHint = {}) const;

    void add(std::unique_ptr<ImageFormat> format);

private:
    std::vector<std::unique_ptr<ImageFormat>> m_formats;
};

struct LoadedImage
{
    ReadResult result;
    const ImageFormat *format = nullptr;
    QByteArray fileSha256; // digest of the file as stored on disk (empty if ReadOptions::fileDigest is off)
    qint64 fileSize = 0;
};

// Reads a whole file (memory-mapped), detects its format unless formatId is given, parses it.
Result<LoadedImage> loadImageFile(const QString &path, const ReadOptions &options = {},
                                  const QString &formatId = {});
// Parses content already in memory (the library's blobs, zip members).
Result<LoadedImage> loadImageData(QByteArrayView content, const ReadOptions &options = {},
                                  const QString &formatId = {});
// Writes an image in a format to a file (atomically: temp file + rename).
Status saveImageFile(const MemoryImage &image, const QString &path, const QString &formatId,
                     const WriteOptions &options = {});

} // namespace otadesk::firmware
