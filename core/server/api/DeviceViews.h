#pragma once
// JSON shapes of fleet objects in the management API (docs/openapi.yaml): devices, groups, enrolment tokens,
// device events.
#include "core/fleet/Device.h"
#include "core/store/DeviceCredentials.h"
#include "core/store/DeviceRepository.h"
#include "core/store/GroupRepository.h"

#include <QJsonObject>

namespace otadesk::server {

// `full`: with attributes and metadata (the single-device view).
QJsonObject deviceJson(const fleet::Device &device, bool full);
QJsonObject groupJson(const store::DeviceGroup &group);
QJsonObject enrolmentTokenJson(const store::EnrolmentToken &token);
QJsonObject deviceEventJson(const store::DeviceEvent &event);

} // namespace otadesk::server
