#include "core/common/Version.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf("otactl %s\n", otadesk::kVersion);
    return 0;
}
