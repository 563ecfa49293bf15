#pragma once
// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
#include <QByteArrayView>

namespace otadesk::manifest {
bool isValidUtf8(QByteArrayView bytes);
}
