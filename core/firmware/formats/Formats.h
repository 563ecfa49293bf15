#pragma once
// Factories of the built-in formats, registered by FormatRegistry::instance().
#include "core/firmware/ImageFormat.h"

#include <memory>

namespace otadesk::firmware {
std::unique_ptr<ImageFormat> makeBinaryFormat();
std::unique_ptr<ImageFormat> makeIntelHexFormat();
std::unique_ptr<ImageFormat> makeSRecordFormat();
std::unique_ptr<ImageFormat> makeElfFormat();
} // namespace otadesk::firmware
