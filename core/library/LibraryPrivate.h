#pragma once
// What one FirmwareLibrary instance owns: its workspace, its database connection and the blob store.
#include "core/library/BlobStore.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/LibraryDatabase.h"

namespace otadesk::library {

struct FirmwareLibrary::Private
{
    Private(Workspace ws, std::unique_ptr<LibraryDatabase> database)
        : workspace(std::move(ws)), db(std::move(database)), blobs(workspace.blobsPath())
    {
    }
    Workspace workspace;
    std::unique_ptr<LibraryDatabase> db;
    BlobStore blobs;
};

} // namespace otadesk::library
