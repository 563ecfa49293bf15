#include "core/fleet/Device.h"

namespace otadesk::fleet {

const InstalledComponent *Device::component(const QString &name) const
{
    for (const InstalledComponent &c : components) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

} // namespace otadesk::fleet
