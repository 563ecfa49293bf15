#pragma once
// Natural order of serial numbers and other identifiers: runs of ASCII digits compare by their numeric value
// ("SN-9999" < "SN-10000", "A2" < "A10"), a run with more leading zeros after the same value with fewer
// ("SN-5" < "SN-05"), everything else by code point. naturalKey() turns a text into a string whose byte-wise
// (UTF-8) order is that natural order, so that the store can index it and SQL can compare it as plain text.
// Digit runs longer than 9999 digits are split into runs of 9999 (the order stays total and consistent).
#include <QString>

namespace otadesk::fleet {

QString naturalKey(const QString &text);
int naturalCompare(const QString &a, const QString &b); // by naturalKey

// Compares by Unicode code point, which is the byte order of UTF-8: the order of SQLite's BINARY collation
// and of PostgreSQL's COLLATE "C" (QString::compare orders by UTF-16 code unit, which differs above U+FFFF).
int compareCodePoints(const QString &a, const QString &b);

} // namespace otadesk::fleet
